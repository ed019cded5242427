package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * {@code --check-links}: links the crawl does not follow are asked for their status once each, with
 * HEAD and, when HEAD does not tell, GET; they are never read or followed. The site is on
 * "localhost"; "127.0.0.1" (another server) is a host out of scope.
 */
class LinkCheckTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    @StartStop
    private final MockWebServer external = new MockWebServer();
    private final FakeSite site = new FakeSite();
    private final FakeSite elsewhere = new FakeSite();
    /** Method and path of each request the external host got, robots.txt aside. */
    private final List<String> externalRequests = new CopyOnWriteArrayList<>();

    private HttpUrl out(String path) {
        return external.url(path).newBuilder().host("127.0.0.1").build();
    }

    /** An external route that notes the method of each request. */
    private void externalRoute(String path, Function<RecordedRequest, MockResponse> response) {
        elsewhere.route(path, request -> {
            externalRequests.add(request.getMethod() + " " + path);
            return response.apply(request);
        });
    }

    private CrawlRun.Result crawl(java.util.function.UnaryOperator<TestConfig> options) {
        server.setDispatcher(site);
        external.setDispatcher(elsewhere);
        return CrawlRun.crawl(TestConfig.with(c -> options.apply(c.checkLinks().allowPrivate())), server.url("/"));
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).build();
    }

    @Test
    void anOutOfScopeLinkOnManyPagesIsCheckedOnceWithHead() {
        HttpUrl link = out("/doc.pdf");
        site.page("/", "Home", "/a", "/b", link.toString()).page("/a", "A", link.toString())
                .page("/b", "B", link.toString());
        externalRoute("/doc.pdf", request -> new MockResponse.Builder()
                .addHeader("Content-Type", "application/pdf").body("%PDF-").build());

        CrawlRun.Result result = crawl(c -> c);

        assertEquals(List.of("HEAD /doc.pdf"), externalRequests);
        JsonNode record = result.record(link);
        assertTrue(record.get("checked").asBoolean(), record::toString);
        assertEquals(200, record.get("status").asInt());
        assertEquals("application/pdf", record.get("content_type").asText());
        assertTrue(record.get("content_length").isNull(), "nothing read");
        assertTrue(record.get("error").isNull());
        assertEquals(1, record.get("depth").asInt());
        assertEquals(server.url("/").toString(), record.get("parent").asText());
        assertEquals(1, record.get("attempts").asInt());
        assertFalse(result.record(server.url("/a")).get("checked").asBoolean());
        assertEquals(4, result.records().size());
    }

    @Test
    void headRefusedIsAskedAgainWithGetWithoutReadingTheBody() {
        for (int refusal : new int[] {405, 501}) {
            externalRequests.clear();
            HttpUrl link = out("/no-head-" + refusal);
            site.page("/", "Home", link.toString());
            externalRoute("/no-head-" + refusal, request -> request.getMethod().equals("HEAD") ? status(refusal)
                    : FakeSite.html("Fine", "/never-followed"));

            CrawlRun.Result result = crawl(c -> c);

            assertEquals(List.of("HEAD /no-head-" + refusal, "GET /no-head-" + refusal), externalRequests);
            JsonNode record = result.record(link);
            assertEquals(200, record.get("status").asInt(), record::toString);
            assertTrue(record.get("error").isNull());
            assertEquals(2, record.get("attempts").asInt(), "HEAD and GET");
            assertTrue(record.get("title").isNull() && record.get("links").isEmpty(), "not read, not followed");
            assertEquals(0, elsewhere.hits("/never-followed"));
        }
    }

    @Test
    void aServerThatAnswersHeadWronglyIsBelievedOnlyOnGet() {
        HttpUrl lying = out("/lying");
        HttpUrl broken = out("/broken");
        site.page("/", "Home", lying.toString(), broken.toString());
        externalRoute("/lying", request -> request.getMethod().equals("HEAD") ? status(404) : FakeSite.html("Here"));
        externalRoute("/broken", request -> status(404));

        CrawlRun.Result result = crawl(c -> c);

        assertEquals(200, result.record(lying).get("status").asInt());
        assertTrue(result.record(lying).get("error").isNull());
        JsonNode gone = result.record(broken);
        assertEquals(404, gone.get("status").asInt());
        assertEquals("http", gone.get("error").get("type").asText());
        assertTrue(gone.get("checked").asBoolean());
        assertTrue(externalRequests.containsAll(List.of("HEAD /broken", "GET /broken")), externalRequests::toString);
        assertEquals(2, result.outcome().summary().checked());
        assertEquals(1, result.outcome().summary().checkedBroken());
    }

    @Test
    void aCheckedLinkIsFollowedThroughItsRedirectsToWhereTheyEnd() {
        HttpUrl moved = out("/moved");
        HttpUrl movedAway = out("/moved-away");
        site.page("/", "Home", moved.toString(), movedAway.toString());
        externalRoute("/moved", request -> new MockResponse.Builder().code(301).addHeader("Location", "/new").build());
        externalRoute("/new", request -> FakeSite.html("New"));
        externalRoute("/moved-away", request -> new MockResponse.Builder().code(302)
                .addHeader("Location", "/gone").build());

        CrawlRun.Result result = crawl(c -> c);

        JsonNode record = result.record(moved);
        assertEquals(200, record.get("status").asInt());
        assertEquals(out("/new").toString(), record.get("final_url").asText());
        JsonNode broken = result.record(movedAway);
        assertEquals(404, broken.get("status").asInt());
        assertEquals(out("/gone").toString(), broken.get("final_url").asText());
        assertEquals("http", broken.get("error").get("type").asText());
        assertFalse(result.byUrl().containsKey(out("/new").toString()), "a hop has no record of its own");
    }

    @Test
    void aHostThatRefusesConnectionsIsBrokenWithConnectNotRobots() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpUrl dead = HttpUrl.get("http://127.0.0.1:" + closedPort + "/page");
        site.page("/", "Home", dead.toString());

        CrawlRun.Result result = crawl(c -> c.retries(0));

        JsonNode record = result.record(dead);
        assertEquals("connect", record.get("error").get("type").asText(), record::toString);
        assertTrue(record.get("status").isNull());
        assertTrue(record.get("checked").asBoolean());
    }

    @Test
    void aSlowHostIsATimeoutAndDoesNotHoldTheCrawl() {
        HttpUrl slow = out("/slow");
        HttpUrl fine = out("/fine");
        site.page("/", "Home", slow.toString(), fine.toString());
        externalRoute("/slow", request -> new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS)
                .body("late").build());
        externalRoute("/fine", request -> FakeSite.html("Fine"));

        CrawlRun.Result result = crawl(c -> c.timeout(Duration.ofMillis(500)).retries(0));

        assertEquals("timeout", result.record(slow).get("error").get("type").asText());
        assertEquals(200, result.record(fine).get("status").asInt());
    }

    @Test
    void linksBeyondTheDepthLimitAreCheckedNotCrawled() {
        site.page("/", "Home", "/one").page("/one", "One", "/two").page("/two", "Two", "/three")
                .page("/three", "Three");

        CrawlRun.Result result = crawl(c -> c.maxDepth(1));

        JsonNode two = result.record(server.url("/two"));
        assertTrue(two.get("checked").asBoolean());
        assertEquals(200, two.get("status").asInt());
        assertEquals(2, two.get("depth").asInt());
        assertTrue(two.get("links").isEmpty());
        assertFalse(result.record(server.url("/one")).get("checked").asBoolean());
        assertEquals(0, site.hits("/three"), "a checked page's links are not followed");
        assertEquals(3, result.records().size());
    }

    @Test
    void excludedLinksAreCheckedAndNofollowLinksAreLeftAlone() {
        site.route("/", request -> new MockResponse.Builder().addHeader("Content-Type", "text/html")
                .body("<a href=/private/x>x</a><a rel=nofollow href=/login>login</a>").build())
                .page("/private/x", "X", "/private/deeper").page("/login", "Login");

        CrawlRun.Result result = crawl(c -> c.exclude("/private/"));

        JsonNode excluded = result.record(server.url("/private/x"));
        assertTrue(excluded.get("checked").asBoolean());
        assertEquals(0, site.hits("/private/deeper"));
        assertFalse(result.byUrl().containsKey(server.url("/login").toString()));
        assertEquals(0, site.hits("/login"));
    }

    @Test
    void robotsTxtOfTheLinkedHostIsObeyed() {
        HttpUrl disallowed = out("/private/page");
        site.page("/", "Home", disallowed.toString());
        elsewhere.fixed("/robots.txt", new MockResponse.Builder().body("User-agent: *\nDisallow: /private/\n").build());

        CrawlRun.Result result = crawl(c -> c);

        assertEquals("robots", result.record(disallowed).get("error").get("type").asText());
        assertEquals(0, elsewhere.hits("/private/page"));
    }

    /** A fragment cannot be looked for on a page that is only checked: it is never called missing. */
    @Test
    void fragmentsOfCheckedLinksAreNotJudged() {
        site.page("/", "Home", "/deep#nowhere", "/#nowhere-here").page("/deep", "Deep");

        CrawlRun.Result result = crawl(c -> c.maxDepth(0).checkFragments());

        JsonNode seed = result.record(server.url("/"));
        List<String> missing = new ArrayList<>();
        seed.get("missing_fragments").forEach(link -> missing.add(link.asText()));
        assertEquals(List.of(server.url("/") + "#nowhere-here"), missing, "only the crawled page's fragment is judged");
        assertTrue(result.record(server.url("/deep")).get("checked").asBoolean());
        assertTrue(result.record(server.url("/deep")).get("missing_fragments").isNull());
    }

    @Test
    void withoutTheOptionNothingOutOfScopeIsRequested() {
        HttpUrl link = out("/x");
        site.page("/", "Home", link.toString());
        externalRoute("/x", request -> FakeSite.html("X"));
        server.setDispatcher(site);
        external.setDispatcher(elsewhere);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(TestConfig::allowPrivate), server.url("/"));

        assertEquals(List.of(), externalRequests);
        Map<String, JsonNode> records = result.byUrl();
        assertEquals(1, records.size());
        assertFalse(records.get(server.url("/").toString()).get("checked").asBoolean());
    }
}
