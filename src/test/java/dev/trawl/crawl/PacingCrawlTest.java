package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.Verbosity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * Politeness measured where it matters, at the server: when requests to each host arrived.
 * "localhost" and "127.0.0.1" name the same server here but are two hosts to the crawler.
 *
 * <p>A loaded machine delays each arrival by its own amount, so the checks are of the kinds that
 * such delays cannot break: a request arrives no earlier than a pace allows since a moment the
 * test saw before it started ({@link FakeSite#assertPacedSince}, or the answer that asked for a
 * pause), and upper bounds are generous.
 */
class PacingCrawlTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeSite site = new FakeSite();

    @Test
    void spacesEveryRequestToAHostByTheDelayRobotsTxtIncluded() {
        tenPages("/");
        server.setDispatcher(site);

        long started = System.nanoTime();
        CrawlRun.crawl(TestConfig.with(c -> c.delay(Duration.ofMillis(150))), server.url("/"));

        assertEquals(12, site.arrivals("localhost").size(), "robots.txt, the home page and ten pages");
        // robots.txt counts too: had it not, / would have gone out as soon as robots.txt was read.
        site.assertPacedSince("localhost", started, 150);
    }

    @Test
    void spacesRedirectHopsAndRetriesLikeAnyRequest() {
        AtomicInteger calls = new AtomicInteger();
        site.fixed("/", new MockResponse.Builder().code(302).addHeader("Location", "/moved").build())
                .route("/moved", request -> calls.incrementAndGet() == 1
                        ? new MockResponse.Builder().code(500).build() : FakeSite.html("moved"));
        server.setDispatcher(site);

        long started = System.nanoTime();
        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.delay(Duration.ofMillis(150)).ignoreRobots()),
                server.url("/"));

        assertEquals(200, result.record(server.url("/")).get("status").asInt());
        assertEquals(3, site.arrivals("localhost").size(), "/, /moved (500), /moved again");
        site.assertPacedSince("localhost", started, 150);
    }

    @Test
    void aHostWaitingOutItsGapAfterRobotsTxtLeavesTheOnlySlotToAnotherHost() {
        HttpUrl other = server.url("/").newBuilder().host("127.0.0.1").build();
        site.page("/", "home");
        server.setDispatcher(site);

        long started = System.nanoTime();
        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.concurrency(1).maxDepth(0)
                .delay(Duration.ofSeconds(2))), server.url("/"), other);

        assertEquals(2, result.records().size());
        // Holding its slot through the 2s gap after its robots.txt, the first host's page would have
        // gone out before the second host's robots.txt; with the slot given back, both robots.txt
        // go out first, and each page waits out its own host's gap.
        List<String> order = site.arrivals(null).stream().map(FakeSite.Arrival::path).toList();
        assertEquals(List.of("/robots.txt", "/robots.txt", "/", "/"), order);
        site.assertPacedSince("localhost", started, 2000);
        site.assertPacedSince("127.0.0.1", started, 2000);
    }

    @Test
    void aPageWaitingOutARetryAfterLeavesTheOnlySlotToAnotherHost() {
        HttpUrl other = server.url("/").newBuilder().host("127.0.0.1").build();
        localhostFirstAsksToRetryAfter("2", FakeSite.html("home"));
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.concurrency(1).maxDepth(0).ignoreRobots()),
                server.url("/"), other);

        assertEquals(200, result.record(server.url("/")).get("status").asInt(), "retried after the 503");
        assertEquals(200, result.record(other).get("status").asInt());
        // Holding its slot through the 2s it was asked to wait, localhost's retry would have gone out
        // before 127.0.0.1 had its turn.
        List<String> order = site.arrivals(null).stream().map(a -> a.host() + a.path()).toList();
        assertEquals(List.of("localhost/", "127.0.0.1/", "localhost/"), order);
        List<FakeSite.Arrival> held = site.arrivals("localhost");
        long wait = (held.get(1).nanos() - held.get(0).nanos()) / 1_000_000;
        assertTrue(wait >= 1800, "localhost asked for 2s and the retry came after " + wait + "ms");
    }

    @Test
    void honoursCrawlDelayOnlyForItsHost() {
        HttpUrl slowHome = server.url("/").newBuilder().host("127.0.0.1").build();
        site.route("/robots.txt", request -> "127.0.0.1".equals(request.getUrl().host())
                ? text("User-agent: *\nCrawl-delay: 0.3\n") : new MockResponse.Builder().code(404).build());
        tenPages("/");
        server.setDispatcher(site);

        long started = System.nanoTime();
        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), slowHome, server.url("/"));

        assertEquals(22, result.records().size());
        // The delay runs from robots.txt's start, so / is a whole delay after it.
        site.assertPacedSince("127.0.0.1", started, 300);
        List<FakeSite.Arrival> fast = site.arrivals("localhost");
        long fastSpan = (fast.getLast().nanos() - fast.getFirst().nanos()) / 1_000_000;
        // Held to the delay these 12 requests would take 3.3s; unheld, well under 100ms on a quiet machine.
        assertTrue(fastSpan < 10 * 290, "localhost was not held to 127.0.0.1's delay: " + fastSpan + "ms for 12 requests");
    }

    @Test
    void clampsALongCrawlDelayAndSaysSoOnce() {
        site.fixed("/robots.txt", text("User-agent: *\nCrawl-delay: 120\n"));
        tenPages("/");
        server.setDispatcher(site);

        long started = System.nanoTime();
        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.maxCrawlDelay(Duration.ofMillis(200))
                .verbosity(Verbosity.NORMAL)), server.url("/"));

        assertEquals(11, result.records().size());
        site.assertPacedSince("localhost", started, 200);
        long warnings = result.stderr().lines().filter(line -> line.contains("Crawl-delay of 120s")).count();
        assertEquals(1, warnings, result.stderr());
    }

    @Test
    void slowsAHostDownAfterA429AndSaysSoInTheSummary() {
        AtomicInteger calls = new AtomicInteger();
        tenPages("/");
        site.route("/p3", request -> calls.incrementAndGet() == 1
                ? new MockResponse.Builder().code(429).build() : FakeSite.html("p3"));
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.concurrency(1).perHost(1)), server.url("/"));

        assertEquals(11, result.records().size());
        assertEquals(200, result.record(server.url("/p3")).get("status").asInt(), "retried after the slow-down");
        List<FakeSite.Arrival> arrivals = site.arrivals("localhost");
        int throttled = indexOf(arrivals, "/p3");
        long afterThrottle = (arrivals.get(throttled + 1).nanos() - arrivals.get(throttled).nanos()) / 1_000_000;
        assertTrue(afterThrottle >= 800, "the next request came " + afterThrottle + "ms after the 429 (1s asked)");
        assertEquals(List.of(server.url("/").host() + ":" + server.getPort() + " (429)"),
                result.outcome().summary().slowedHosts());
    }

    @Test
    void aRetryAfterHoldsBackTheWholeHostButNoOtherHost() {
        HttpUrl other = server.url("/").newBuilder().host("127.0.0.1").build();
        localhostFirstAsksToRetryAfter("1", FakeSite.html("home", "/a", "/b"));
        site.page("/a", "A").page("/b", "B");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"), other);

        assertEquals(6, result.records().size());
        List<FakeSite.Arrival> held = site.arrivals("localhost");
        int refused = indexOf(held, "/");
        long wait = (held.get(refused + 1).nanos() - held.get(refused).nanos()) / 1_000_000;
        assertTrue(wait >= 800, "localhost asked for 1s and the next request came after " + wait + "ms");
        List<FakeSite.Arrival> free = site.arrivals("127.0.0.1");
        long span = (free.getLast().nanos() - free.getFirst().nanos()) / 1_000_000;
        assertTrue(span < 900, "127.0.0.1 was not held back: " + span + "ms");
    }

    @Test
    void keepsTheOverallRateCeilingAcrossHosts() {
        HttpUrl other = server.url("/").newBuilder().host("127.0.0.1").build();
        tenPages("/");
        server.setDispatcher(site);

        long started = System.nanoTime();
        CrawlRun.crawl(TestConfig.with(c -> c.rate(20)), server.url("/"), other);

        assertEquals(24, site.arrivals(null).size());
        site.assertPacedSince(null, started, 50); // 20/s, whichever host

    }

    /** "/" answers localhost's first request 503 with a Retry-After, and every other one {@code home}. */
    private void localhostFirstAsksToRetryAfter(String seconds, MockResponse home) {
        AtomicInteger calls = new AtomicInteger();
        site.route("/", request -> "localhost".equals(request.getUrl().host()) && calls.incrementAndGet() == 1
                ? new MockResponse.Builder().code(503).addHeader("Retry-After", seconds).build() : home);
    }

    private void tenPages(String home) {
        String[] links = new String[10];
        for (int i = 0; i < links.length; i++) {
            links[i] = "/p" + i;
            site.page(links[i], "page " + i);
        }
        site.page(home, "home", links);
    }

    private static int indexOf(List<FakeSite.Arrival> arrivals, String path) {
        for (int i = 0; i < arrivals.size(); i++) {
            if (arrivals.get(i).path().equals(path)) {
                return i;
            }
        }
        throw new AssertionError(path + " never requested");
    }

    private static MockResponse text(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/plain").body(body).build();
    }
}
