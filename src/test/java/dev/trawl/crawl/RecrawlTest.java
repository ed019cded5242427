package dev.trawl.crawl;

import static dev.trawl.crawl.EditableSite.Validator.ETAG;
import static dev.trawl.crawl.EditableSite.Validator.LAST_MODIFIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.state.VersionOneState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recrawls with {@code --state} after the site changed (issue 10, points 4 and 5): depth and
 * parent come from this run's discovery, URLs nothing links to any more keep their stored ones,
 * and a page answered 304 carries the content of its last fetch and has its links followed.
 */
class RecrawlTest {
    private static final int MAX_DEPTH = 3;
    /** What an unchanged page's record carries over from its last fetch. */
    private static final List<String> CONTENT = List.of("title", "links", "canonical", "description", "robots_meta",
            "content_type", "content_length");

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final EditableSite site = new EditableSite();

    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("state.db");
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private String path(String url) {
        return HttpUrl.get(url).encodedPath();
    }

    private CrawlRun.Result crawl(UnaryOperator<TestConfig> options) {
        return CrawlRun.crawl(TestConfig.with(c -> options.apply(c.state(state()).maxDepth(MAX_DEPTH))),
                server.url("/"));
    }

    private CrawlRun.Result crawl() {
        return crawl(c -> c);
    }

    /**
     * The site of the first crawl. Depths: / 0; /a /b /c 1; /a1 /b1 /orphan /gone 2; /x /notes.txt
     * /nf 3. /x1 (depth 4) is beyond --max-depth; /nf-child is behind a nofollow page.
     */
    private void firstVersion() {
        site.html("/", ETAG, "Home", "<meta name=description content='The home page'>", "/a", "/b", "/c")
                .html("/a", LAST_MODIFIED, "A", "", "/a1")
                .html("/b", ETAG, "B", "", "/b1", "/orphan")
                .html("/c", ETAG, "C", "", "/gone")
                .html("/a1", ETAG, "A1", "<meta name=robots content=noindex>", "/x")
                .html("/b1", LAST_MODIFIED, "B1", "", "/notes.txt", "/nf").withHeader("/b1", "X-Robots-Tag: noarchive")
                .html("/x", ETAG, "X", "<link rel=canonical href='/x?canonical'><meta name=description content=' Page  X '>",
                        "/x1", "https://elsewhere.test/")
                .html("/x1", ETAG, "X1", "")
                .html("/orphan", LAST_MODIFIED, "Orphan", "<meta name=description content='nothing links here later'>")
                .html("/gone", ETAG, "Gone", "")
                .text("/notes.txt", LAST_MODIFIED, "notes")
                .html("/nf", ETAG, "NF", "<meta name=robots content=nofollow>", "/nf-child")
                .html("/nf-child", ETAG, "Never", "");
        server.setDispatcher(site);
    }

    /**
     * The edits before the recrawl: /a edited and now links /x, one level up (its shortest path
     * was / /a /a1 /x); /b no longer links /orphan; /c links the new /new instead of /gone, which
     * is removed. Depths now: /a1 /x /b1 /new 2; /x1 /notes.txt /nf 3.
     */
    private void secondVersion() {
        site.html("/a", LAST_MODIFIED, "A, edited", "", "/a1", "/x")
                .html("/b", ETAG, "B", "", "/b1")
                .html("/c", ETAG, "C", "", "/new")
                .html("/new", ETAG, "New", "")
                .remove("/gone");
    }

