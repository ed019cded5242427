package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import dev.trawl.url.Scope;
import org.junit.jupiter.api.Test;

/** Retries, deadlines, redirects and body limits, as the crawl records them. */
class FetchBehaviourTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeSite site = new FakeSite();

    @Test
    void retriesAfterRetryAfterSecondsAndCountsAttempts() {
        AtomicInteger calls = new AtomicInteger();
        site.route("/", request -> calls.incrementAndGet() == 1
                ? new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build()
                : FakeSite.html("Back"));
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        JsonNode record = result.record(server.url("/"));
        assertEquals(200, record.get("status").asInt());
        assertEquals(2, record.get("attempts").asInt());
        assertTrue(record.get("error").isNull());
        assertEquals(List.of(Duration.ofSeconds(1)), result.sleeps());
    }

    @Test
    void retriesAfterRetryAfterHttpDate() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        // One second, not more: the host is really held back that long (the pacer waits in real time).
        String in1s = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(1).atOffset(ZoneOffset.UTC));
        AtomicInteger calls = new AtomicInteger();
        site.route("/", request -> calls.incrementAndGet() == 1
                ? new MockResponse.Builder().code(429).addHeader("Retry-After", in1s).build()
                : FakeSite.html("Back"));
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), Clock.fixed(now, ZoneOffset.UTC), server.url("/"));

        assertEquals(200, result.record(server.url("/")).get("status").asInt());
        assertEquals(List.of(Duration.ofSeconds(1)), result.sleeps());
    }

    @Test
    void givesUpAtOnceWhenRetryAfterIsBeyondTheCap() {
        site.fixed("/", new MockResponse.Builder().code(503).addHeader("Retry-After", "3600").build());
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        JsonNode record = result.record(server.url("/"));
        assertEquals(503, record.get("status").asInt());
        assertEquals(1, record.get("attempts").asInt());
        assertEquals("http", record.get("error").get("type").asText());
        assertTrue(record.get("error").get("message").asText().contains("Retry-After"));
        assertEquals(List.of(), result.sleeps());
    }

    @Test
    void retriesTransientStatusesWithBackoffThenRecordsTheLastOne() {
        site.fixed("/", new MockResponse.Builder().code(502).build());
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.retries(2)), server.url("/"));

        JsonNode record = result.record(server.url("/"));
        assertEquals(502, record.get("status").asInt());
        assertEquals(3, record.get("attempts").asInt());
        assertEquals("http", record.get("error").get("type").asText());
        assertEquals(3, site.hits("/"));
        // the test's random source picks the top of each range: base 100ms, then doubled
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), result.sleeps());
    }

    @Test
    void doesNotRetryAPermanentStatus() {
        site.page("/", "Home", "/missing");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        JsonNode record = result.record(server.url("/missing"));
        assertEquals(404, record.get("status").asInt());
        assertEquals(1, record.get("attempts").asInt());
        assertEquals("http", record.get("error").get("type").asText());
        assertEquals(1, site.hits("/missing"));
    }

    @Test
    void endsADrippingBodyAtTheDeadlineWhileOtherPagesAreFetched() {
        site.page("/", "Home", "/drip", "/a", "/b")
                .fixed("/drip", new MockResponse.Builder().addHeader("Content-Type", "text/html")
                        .body("<title>never</title>" + "x".repeat(100_000))
                        .throttleBody(1, 50, TimeUnit.MILLISECONDS).build())
                .page("/a", "A")
                .page("/b", "B");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.timeout(Duration.ofMillis(700)).retries(0)),
                server.url("/"));

        JsonNode drip = result.record(server.url("/drip"));
        assertEquals("timeout", drip.get("error").get("type").asText());
        assertTrue(drip.get("elapsed_ms").asLong() < 5_000, "held " + drip.get("elapsed_ms") + "ms");
        assertEquals("A", result.record(server.url("/a")).get("title").asText());
        assertEquals("B", result.record(server.url("/b")).get("title").asText());
    }

    @Test
    void endsAServerThatNeverAnswersAtTheDeadline() {
        site.fixed("/", new MockResponse.Builder().headersDelay(1, TimeUnit.HOURS).build());
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.timeout(Duration.ofMillis(500)).retries(1)),
                server.url("/"));

        JsonNode record = result.record(server.url("/"));
        assertEquals("timeout", record.path("error").path("type").asText());
        assertTrue(record.get("status").isNull());
        assertEquals(2, record.get("attempts").asInt());
    }

    @Test
    void followsARedirectChainAndRecordsWhereItEnded() {
        site.fixed("/r1", redirect(301, "/r2"))
                .fixed("/r2", redirect(302, "/final"))
                .page("/final", "Final", "/other")
                .page("/other", "Other");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/r1"));

        JsonNode record = result.record(server.url("/r1"));
        assertEquals(server.url("/final").toString(), record.get("final_url").asText());
        assertEquals(200, record.get("status").asInt());
        assertEquals("Final", record.get("title").asText());
        assertEquals(1, result.record(server.url("/other")).get("depth").asInt());
        assertEquals(2, result.records().size());
    }

    @Test
    void fetchesARedirectTargetOnceEvenWhenItIsAlsoLinked() {
        site.page("/", "Home", "/old", "/new", "/also-old")
                .fixed("/old", redirect(301, "/new"))
                .fixed("/also-old", redirect(301, "/new"))
                .page("/new", "New", "/", "/old");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        assertEquals(1, site.hits("/new"));
        assertEquals(4, result.records().size());
        long withTitle = result.records().stream().filter(r -> "New".equals(r.get("title").asText(null))).count();
        assertEquals(1, withTitle, "the page behind the redirects is recorded once");
        for (String path : new String[] {"/old", "/also-old"}) {
            JsonNode record = result.record(server.url(path));
            assertEquals(server.url("/new").toString(), record.get("final_url").asText());
            assertTrue(record.get("error").isNull());
        }
    }

    @Test
    void recordsARedirectLoop() {
        site.fixed("/l1", redirect(302, "/l2")).fixed("/l2", redirect(302, "/l1"));
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/l1"));

        JsonNode record = result.record(server.url("/l1"));
        assertEquals("redirect_loop", record.get("error").get("type").asText());
        assertEquals(1, site.hits("/l1"));
        assertEquals(1, site.hits("/l2"));
    }

    @Test
    void givesUpAfterTenRedirects() {
        for (int i = 0; i < 12; i++) {
            site.fixed("/h" + i, redirect(302, "/h" + (i + 1)));
        }
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/h0"));

        assertEquals("redirect_loop", result.record(server.url("/h0")).get("error").get("type").asText());
        assertEquals(1, site.hits("/h10"), "ten hops followed");
        assertEquals(0, site.hits("/h11"));
    }

    @Test
    void refusesARedirectToANonHttpScheme() {
        site.fixed("/", redirect(302, "ftp://example.com/file"));
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        assertEquals("invalid_url", result.record(server.url("/")).get("error").get("type").asText());
    }

    @Test
    void aSeedRedirectingToAnotherHostBringsItIntoScope() {
        // "127.0.0.1" and "localhost" are two hosts to the crawler, one server here.
        HttpUrl seed = server.url("/").newBuilder().host("127.0.0.1").build();
        site.route("/", request -> "127.0.0.1".equals(request.getUrl().host())
                        ? redirect(301, server.url("/home").toString())
                        : FakeSite.html("nope"))
                .page("/home", "Home", "/inside")
                .page("/inside", "Inside");
        server.setDispatcher(site);

        // "localhost" is a loopback host that is not a seed's: going there needs --allow-private.
        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(TestConfig::allowPrivate), seed);

        assertEquals(server.url("/home").toString(), result.record(seed).get("final_url").asText());
        assertEquals("Inside", result.record(server.url("/inside")).get("title").asText());
    }

    @Test
    void doesNotFollowALinkedPageRedirectingOutOfScope() {
        HttpUrl elsewhere = server.url("/away").newBuilder().host("127.0.0.1").build();
        site.page("/", "Home", "/leave").fixed("/leave", redirect(302, elsewhere.toString()));
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        JsonNode record = result.record(server.url("/leave"));
        assertEquals(302, record.get("status").asInt());
        assertEquals(elsewhere.toString(), record.get("final_url").asText());
        assertTrue(record.get("error").isNull());
        assertEquals(0, site.hits("/away"));
    }

    @Test
    void aLinkOrRedirectIntoAPrivateAddressIsRefusedUnlessAllowed() {
        // The seed's host is "localhost"; "127.0.0.1" is another host on a loopback address.
        HttpUrl inward = server.url("/inside").newBuilder().host("127.0.0.1").build();
        site.page("/", "Home", inward.toString(), "/jump")
                .fixed("/jump", redirect(302, inward.newBuilder().encodedPath("/via-redirect").build().toString()))
                .page("/inside", "Inside")
                .page("/via-redirect", "Via redirect");
        server.setDispatcher(site);

        CrawlRun.Result guarded = CrawlRun.crawl(TestConfig.with(c -> c.scope(Scope.ANY)), server.url("/"));

        JsonNode link = guarded.record(inward);
        assertEquals("invalid_url", link.get("error").get("type").asText());
        assertTrue(link.get("error").get("message").asText().contains("--allow-private"));
        JsonNode hop = guarded.record(server.url("/jump"));
        assertEquals("invalid_url", hop.get("error").get("type").asText());
        assertEquals(0, site.hits("/inside"));
        assertEquals(0, site.hits("/via-redirect"));

        CrawlRun.Result allowed = CrawlRun.crawl(TestConfig.with(c -> c.scope(Scope.ANY).allowPrivate()),
                server.url("/"));
        assertEquals("Inside", allowed.record(inward).get("title").asText());
    }

    @Test
    void recordsTooLargeBodiesExactlyAtTheLimit() {
        String fits = "<title>ok</title>" + "x".repeat(1000 - 17);
        site.page("/", "Home", "/fits", "/big", "/big-chunked")
                .fixed("/fits", new MockResponse.Builder().addHeader("Content-Type", "text/html").body(fits).build())
                .fixed("/big", new MockResponse.Builder().addHeader("Content-Type", "text/html").body(fits + "x").build())
                .fixed("/big-chunked", new MockResponse.Builder().addHeader("Content-Type", "text/html")
                        .chunkedBody(fits + "x", 100).build());
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.maxBytes(1000)), server.url("/"));

        JsonNode fitsRecord = result.record(server.url("/fits"));
        assertTrue(fitsRecord.get("error").isNull());
        assertEquals(1000, fitsRecord.get("content_length").asInt());
        for (String path : new String[] {"/big", "/big-chunked"}) {
            JsonNode record = result.record(server.url(path));
            assertEquals("too_large", record.get("error").get("type").asText(), path);
            assertEquals(200, record.get("status").asInt());
        }
    }

    @Test
    void recordsOtherContentTypesWithoutReadingTheirBodies() {
        site.page("/", "Home", "/file.pdf")
                .fixed("/file.pdf", new MockResponse.Builder().addHeader("Content-Type", "application/pdf")
                        .body("%PDF" + "x".repeat(200_000)).build());
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.maxBytes(1000)), server.url("/"));

        JsonNode pdf = result.record(server.url("/file.pdf"));
        assertEquals("application/pdf", pdf.get("content_type").asText());
        assertTrue(pdf.get("content_length").isNull());
        assertTrue(pdf.get("title").isNull());
        assertTrue(pdf.get("error").isNull(), "a large body not read is not too_large");
    }

    @Test
    void recordsAConnectionFailureAsConnect() {
        HttpUrl closed = server.url("/");
        server.close();

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.retries(0).ignoreRobots()), closed);

        assertEquals("connect", result.record(closed).get("error").get("type").asText());
    }

    private static MockResponse redirect(int code, String location) {
        return new MockResponse.Builder().code(code).addHeader("Location", location).build();
    }
}
