package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --check-fragments} over real sockets: which {@code url#fragment} links a page's record lists as missing. */
class FragmentCrawlTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeSite site = new FakeSite();

    private CrawlRun.Result crawl() {
        return crawl(config -> config);
    }

    private CrawlRun.Result crawl(UnaryOperator<TestConfig> changes) {
        return crawl(changes, line -> { });
    }

    /** Crawls from "/" with {@code --check-fragments}, telling {@code onLine} of each line as it is written. */
    private CrawlRun.Result crawl(UnaryOperator<TestConfig> changes, Consumer<String> onLine) {
        server.setDispatcher(site);
        return CrawlRun.crawl(TestConfig.with(config -> changes.apply(config.checkFragments())), Clock.systemUTC(), onLine,
                server.url("/"));
    }

    /** Counts down when the line of the page at path is written. */
    private Consumer<String> onRecordOf(String path, CountDownLatch written) {
        return line -> {
            if (line.contains("\"url\":\"" + url(path) + "\"")) {
                written.countDown();
            }
        };
    }

    @Test
    void listsTheLinksWhoseFragmentNamesNoIdOrAnchorOnThePageInDocumentOrder() {
        site.route("/", request -> html("<a href=/doc#intro>", "<a href=/doc#old>", "<a href=/doc#gone>",
                "<a href='/doc#caf%C3%A9'>", "<a href='/doc#a b'>", "<a href=/doc#Intro>", "<a href=/doc#gone>",
                "<a href=/doc#top>", "<a href=/doc#>"));
        site.route("/doc", request -> html("<h2 id=intro>Intro</h2>", "<a name=old>", "<p id=café>", "<p id='a b'>"));

        CrawlRun.Result result = crawl();

        assertEquals(List.of(url("/doc#gone"), url("/doc#Intro")), missing(result, "/"));
        assertEquals(List.of(), missing(result, "/doc"), "a parsed page with no fragment links: []");
        assertEquals(2, result.outcome().summary().missingFragments(), "counted for the summary and --fail-on-error");
    }

    @Test
    void fragmentsOnThePageItselfAreCheckedAgainstIt() {
        site.route("/", request -> html("<a href=#here>", "<a href=#nowhere>", "<a href=/#here>", "<p id=here>",
                "<a href=#>"));

        CrawlRun.Result result = crawl();

        assertEquals(List.of(url("/#nowhere")), missing(result, "/"));
    }

    @Test
    void aRecordWaitsForTheLinkedPageFetchedAfterIt() {
        // "/" finishes before "/later" is even queued, so its verdict needs /later's ids: its line
        // comes after /later's.
        site.route("/", request -> html("<a href=/later#there>", "<a href=/later#missing>"));
        site.route("/later", request -> html("<p id=there>"));

        CrawlRun.Result result = crawl();

        assertEquals(List.of(url("/later"), url("/")), urlsInOrder(result));
        assertEquals(List.of(url("/later#missing")), missing(result, "/"));
    }

    @Test
    void aLinkToAPageAlreadyFetchedIsDecidedWithIt() {
        CountDownLatch earlyRecorded = new CountDownLatch(1);
        site.route("/", request -> html("<a href=/early>", "<a href=/late>"));
        site.route("/early", request -> html("<p id=here>"));
        site.route("/late", request -> {
            await(earlyRecorded);
            return html("<a href=/early#here>", "<a href=/early#elsewhere>");
        });

        CrawlRun.Result result = crawl(config -> config, onRecordOf("/early", earlyRecorded));

        assertEquals(List.of(url("/early#elsewhere")), missing(result, "/late"));
    }

    @Test
    void linksToPagesThatCannotBeCheckedAreNotListed() {
        site.route("/", request -> html("<a href=/gone#x>", "<a href=/notes.txt#x>", "<a href=/broken#x>",
                "<a href=http://elsewhere.invalid/#x>", "<a href=/page#missing>"));
        site.fixed("/notes.txt", new MockResponse.Builder().addHeader("Content-Type", "text/plain").body("x").build());
        site.fixed("/broken", new MockResponse.Builder().code(500).addHeader("Content-Type", "text/html")
                .body("<p id=y>").build());
        site.route("/page", request -> html("<p>"));

        CrawlRun.Result result = crawl(config -> config.retries(0));

        assertEquals(List.of(url("/page#missing")), missing(result, "/"));
        for (String path : List.of("/gone", "/notes.txt", "/broken")) {
            assertTrue(result.record(server.url(path)).get("missing_fragments").isNull(), path + ": not checked");
        }
    }

    @Test
    void aRedirectedLinkIsCheckedAgainstThePageItEndsAt() {
        site.fixed("/old", new MockResponse.Builder().code(301).addHeader("Location", "/new").build());
        site.route("/", request -> html("<a href=/old#section>", "<a href=/old#gone>"));
        site.route("/new", request -> html("<h2 id=section>", "<a href=#section>", "<a href=/old#gone-too>"));

        CrawlRun.Result result = crawl();

        assertEquals(List.of(url("/old#gone")), missing(result, "/"));
        assertEquals(List.of(url("/old#gone-too")), missing(result, "/old"), "its own page, under the URL it was fetched for");
    }

    @Test
    void aPageBeyondMaxDepthIsNotWaitedFor() throws InterruptedException {
        // /a links to /deep, which -d 1 never fetches. Were /a's record held for it, it would come out
        // only as the crawl drains, which /b holds up until /a's line is out.
        CountDownLatch aRecorded = new CountDownLatch(1);
        AtomicBoolean aBeforeB = new AtomicBoolean();
        site.route("/", request -> html("<a href=/a>", "<a href=/b>"));
        site.route("/a", request -> html("<a href=/deep#x>", "<a href=/#nowhere>"));
        site.route("/b", request -> {
            aBeforeB.set(awaitQuietly(aRecorded));
            return html();
        });
        site.route("/deep", request -> html("<p id=y>"));

        CrawlRun.Result result = crawl(config -> config.maxDepth(1), onRecordOf("/a", aRecorded));

        assertTrue(aBeforeB.get(), "/a's record was written while /b was still being fetched");
        assertEquals(List.of(url("/#nowhere")), missing(result, "/a"));
        assertEquals(0, site.hits("/deep"));
    }

    @Test
    void maxPagesCountsRecordsAsWrittenAndDropsThoseStillHeld() {
        // "/" waits for /slow, which answers only once two lines are out: -n 2 has stopped the crawl by
        // then, so "/" is held when it stops. The five pages are decided at once ("/" is done).
        CountDownLatch twoLines = new CountDownLatch(2);
        List<String> links = new ArrayList<>(List.of("<a href=/slow#x>"));
        Set<String> pages = new HashSet<>();
        for (int i = 1; i <= 5; i++) {
            links.add("<a href=/p" + i + "#x>");
            pages.add(url("/p" + i));
            site.route("/p" + i, request -> html("<p id=x>", "<a href=/#top>"));
        }
        site.route("/", request -> html(links.toArray(String[]::new)));
        site.route("/slow", request -> {
            awaitQuietly(twoLines);
            return html("<p id=x>");
        });

        CrawlRun.Result result = crawl(config -> config.maxPages(2), line -> twoLines.countDown());

        assertEquals(StopReason.MAX_PAGES, result.outcome().reason());
        assertEquals(2, result.records().size(), "exactly --max-pages whole lines");
        for (JsonNode record : result.records()) {
            assertTrue(pages.contains(record.get("url").asText()), record::toString);
            assertEquals(List.of(), missing(record));
        }
    }

    /**
     * A seeded random site with random response times, some broken links and fragments present or not:
     * every record comes out once; a page within the depth limit lists exactly its missing fragments;
     * one at the limit lists only missing ones (a link there is checked only if another path has
     * already brought its target into the crawl).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aRandomSiteListsExactlyTheMissingFragments(long seed) {
        int pages = 150;
        int maxDepth = 3;
        Random random = new Random(seed);
        Map<Integer, List<Integer>> links = new HashMap<>();
        for (int page = 0; page < pages; page++) {
            List<Integer> targets = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                targets.add(random.nextInt(pages + 10)); // past the pages: 404
            }
            links.put(page, targets);
            List<String> body = new ArrayList<>(List.of("<p id=s" + page % 3 + ">"));
            targets.forEach(t -> body.add("<a href=" + (t % 2 == 0 ? "./" : "/") + "p" + t + "#s" + t % 5 + ">"));
            MockResponse response = new MockResponse.Builder(html(body.toArray(String[]::new)))
                    .headersDelay(random.nextInt(10), TimeUnit.MILLISECONDS).build();
            site.fixed("/p" + page, response);
        }
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.checkFragments().maxDepth(maxDepth)
                .frontierMemory(5).concurrency(12).perHost(12)), server.url("/p0"));

        assertEquals(StopReason.DRAINED, result.outcome().reason());
        Set<String> fetched = result.byUrl().keySet();
        for (JsonNode record : result.records()) {
            int page = Integer.parseInt(record.get("url").asText().substring(url("/p").length()));
            if (page >= pages) {
                assertTrue(record.get("missing_fragments").isNull());
                continue;
            }
            Set<String> expected = new LinkedHashSet<>();
            for (int t : links.get(page)) {
                if (t < pages && t % 5 != t % 3 && fetched.contains(url("/p" + t))) {
                    expected.add(url("/p" + t + "#s" + t % 5));
                }
            }
            List<String> listed = missing(record);
            if (record.get("depth").asInt() < maxDepth) {
                assertEquals(List.copyOf(expected), listed, record::toString);
            } else {
                assertTrue(expected.containsAll(listed), record::toString);
            }
        }
    }

    @Test
    void withoutTheOptionNothingIsChecked() {
        site.route("/", request -> html("<a href=/doc#gone>"));
        site.route("/doc", request -> html("<p>"));
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(config -> config), server.url("/"));

        assertTrue(result.record(server.url("/")).get("missing_fragments").isNull());
    }

    private List<String> missing(CrawlRun.Result result, String path) {
        return missing(result.record(server.url(path)));
    }

    private static List<String> missing(JsonNode record) {
        JsonNode missing = record.get("missing_fragments");
        assertTrue(missing.isArray(), () -> "missing_fragments of " + record);
        List<String> list = new ArrayList<>();
        missing.forEach(link -> list.add(link.asText()));
        return list;
    }

    private static List<String> urlsInOrder(CrawlRun.Result result) {
        return result.records().stream().map(record -> record.get("url").asText()).toList();
    }

    private static MockResponse html(String... body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/html; charset=utf-8")
                .body("<!doctype html><title>t</title>" + String.join("\n", body)).build();
    }

    private String url(String pathAndFragment) {
        return server.url("/").toString() + pathAndFragment.substring(1);
    }

    private static void await(CountDownLatch latch) {
        if (!awaitQuietly(latch)) {
            throw new AssertionError("timed out waiting for the crawler");
        }
    }

    /** Whether the latch opened; the wait is a guard against a hang, not a pace. */
    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
