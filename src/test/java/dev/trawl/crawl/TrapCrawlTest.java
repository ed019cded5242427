package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.Verbosity;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Infinite URL spaces end at their guard, with the refusals counted. max-depth is high so only the guard stops them. */
class TrapCrawlTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    @Test
    void aCalendarStopsAtTheQueryVariantCap() {
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                String month = request.getUrl().queryParameter("month");
                int next = month == null ? 1 : Integer.parseInt(month) + 1;
                return FakeSite.html("month " + month, "/cal?month=" + next);
            }
        });

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.maxDepth(1000).maxQueryVariants(5)
                .ignoreRobots().verbosity(Verbosity.VERBOSE)), server.url("/cal"));

        assertEquals(6, result.records().size(), "the seed and five months");
        assertEquals(Map.of("query variants", 1L), result.outcome().summary().refused());
        assertTrue(result.stderr().contains("not following " + server.url("/cal?month=6") + ": query variants"),
                result.stderr());
    }

    @Test
    void aRelativeLinkLoopStopsAtTheRepeatedSegmentCap() {
        // Every page links to "a/", so the paths grow /a/, /a/a/, /a/a/a/, ...
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                return FakeSite.html("loop", "a/");
            }
        });

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.maxDepth(1000).maxRepeatedSegments(3)
                .ignoreRobots()), server.url("/"));

        assertEquals(4, result.records().size(), "/, /a/, /a/a/, /a/a/a/");
        assertEquals(Map.of("repeated path segments", 1L), result.outcome().summary().refused());
    }

    @Test
    void everLongerUrlsStopAtTheLengthCap() {
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                return FakeSite.html("longer", request.getUrl().encodedPath() + "x");
            }
        });

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.maxDepth(1000).maxUrlLength(100)
                .ignoreRobots()), server.url("/p"));

        int base = server.url("/p").toString().length();
        assertEquals(100 - base + 1, result.records().size());
        assertEquals(Map.of("url too long", 1L), result.outcome().summary().refused());
    }

    @Test
    void aHostBudgetCapsTheUrlsTakenFromIt() {
        String[] links = new String[20];
        FakeSite site = new FakeSite();
        for (int i = 0; i < links.length; i++) {
            links[i] = "/p" + i;
            site.page(links[i], "p" + i);
        }
        site.page("/", "home", links);
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.maxPagesPerHost(5).ignoreRobots()),
                server.url("/"));

        assertEquals(6, result.records().size(), "the seed and five links");
        assertEquals(Map.of("host budget", 15L), result.outcome().summary().refused());
        assertTrue(result.stderr().isEmpty() || !result.stderr().contains("not following"), "listed only with -v");
    }
}