    @Test
    void aRecrawlRecordsThisRunsShortestPathAndOrphansKeepTheirStoredDepthAndParent() {
        firstVersion();
        Map<String, JsonNode> first = crawl().byUrl();
        assertEquals(3, first.get(url("/x")).get("depth").asInt());
        secondVersion();

        CrawlRun.Result second = crawl();

        Set<String> orphans = Set.of("/orphan", "/gone");
        Map<String, Integer> shortest = site.distances("/");
        for (JsonNode record : second.records()) {
            String path = path(record.get("url").asText());
            if (orphans.contains(path)) {
                JsonNode before = first.get(record.get("url").asText());
                assertEquals(before.get("depth"), record.get("depth"), record::toString);
                assertEquals(before.get("parent"), record.get("parent"), record::toString);
                continue;
            }
            int depth = record.get("depth").asInt();
            assertEquals(shortest.get(path), depth, record::toString);
            if (depth == 0) {
                assertTrue(record.get("parent").isNull(), record::toString);
                continue;
            }
            String parent = path(record.get("parent").asText());
            assertTrue(site.linkingTo(path).contains(parent), () -> "the parent does not link here now: " + record);
            assertEquals(depth - 1, shortest.get(parent), () -> "the parent is not on a shortest path: " + record);
        }
        assertEquals(url("/a"), second.record(server.url("/x")).get("parent").asText(), "the link that moved");
        assertEquals(new TreeSet<>(List.of("/", "/a", "/b", "/c", "/a1", "/b1", "/x", "/new", "/x1", "/notes.txt", "/nf",
                "/orphan", "/gone")), second.urls().stream().map(this::path).collect(Collectors.toCollection(TreeSet::new)));
        JsonNode gone = second.record(server.url("/gone"));
        assertEquals(404, gone.get("status").asInt());
        assertEquals(200, gone.get("previous_status").asInt());
        assertTrue(gone.get("changed").asBoolean());
        assertEquals(url("/c"), gone.get("parent").asText());
        assertEquals(2, gone.get("depth").asInt());
    }

    /**
     * A recrawl stopped by --max-pages before its last phase, resumed into the same file: every URL
     * once, the unreached ones fetched by the resumed run with their stored depth and parent.
     */
    @Test
    void aRecrawlStoppedByMaxPagesIsResumedAndStillFetchesWhatNothingLinksTo() throws Exception {
        firstVersion();
        Map<String, JsonNode> first = crawl().byUrl();
        secondVersion();
        Path out = dir.resolve("recrawl.jsonl");

        CrawlRun.Result stopped = crawl(c -> c.output(out).maxPages(4).concurrency(1).perHost(1));
        assertEquals(StopReason.MAX_PAGES, stopped.outcome().reason());
        CrawlRun.Result resumed = crawl(c -> c.output(out));
        assertEquals(StopReason.DRAINED, resumed.outcome().reason());

        Map<String, JsonNode> records = CrawlRun.Result.byUrlOf(CrawlRun.parse(Files.readString(out)));
        assertEquals(13, records.size(), "every URL once across both processes: " + records.keySet());
        for (String orphan : List.of("/orphan", "/gone")) {
            JsonNode record = records.get(url(orphan));
            assertEquals(first.get(url(orphan)).get("parent"), record.get("parent"), record::toString);
            assertEquals(first.get(url(orphan)).get("depth"), record.get("depth"), record::toString);
        }
        assertEquals(url("/a"), records.get(url("/x")).get("parent").asText());
    }

    @Test
    void unchangedPagesAnswered304CarryTheContentOfTheirLastFetch() {
        firstVersion();
        Map<String, JsonNode> first = crawl().byUrl();
        secondVersion();
        site.forgetRequests();

        CrawlRun.Result second = crawl();

        List<String> unchanged = List.of("/", "/a1", "/b1", "/x", "/notes.txt", "/nf", "/orphan");
        for (String path : unchanged) {
            JsonNode now = second.record(server.url(path));
            JsonNode then = first.get(url(path));
            assertEquals(304, now.get("status").asInt(), now::toString);
            assertFalse(now.get("changed").asBoolean(), now::toString);
            assertTrue(now.get("error").isNull(), now::toString);
            assertEquals(200, now.get("previous_status").asInt(), now::toString);
            assertEquals(url(path), now.get("final_url").asText());
            for (String field : CONTENT) {
                assertEquals(then.get(field), now.get(field), path + " " + field);
            }
        }
        assertEquals(Set.copyOf(unchanged), site.requests().stream().filter(r -> r.status() == 304)
                .map(EditableSite.Request::path).collect(Collectors.toSet()), "the server said 304 to these");
        // The fields really were there to carry: a check that an empty record equals an empty record proves nothing.
        JsonNode x = second.record(server.url("/x"));
        assertEquals("X", x.get("title").asText());
        assertEquals(List.of(url("/x1"), "https://elsewhere.test/"), texts(x.get("links")));
        assertEquals(url("/x?canonical"), x.get("canonical").asText());
        assertEquals("Page X", x.get("description").asText());
        assertEquals(List.of("noindex"), texts(second.record(server.url("/a1")).get("robots_meta")));
        assertEquals(List.of("noarchive"), texts(second.record(server.url("/b1")).get("robots_meta")),
                "from the X-Robots-Tag of the last full answer");
        assertEquals("text/plain", second.record(server.url("/notes.txt")).get("content_type").asText());
        assertEquals("text/html", x.get("content_type").asText());
        assertTrue(x.get("content_length").asLong() > 100, x::toString);
        long read = second.records().stream().filter(r -> r.get("status").asInt() == 200)
                .mapToLong(r -> r.get("content_length").asLong()).sum();
        assertEquals(read, second.outcome().summary().bytes(), "the summary counts bytes read, not bytes carried");
    }

