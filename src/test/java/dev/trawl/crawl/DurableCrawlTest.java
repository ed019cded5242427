package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.output.CrawlSummary;
import dev.trawl.output.RunRecords;
import dev.trawl.page.ErrorType;
import dev.trawl.state.StateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --state FILE as the engine uses it: --recrawl-after, resume into the same file, the lock. What every
 * backend does (recrawls with conditional requests, change detection) is in {@link StateBackendContractTest}.
 */
class DurableCrawlTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeSite site = new FakeSite();
    private final VersionedPages versioned = new VersionedPages();
    private final Map<String, String> content = versioned.content;

    @TempDir
    Path dir;


    private void threePages() {
        content.put("/", "<title>home</title><a href=/a>a</a><a href=/b>b</a>");
        content.put("/a", "<title>a</title>");
        content.put("/b", "<title>b</title>");
        versioned.route(site, "/");
        versioned.route(site, "/a");
        versioned.route(site, "/b");
        versioned.route(site, "/c");
        server.setDispatcher(site);
    }

    @Test
    void aRunStoppedEarlyIsResumedIntoTheSameFileWithoutRepeatingAPage() throws IOException {
        String[] links = new String[12];
        for (int i = 0; i < links.length; i++) {
            links[i] = "/p" + i;
            site.page(links[i], "p" + i);
        }
        site.page("/", "home", links);
        server.setDispatcher(site);
        Path state = dir.resolve("state.db");
        Path out = dir.resolve("out.jsonl");

        CrawlRun.Result stopped = CrawlRun.crawl(TestConfig.with(c -> c.state(state).output(out).maxPages(5)
                .concurrency(2).perHost(2)), server.url("/"));
        assertEquals(StopReason.MAX_PAGES, stopped.outcome().reason());
        assertEquals(5, Files.readAllLines(out).size());

        CrawlRun.Result resumed = CrawlRun.crawl(TestConfig.with(c -> c.state(state).output(out)), server.url("/"));

        assertEquals(StopReason.DRAINED, resumed.outcome().reason());
        Map<String, JsonNode> lines = CrawlRun.Result.byUrlOf(CrawlRun.parse(Files.readString(out, StandardCharsets.UTF_8)));
        assertEquals(13, lines.size(), "every page exactly once across both runs");
        for (int i = 0; i < links.length; i++) {
            assertTrue(site.hits(links[i]) <= 2, "a page in flight at the stop may be fetched again, no more");
        }
    }

    /**
     * With --changed-only a page that fails as it did last time is no change, so it has no line; it
     * is still a page the run recorded with an error, and --fail-on-error counts it: the alert goes on
     * as long as the site is broken, not only the night it broke.
     */
    @Test
    void changedOnlyCountsTheRecordsItDoesNotWrite() {
        threePages();
        site.fixed("/b", new MockResponse.Builder().code(500).build());
        Path state = dir.resolve("state.db");
        CrawlRun.crawl(TestConfig.with(c -> c.state(state).retries(0)), server.url("/"));
        content.put("/a", "<title>a, edited</title>");

        CrawlRun.Result delta = CrawlRun.crawl(TestConfig.with(c -> c.state(state).retries(0).changedOnly()),
                server.url("/"));

        assertEquals(Set.of(server.url("/a").toString()), delta.urls(), "only the edited page is written");
        CrawlSummary summary = delta.outcome().summary();
        assertEquals(3, summary.records());
        assertEquals(1, summary.written());
        assertEquals(Map.of(ErrorType.HTTP, 1L), summary.errors(), "/b failed again, as it did");
        assertEquals(Map.of(ErrorType.HTTP, 1L), summary.runErrors(), "what --fail-on-error counts");
    }

    @Test
    void aSecondCrawlOnTheSameStateIsRefusedWhileTheFirstHoldsIt() throws Exception {
        threePages();
        Path state = dir.resolve("state.db");
        try (StateStore holder = StateStore.open(state)) {
            CrawlRun.Result refused = CrawlRun.crawl(TestConfig.with(c -> c.state(state)), server.url("/"));

            assertEquals(StopReason.STATE_LOCKED, refused.outcome().reason());
            assertTrue(refused.outcome().failure().orElseThrow().contains("in use by another trawl"));
            assertEquals(0, server.getRequestCount());
        }
    }
}
