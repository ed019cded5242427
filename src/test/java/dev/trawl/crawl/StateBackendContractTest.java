package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.config.CrawlConfig;
import dev.trawl.output.CrawlSummary;
import dev.trawl.output.RunRecords;
import dev.trawl.page.ErrorType;
import dev.trawl.postgres.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@code --state} backend must do, the same tests run on each: the SQLite file and a
 * PostgreSQL database. A new backend joins the list and must pass them all.
 */
class StateBackendContractTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeSite site = new FakeSite();
    private final VersionedPages versioned = new VersionedPages();
    private final Map<String, String> content = versioned.content;
    @TempDir
    static Path dir;

    /** A backend: how a fresh state is named on the command line. */
    record Backend(String name, UnaryOperator<TestConfig> fresh) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Backend> backends() {
        return Stream.of(
                new Backend("state file", c -> c.state(dir.resolve("state-" + System.nanoTime() + ".db"))),
                new Backend("postgresql", c -> c.sharedState(TestPostgres.server().stateUrl(TestPostgres.server().newDatabase()))));
    }

    /** / → /a /b /c, each → two children; /c's second child answers 500; /r redirects to /b. */
    private void site() {
        site.page("/", "Home", "/a", "/b", "/c", "/r")
                .page("/a", "A", "/a1", "/a2").page("/b", "B", "/b1", "/b2").page("/c", "C", "/c1", "/c2")
                .page("/a1", "A1").page("/a2", "A2").page("/b1", "B1").page("/b2", "B2").page("/c1", "C1")
                .fixed("/c2", new MockResponse.Builder().code(500).body("down").build())
                .fixed("/r", new MockResponse.Builder().code(301).addHeader("Location", "/b").build());
        server.setDispatcher(site);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void everyPageOnceWithItsDepthAndParent(Backend backend) {
        site();
        UnaryOperator<TestConfig> config = c -> backend.fresh().apply(c.retries(0));
        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(config), server.url("/"));

        assertEquals(StopReason.DRAINED, result.outcome().reason(), result.stderr());
        Map<String, JsonNode> records = result.byUrl();
        assertEquals(Set.of("/", "/a", "/b", "/c", "/r", "/a1", "/a2", "/b1", "/b2", "/c1", "/c2"),
                paths(records.keySet()));
        assertEquals(2, records.get(server.url("/c2").toString()).get("depth").asInt());
        assertEquals(server.url("/c").toString(), records.get(server.url("/c2").toString()).get("parent").asText());
        assertEquals(1, site.hits("/b"), "the redirect's target fetched once");
        for (String path : List.of("/", "/a", "/b", "/c", "/a1", "/a2", "/b1", "/b2", "/c1", "/c2")) {
            assertEquals(1, site.hits(path), path);
        }
        assertEquals(1L, result.outcome().summary().errors().values().stream().mapToLong(Long::longValue).sum(),
                "the 500 counts as the run's one page error");
    }

    /** Stopped by --max-pages and started again on the same state: the rest, and nothing twice. */
    @ParameterizedTest
    @MethodSource("backends")
    void aCrawlStoppedAndStartedAgainFinishesWithoutRefetching(Backend backend) {
        site();
        UnaryOperator<TestConfig> state = c -> backend.fresh().apply(c.retries(0).concurrency(1));
        CrawlConfig first = TestConfig.with(c -> state.apply(c).maxPages(4));
        CrawlConfig again = sameState(first);

        CrawlRun.Result stopped = CrawlRun.crawl(first, server.url("/"));
        assertEquals(StopReason.MAX_PAGES, stopped.outcome().reason(), stopped.stderr());
        CrawlRun.Result rest = CrawlRun.crawl(again, server.url("/"));
        assertEquals(StopReason.DRAINED, rest.outcome().reason(), rest.stderr());

        List<String> urls = new ArrayList<>(stopped.urls());
        urls.addAll(rest.urls());
        assertEquals(11, urls.size(), urls.toString());
        assertEquals(11, new HashSet<>(urls).size(), "no page recorded twice: " + urls);
        assertEquals(11, site.pageHits(), "every page and the redirect fetched once: " + site.allHits());
    }

    /**
     * --check-links with a state: links beyond the depth limit and excluded ones are checked once,
     * across a stop and a resume, and the pages crawled are the same as without checking.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void checkedLinksAreCheckedOnceAcrossAResume(Backend backend) {
        site();
        UnaryOperator<TestConfig> state = c -> backend.fresh().apply(c.retries(0).concurrency(1).maxDepth(1)
                .exclude("/c$").checkLinks());
        CrawlConfig first = TestConfig.with(c -> state.apply(c).maxPages(3));
        CrawlConfig again = sameState(first);

        CrawlRun.Result stopped = CrawlRun.crawl(first, server.url("/"));
        CrawlRun.Result rest = CrawlRun.crawl(again, server.url("/"));
        assertEquals(StopReason.DRAINED, rest.outcome().reason(), rest.stderr());

        List<JsonNode> all = new ArrayList<>(stopped.records());
        all.addAll(rest.records());
        Map<String, JsonNode> records = CrawlRun.Result.byUrlOf(all);
        Set<String> checked = new HashSet<>();
        records.forEach((url, record) -> {
            if (record.get("checked").asBoolean()) {
                checked.add(HttpUrl.get(url).encodedPath());
            }
        });
        // /c is excluded; /a1 … /b2 are two hops away; /c1 and /c2 are never reached (/c is only checked).
        assertEquals(Set.of("/c", "/a1", "/a2", "/b1", "/b2"), checked);
        assertEquals(Set.of("/", "/a", "/b", "/c", "/r", "/a1", "/a2", "/b1", "/b2"), paths(records.keySet()));
        assertEquals(0, site.hits("/c1") + site.hits("/c2"));
        for (String path : List.of("/", "/a", "/b", "/c", "/a1", "/a2", "/b1", "/b2")) {
            assertEquals(1, site.hits(path), path);
        }
    }

    /**
     * A run stopped by --max-pages after recording HTTP 500s is taken on by another process: its
     * summary counts the whole run, the errors recorded before included, so --fail-on-error fails it.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void theProcessThatEndsARunCountsTheErrorsOthersRecorded(Backend backend) {
        site.page("/", "home", "/broken1", "/broken2", "/a", "/b", "/c");
        site.fixed("/broken1", new MockResponse.Builder().code(500).build());
        site.fixed("/broken2", new MockResponse.Builder().code(500).build());
        site.page("/a", "a").page("/b", "b").page("/c", "c");
        server.setDispatcher(site);
        CrawlConfig first = TestConfig.with(c -> backend.fresh().apply(c).retries(0).concurrency(1).perHost(1).maxPages(3));

        CrawlRun.Result stopped = CrawlRun.crawl(first, server.url("/"));
        assertEquals(Map.of(ErrorType.HTTP, 2L), stopped.outcome().summary().errors(), "/, then the two 500s");

        CrawlRun.Result rest = CrawlRun.crawl(sameState(first), server.url("/"));

        CrawlSummary summary = rest.outcome().summary();
        assertEquals(StopReason.DRAINED, rest.outcome().reason(), rest.stderr());
        assertEquals(Map.of(), summary.errors(), "this process's own pages are fine");
        assertEquals(Optional.of(new RunRecords(1, 6, 4, Map.of(ErrorType.HTTP, 2L))), summary.run());
        assertEquals(Map.of(ErrorType.HTTP, 2L), summary.runErrors(), "what --fail-on-error counts");
    }

    /** Every page links to every other: a budget counts URLs new to the crawl, not the links to them. */
    @ParameterizedTest
    @MethodSource("backends")
    void aHostBudgetCountsUrlsNotLinks(Backend backend) {
        String[] pages = {"/p1", "/p2", "/p3", "/p4", "/p5", "/p6", "/p7", "/p8"};
        site.page("/", "Home", pages);
        for (String page : pages) {
            site.page(page, page, pages);
        }
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> backend.fresh().apply(c).maxPagesPerHost(5)),
                server.url("/"));

        // The seed, which no budget refuses, and the first 5 of its links.
        assertEquals(Set.of("/", "/p1", "/p2", "/p3", "/p4", "/p5"), paths(result.urls()), result.stderr());
    }


    private void threePages() {
        content.put("/", "<title>home</title><a href=/a>a</a><a href=/b>b</a>");
        content.put("/a", "<title>a</title><a href=/a/x>x</a>");
        content.put("/b", "<title>b</title>");
        content.put("/a/x", "<title>x</title>");
        for (String path : List.of("/", "/a", "/b", "/c", "/a/x")) {
            versioned.route(site, path);
        }
        server.setDispatcher(site);
    }

    /** The second crawl on a state is a recrawl: conditional requests, a 304 recorded as unchanged with what it had. */
    @ParameterizedTest
    @MethodSource("backends")
    void aRecrawlAsksConditionallyAndRecordsA304AsUnchanged(Backend backend) {
        threePages();
        CrawlConfig config = TestConfig.with(backend.fresh());
        CrawlRun.Result first = CrawlRun.crawl(config, server.url("/"));
        assertEquals(4, first.records().size(), first.stderr());
        first.records().forEach(r -> assertEquals(true, r.get("changed").asBoolean(), "new pages are changed"));

        CrawlRun.Result second = CrawlRun.crawl(config, server.url("/"));

        JsonNode a = second.record(server.url("/a"));
        assertEquals(304, a.get("status").asInt(), second.stderr());
        assertFalse(a.get("changed").asBoolean());
        assertTrue(a.get("error").isNull(), "a 304 to our own conditional request is not an error");
        assertEquals(200, a.get("previous_status").asInt());
        assertEquals("a", a.get("title").asText(), "the 304's record carries what the page had");
        assertEquals(content.get("/a").hashCode(), Integer.parseUnsignedInt(versioned.ifNoneMatch.get("/a").replace("\"", ""), 16));
        assertEquals(4, second.records().size(), "the 304's links are followed: " + second.urls());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void newChangedAndVanishedPagesAreToldApartFromUnchangedOnes(Backend backend) {
        threePages();
        CrawlConfig config = TestConfig.with(backend.fresh());
        CrawlRun.crawl(config, server.url("/"));
        content.put("/", "<title>home</title><a href=/a>a</a><a href=/b>b</a><a href=/c>c</a>");
        content.put("/c", "<title>c, new</title>");
        content.remove("/b");

        CrawlRun.Result second = CrawlRun.crawl(config, server.url("/"));

        assertTrue(second.record(server.url("/")).get("changed").asBoolean());
        assertFalse(second.record(server.url("/a")).get("changed").asBoolean());
        JsonNode vanished = second.record(server.url("/b"));
        assertEquals(404, vanished.get("status").asInt());
        assertEquals(200, vanished.get("previous_status").asInt());
        assertTrue(vanished.get("changed").asBoolean());
        JsonNode fresh = second.record(server.url("/c"));
        assertTrue(fresh.get("changed").asBoolean());
        assertTrue(fresh.get("previous_status").isNull());
    }

    /** A page nothing links to any more is fetched again at the end of the run, once, and is gone when it is gone. */
    @ParameterizedTest
    @MethodSource("backends")
    void aRecrawlFetchesAgainWhatNothingLinksToAnyMore(Backend backend) {
        threePages();
        CrawlConfig config = TestConfig.with(backend.fresh());
        CrawlRun.crawl(config, server.url("/"));
        content.put("/", "<title>home</title><a href=/a>a</a>");
        content.remove("/b");

        CrawlRun.Result second = CrawlRun.crawl(config, server.url("/"));

        assertEquals(404, second.record(server.url("/b")).get("status").asInt(), second.stderr());
        assertEquals(4, second.records().size(), second.urls().toString());
        assertEquals(4, second.byUrl().size(), "each page once");
    }

    /** Within --recrawl-after nothing is fetched again: the pages join the run done, their links followed. */
    @ParameterizedTest
    @MethodSource("backends")
    void recrawlAfterSkipsWhatWasFetchedRecently(Backend backend) {
        threePages();
        CrawlConfig first = TestConfig.with(backend.fresh());
        CrawlRun.crawl(first, server.url("/"));
        int requests = server.getRequestCount();

        CrawlRun.Result again = CrawlRun.crawl(withRecrawlAfter(first, Duration.ofHours(1)), server.url("/"));

        assertEquals(List.of(), again.records(), again.stderr());
        assertEquals(requests, server.getRequestCount(), "nothing fetched again within the hour");
    }

    /** A page fetched before the window is fetched; the recent ones around it are not, and their links lead to it. */
    @ParameterizedTest
    @MethodSource("backends")
    void recrawlAfterFetchesWhatIsOlderThanTheWindow(Backend backend) {
        threePages();
        CrawlConfig first = TestConfig.with(backend.fresh());
        CrawlRun.crawl(first, server.url("/"));
        CrawlRun.Result again = CrawlRun.crawl(withRecrawlAfter(first, Duration.ZERO), server.url("/"));
        assertEquals(4, again.records().size(), "a window of 0 fetches everything: " + again.urls());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void changedOnlyWritesOnlyWhatIsNewOrChanged(Backend backend) {
        threePages();
        CrawlConfig config = TestConfig.with(c -> backend.fresh().apply(c).changedOnly());
        CrawlRun.crawl(config, server.url("/"));
        content.put("/a", "<title>a, edited</title><a href=/a/x>x</a>");

        CrawlRun.Result delta = CrawlRun.crawl(config, server.url("/"));

        assertEquals(Set.of(server.url("/a").toString()), delta.urls());
        assertEquals(4, delta.outcome().summary().records(), "the unchanged pages are recorded, not written");
        assertEquals(1, delta.outcome().summary().written());
    }

    /** A recrawl's delta of a link check is the links whose answer changed: one that broke, here. */
    @ParameterizedTest
    @MethodSource("backends")
    void changedOnlyWithCheckedLinksWritesTheLinksWhoseStatusChanged(Backend backend) {
        site();
        CrawlConfig config = TestConfig.with(c -> backend.fresh().apply(c).retries(0).maxDepth(1).checkLinks()
                .changedOnly());
        CrawlRun.Result first = CrawlRun.crawl(config, server.url("/"));
        assertTrue(first.byUrl().get(server.url("/a1").toString()).get("checked").asBoolean());
        site.fixed("/a1", new MockResponse.Builder().code(404).build());

        CrawlRun.Result delta = CrawlRun.crawl(config, server.url("/"));

        assertEquals(Set.of(server.url("/a1").toString()), delta.urls(), delta.stderr());
        JsonNode broken = delta.byUrl().get(server.url("/a1").toString());
        assertEquals(404, broken.get("status").asInt());
        assertEquals(200, broken.get("previous_status").asInt());
        assertTrue(broken.get("changed").asBoolean());
    }

    private static CrawlConfig withRecrawlAfter(CrawlConfig first, Duration window) {
        return sameState(first, first.maxPages(), Optional.of(window));
    }

    /** The second run: the same state, no page limit. */
    private static CrawlConfig sameState(CrawlConfig first) {
        return sameState(first, OptionalLong.empty(), first.recrawlAfter());
    }

    private static CrawlConfig sameState(CrawlConfig first, OptionalLong maxPages, Optional<Duration> recrawlAfter) {
        return new CrawlConfig(first.maxDepth(), maxPages, first.concurrency(), first.perHost(),
                first.delay(), first.timeout(), first.retries(), first.retryBackoff(), first.maxRetryAfter(), first.scope(),
                first.include(), first.exclude(), first.maxBytes(), first.userAgent(), first.ignoreRobots(),
                first.frontierMemory(), first.output(), first.verbosity(), first.maxCrawlDelay(), first.rate(),
                first.sitemaps(), first.followNofollow(), first.request(), first.traps(), first.state(),
                first.changedOnly(), recrawlAfter, first.failOnError(), first.sharedState(),
                first.workerTimeout(), first.crawlName(), first.warc(), first.warcMaxSize(),
                first.checkLinks(), first.checkFragments());
    }

    private Set<String> paths(Set<String> urls) {
        Set<String> paths = new HashSet<>();
        urls.forEach(url -> paths.add(HttpUrl.get(url).encodedPath()));
        return paths;
    }
}
