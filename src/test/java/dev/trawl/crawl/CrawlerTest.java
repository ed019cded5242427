package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrawlerTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeSite site = new FakeSite();

    private void serve() {
        server.setDispatcher(site);
    }

    @Test
    void crawlsExactlyThePagesWithinMaxDepthEachOnce() {
        site.page("/", "Home", "/a", "/b", "mailto:x@y.z")
                .page("/a", "A", "/a1", "/", "/b#frag")
                .page("/b", "B", "/b1")
                .page("/a1", "A1", "/a2")
                .page("/b1", "B1", "/b2")
                .page("/a2", "A2")
                .page("/b2", "B2");
        serve();

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.maxDepth(2)), server.url("/"));

        assertEquals(StopReason.DRAINED, result.outcome().reason());
        assertEquals(Set.of(url("/"), url("/a"), url("/b"), url("/a1"), url("/b1")), result.urls());
        for (String path : new String[] {"/", "/a", "/b", "/a1", "/b1"}) {
            assertEquals(1, site.hits(path), path + " fetched once");
        }
        assertEquals(0, site.hits("/a2"));
        JsonNode a1 = result.record(server.url("/a1"));
        assertEquals(2, a1.get("depth").asInt());
        assertEquals(url("/a"), a1.get("parent").asText());
        assertEquals("A1", a1.get("title").asText());
        assertEquals(200, a1.get("status").asInt());
        assertTrue(a1.get("error").isNull());
        JsonNode home = result.record(server.url("/"));
        assertTrue(home.get("parent").isNull());
        assertEquals(0, home.get("depth").asInt());
    }

    @Test
    void crawlsAPageFirstFoundTooDeepOnceAShorterPathArrives() throws Exception {
        // /fast and /mid find /p at depth 3 (its links are cut by max-depth 3); /slow answers only
        // after /p is recorded and finds /p at depth 2, so /p's link /c is within reach after all.
        CountDownLatch pRecorded = new CountDownLatch(1);
        site.page("/", "Home", "/slow", "/fast")
                .page("/fast", "Fast", "/mid")
                .page("/mid", "Mid", "/p")
                .route("/slow", request -> {
                    await(pRecorded);
                    return FakeSite.html("Slow", "/p");
                })
                .page("/p", "P", "/c")
                .page("/c", "C", "/too-deep")
                .page("/too-deep", "Too deep");
        serve();

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.maxDepth(3)), Clock.systemUTC(), line -> {
            if (line.contains("\"url\":\"" + url("/p") + "\"")) {
                pRecorded.countDown();
            }
        }, server.url("/"));

        assertEquals(Set.of(url("/"), url("/slow"), url("/fast"), url("/mid"), url("/p"), url("/c")), result.urls());
        assertEquals(1, site.hits("/p"));
        assertEquals(0, site.hits("/too-deep"));
        assertEquals(3, result.record(server.url("/p")).get("depth").asInt(), "the depth known when /p was fetched");
        JsonNode c = result.record(server.url("/c"));
        assertEquals(3, c.get("depth").asInt());
        assertEquals(url("/p"), c.get("parent").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"per host, 32, 4, 4", "overall, 3, 8, 3"})
    void neverExceedsTheLimitAndReachesIt(String which, int concurrency, int perHost, int limit) {
        ConcurrencyProbe probe = new ConcurrencyProbe(limit, 40);
        String[] children = new String[40];
        for (int i = 0; i < children.length; i++) {
            children[i] = "/p" + i;
            site.route(children[i], request -> probe.hold(() -> FakeSite.html("child")));
        }
        site.page("/", "Home", children);
        serve();

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.concurrency(concurrency).perHost(perHost)),
                server.url("/"));

        assertEquals(41, result.records().size());
        assertEquals(limit, probe.maxSeen(), "the server saw exactly the " + which + " limit at once");
        assertFalse(probe.timedOut(), "every request was released by the limit being reached or the work ending");
    }

    @Test
    void stopsAtMaxPagesWithExactlyThatManyRecords() {
        String[] children = new String[50];
        for (int i = 0; i < children.length; i++) {
            children[i] = "/p" + i;
            site.page(children[i], "child " + i);
        }
        site.page("/", "Home", children);
        serve();

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.maxPages(10)), server.url("/"));

        assertEquals(StopReason.MAX_PAGES, result.outcome().reason());
        assertEquals(10, result.records().size());
        assertEquals(10, result.outcome().summary().records());
    }

    @Test
    void crawlsEverythingThroughAFrontierOfCapacityOne() {
        String[] children = new String[30];
        for (int i = 0; i < children.length; i++) {
            children[i] = "/p" + i;
            site.page(children[i], "child " + i, "/q" + i, "/");
            site.page("/q" + i, "grandchild " + i, "/p" + ((i + 1) % 30));
        }
        site.page("/", "Home", children);
        serve();

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.frontierMemory(1).concurrency(4)), server.url("/"));

        assertEquals(StopReason.DRAINED, result.outcome().reason());
        assertEquals(61, result.records().size());
        assertEquals(61, site.pageHits(), "each page fetched once");
        assertTrue(result.outcome().summary().spilled() > 0, "the overflow went to disk and came back");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the crawler");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String url(String path) {
        return server.url(path).toString();
    }
}