    @Test
    void linksOfAPageAnswered304AreFollowedAsIfItHadBeenFetched() {
        firstVersion();
        crawl();
        assertEquals(List.of(), site.requests().stream().map(EditableSite.Request::path)
                .filter(p -> p.equals("/x1") || p.equals("/nf-child")).toList(), "beyond max depth, behind nofollow");
        secondVersion();
        site.forgetRequests();

        CrawlRun.Result second = crawl();

        // /x is unchanged (304) and one level closer now: its link to /x1 is within --max-depth.
        assertEquals(304, second.record(server.url("/x")).get("status").asInt());
        JsonNode x1 = second.record(server.url("/x1"));
        assertEquals(200, x1.get("status").asInt());
        assertEquals(3, x1.get("depth").asInt());
        assertEquals(url("/x"), x1.get("parent").asText());
        assertTrue(x1.get("changed").asBoolean());
        assertTrue(x1.get("previous_status").isNull());
        // /nf is unchanged and still says nofollow, from its stored robots directives.
        assertEquals(304, second.record(server.url("/nf")).get("status").asInt());
        assertFalse(second.urls().contains(url("/nf-child")));
        assertTrue(site.requests().stream().noneMatch(r -> r.path().equals("/nf-child")), "nofollow obeyed on a 304 too");
    }

    @Test
    void changedOnlyWritesNoLineForUnchangedPagesButKeepsTheirContentAndValidators() {
        firstVersion();
        Map<String, JsonNode> first = crawl().byUrl();
        site.html("/a", LAST_MODIFIED, "A, edited", "", "/a1");

        CrawlRun.Result delta = crawl(c -> c.changedOnly());
        assertEquals(Set.of(url("/a")), delta.urls());
        site.forgetRequests();

        CrawlRun.Result third = crawl();

        assertEquals(first.keySet(), third.byUrl().keySet());
        for (JsonNode now : third.records()) {
            String url = now.get("url").asText();
            JsonNode then = url.equals(url("/a")) ? delta.record(server.url("/a")) : first.get(url);
            assertEquals(304, now.get("status").asInt(), now::toString);
            for (String field : CONTENT) {
                assertEquals(then.get(field), now.get(field), url + " " + field);
            }
        }
        assertEquals("A, edited", third.record(server.url("/a")).get("title").asText());
        // The 304s of the second run did not repeat Last-Modified: the third still asked with the stored one.
        assertTrue(site.requests().stream().allMatch(r -> r.status() == 304 && r.conditional() != null),
                () -> "every request conditional and answered 304: " + site.requests());
    }

    /**
     * A state written by trawl before it stored content (schema version 1) is upgraded in place. Its
     * pages have validators but no content a 304 could carry, so each is fetched in full once
     * (unchanged by its hash), and answered 304 with its content from then on.
     */
    @Test
    void aVersionOneStateIsUpgradedAndItsPagesAreFetchedInFullOnceToStoreTheirContent() {
        firstVersion();
        Map<String, JsonNode> first = crawl().byUrl();
        VersionOneState.downgrade(state());
        site.forgetRequests();

        CrawlRun.Result second = crawl();

        assertEquals(first.keySet(), second.byUrl().keySet());
        assertTrue(site.requests().stream().allMatch(r -> r.conditional() == null && r.status() == 200),
                () -> "no conditional request without stored content: " + site.requests());
        for (JsonNode now : second.records()) {
            JsonNode then = first.get(now.get("url").asText());
            assertEquals(200, now.get("status").asInt(), now::toString);
            assertFalse(now.get("changed").asBoolean(), () -> "the same body as before: " + now);
            for (String field : CONTENT) {
                assertEquals(then.get(field), now.get(field), now.get("url") + " " + field);
            }
        }
        site.forgetRequests();

        CrawlRun.Result third = crawl();

        for (JsonNode now : third.records()) {
            JsonNode then = first.get(now.get("url").asText());
            assertEquals(304, now.get("status").asInt(), now::toString);
            for (String field : CONTENT) {
                assertEquals(then.get(field), now.get(field), now.get("url") + " " + field);
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
