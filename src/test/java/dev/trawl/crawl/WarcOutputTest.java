package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCaptureRecord;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.Warcinfo;

/** --warc, read back record by record with jwarc and checked against what the server sent. */
class WarcOutputTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeSite site = new FakeSite();
    @TempDir
    Path dir;

    /** What the archive holds for one URL: its request, the response concurrent to it, its payload and block digest. */
    private record Capture(WarcRequest request, HttpRequest httpRequest, WarcResponse response,
            HttpResponse httpResponse, byte[] payload, WarcDigest calculatedBlockDigest) {
    }

    /** A record as read, with what must be read before the reader moves on. */
    private record Read(WarcRecord record, HttpRequest httpRequest, HttpResponse httpResponse, byte[] payload,
            WarcDigest calculatedBlockDigest, Map<String, List<String>> warcinfo) {
    }

    @Test
    void everyExchangeIsArchivedAsReceived() throws Exception {
        byte[] gzipped = gzip("<title>A</title><a href=/b>b</a>");
        site.fixed("/robots.txt", new MockResponse.Builder().body("User-agent: *\nAllow: /\n").build())
                .page("/", "Home", "/a", "/img.png", "/r", "/chunked", "/missing")
                .fixed("/a", new MockResponse.Builder().addHeader("Content-Type", "text/html")
                        .addHeader("Content-Encoding", "gzip").body(new Buffer().write(gzipped)).build())
                .fixed("/img.png", new MockResponse.Builder().addHeader("Content-Type", "image/png")
                        .body(new Buffer().write(PNG)).build())
                .fixed("/r", new MockResponse.Builder().code(301).addHeader("Location", "/b").build())
                .page("/b", "B")
                .fixed("/chunked", new MockResponse.Builder().addHeader("Content-Type", "text/html")
                        .chunkedBody("<title>chunked</title>" + "x".repeat(3000), 500).build());
        server.setDispatcher(site);
        Path warc = dir.resolve("crawl.warc.gz");

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.warc(warc)), server.url("/"));

        assertEquals(StopReason.DRAINED, result.outcome().reason(), result.stderr());
        List<Read> records = read(warc);
        assertInstanceOf(Warcinfo.class, records.getFirst().record(), "the warcinfo record first");
        Map<String, List<String>> info = records.getFirst().warcinfo();
        assertTrue(info.get("software").getFirst().startsWith("trawl/"), info.toString());
        assertTrue(info.get("trawl-options").getFirst().contains("max-depth="), info.toString());
        Map<String, Capture> captures = captures(records);
        assertEquals(List.of("/", "/a", "/b", "/chunked", "/img.png", "/missing", "/r", "/robots.txt"),
                captures.keySet().stream().sorted().toList(), "pages, the redirect, its target, robots.txt, an image, a 404");

        assertArrayEquals(gzipped, captures.get("/a").payload(), "the body as sent, before decoding");
        assertEquals("gzip", captures.get("/a").httpResponse().headers().first("Content-Encoding").orElseThrow());
        assertArrayEquals(PNG, captures.get("/img.png").payload(), "an image's body, which the crawl does not read");
        assertEquals(301, captures.get("/r").httpResponse().status());
        assertEquals(404, captures.get("/missing").httpResponse().status());
        assertEquals("<title>chunked</title>" + "x".repeat(3000),
                new String(captures.get("/chunked").payload(), StandardCharsets.UTF_8), "chunking undone");
        for (Capture capture : captures.values()) {
            WarcResponse response = capture.response();
            assertEquals(MessageVersion.WARC_1_1, response.version());
            assertEquals(MessageVersion.WARC_1_1, capture.request().version());
            assertEquals(response.blockDigest().orElseThrow(), capture.calculatedBlockDigest());
            assertEquals(sha1(capture.payload()), response.payloadDigest().orElseThrow());
            assertEquals("127.0.0.1", response.ipAddress().orElseThrow().getHostAddress());
            assertEquals(WarcTruncationReason.NOT_TRUNCATED, response.truncated());
            assertEquals("GET", capture.httpRequest().method());
            assertEquals("trawl/test", capture.httpRequest().headers().first("User-Agent").orElseThrow());
            assertNotNull(capture.httpRequest().headers().first("Host").orElse(null), "the request as sent");
        }
    }

    @Test
    void aBodyLongerThanMaxBytesIsCutThereAndMarked() throws Exception {
        site.fixed("/robots.txt", new MockResponse.Builder().code(404).build())
                .fixed("/", new MockResponse.Builder().addHeader("Content-Type", "text/plain").body("y".repeat(5000))
                        .build());
        server.setDispatcher(site);
        Path warc = dir.resolve("crawl.warc");

        CrawlRun.crawl(TestConfig.with(c -> c.warc(warc).maxBytes(1000)), server.url("/"));

        Capture capture = captures(read(warc)).get("/");
        assertEquals(WarcTruncationReason.LENGTH, capture.response().truncated());
        assertArrayEquals("y".repeat(1000).getBytes(StandardCharsets.US_ASCII), capture.payload());
    }

    /** A recrawl's 304 to its conditional request is a revisit record; a changed page a response. */
    @Test
    void aRecrawlsNotModifiedAnswerIsARevisitRecord() throws Exception {
        VersionedPages versioned = new VersionedPages();
        versioned.content.put("/", "<title>home</title><a href=/a>a</a>");
        versioned.content.put("/a", "<title>a</title>");
        versioned.route(site, "/");
        versioned.route(site, "/a");
        server.setDispatcher(site);
        Path state = dir.resolve("state.db");
        CrawlRun.crawl(TestConfig.with(c -> c.state(state)), server.url("/"));
        versioned.content.put("/a", "<title>a, edited</title>");
        Path warc = dir.resolve("recrawl.warc");

        CrawlRun.crawl(TestConfig.with(c -> c.state(state).warc(warc)), server.url("/"));

        Map<String, WarcRecord> answers = new HashMap<>();
        Map<java.net.URI, String> requests = new HashMap<>();
        for (Read read : read(warc)) {
            if (read.record() instanceof WarcRequest request) {
                requests.put(request.id(), request.targetURI().getPath());
            } else if (read.record() instanceof WarcCaptureRecord capture) {
                answers.put(capture.targetURI().getPath(), capture);
            }
        }
        WarcRevisit home = assertInstanceOf(WarcRevisit.class, answers.get("/"));
        assertEquals(WarcRevisit.SERVER_NOT_MODIFIED_1_1, home.profile());
        assertEquals("/", requests.get(home.concurrentTo().getFirst()));
        assertInstanceOf(WarcResponse.class, answers.get("/a"), "a changed page is captured again");
    }

    /** A recrawl's 200 whose body is the one archived before is a revisit pointing at it; a changed one a response. */
    @Test
    void aRecrawlsUnchangedBodyIsAnIdenticalPayloadRevisit() throws Exception {
        Map<String, String> bodies = new java.util.concurrent.ConcurrentHashMap<>(Map.of(
                "/", "<title>home</title><a href=/a>a</a>", "/a", "<title>a</title>"));
        for (String path : List.of("/", "/a")) {
            // No validators: the recrawl's requests are not conditional, and every answer is a 200.
            site.route(path, request -> new MockResponse.Builder().addHeader("Content-Type", "text/html")
                    .body(bodies.get(path)).build());
        }
        site.fixed("/robots.txt", new MockResponse.Builder().code(404).build());
        server.setDispatcher(site);
        Path state = dir.resolve("state.db");
        CrawlRun.crawl(TestConfig.with(c -> c.state(state)), server.url("/"));
        bodies.put("/a", "<title>a, edited</title>");
        Path warc = dir.resolve("again.warc");

        CrawlRun.crawl(TestConfig.with(c -> c.state(state).warc(warc)), server.url("/"));

        Map<String, WarcRecord> answers = new HashMap<>();
        for (Read read : read(warc)) {
            if (read.record() instanceof WarcCaptureRecord capture && !(capture instanceof WarcRequest)) {
                answers.put(capture.targetURI().getPath(), capture);
            }
        }
        WarcRevisit home = assertInstanceOf(WarcRevisit.class, answers.get("/"), "the same body as last run");
        assertEquals(WarcRevisit.IDENTICAL_PAYLOAD_DIGEST_1_1, home.profile());
        assertEquals(sha1(bodies.get("/").getBytes(StandardCharsets.UTF_8)), home.payloadDigest().orElseThrow());
        assertEquals(server.url("/").uri(), home.refersToTargetURI().orElseThrow());
        assertInstanceOf(WarcResponse.class, answers.get("/a"), "a changed body is stored");
    }

    /**
     * With --state the crawl goes on across runs, and its archive with it: a later run goes on in the
     * next numbered file, keeping the earlier run's.
     */
    @Test
    void aCrawlWithStateKeepsItsArchiveAndGoesOnInTheNextFile() throws Exception {
        site.fixed("/robots.txt", new MockResponse.Builder().code(404).build()).page("/", "Home");
        server.setDispatcher(site);
        Path state = dir.resolve("state.db");
        Path warc = dir.resolve("kept.warc.gz");

        CrawlRun.crawl(TestConfig.with(c -> c.state(state).warc(warc)), server.url("/"));
        CrawlRun.crawl(TestConfig.with(c -> c.state(state).warc(warc)), server.url("/"));

        assertEquals(List.of("warcinfo", "request", "response", "request", "response"), types(warc));
        assertEquals(List.of("warcinfo", "request", "response", "request", "revisit"),
                types(dir.resolve("kept-00001.warc.gz")), "robots.txt and /, unchanged the second time");
    }

    /**
     * A revisit names the response record it stands for (WARC-Refers-To, with its target and date):
     * a 304's, and an unchanged 200's; and goes on naming it through later revisits.
     */
    @Test
    void aRevisitRefersToTheResponseRecordOfTheEarlierCapture() throws Exception {
        VersionedPages versioned = new VersionedPages();
        versioned.content.put("/", "<title>home</title><a href=/a>a</a>");
        versioned.route(site, "/");
        site.route("/a", request -> new MockResponse.Builder().addHeader("Content-Type", "text/html")
                .body("<title>a</title>").build()); // no validators: fetched in full, the same body
        site.fixed("/robots.txt", new MockResponse.Builder().code(404).build());
        server.setDispatcher(site);
        Path state = dir.resolve("state.db");
        Path first = dir.resolve("first.warc.gz");
        CrawlRun.crawl(TestConfig.with(c -> c.state(state).warc(first)), server.url("/"));
        Map<String, Capture> captured = captures(read(first));

        for (String again : List.of("second.warc.gz", "third.warc.gz")) {
            CrawlRun.crawl(TestConfig.with(c -> c.state(state).warc(dir.resolve(again))), server.url("/"));

            Map<String, WarcRevisit> revisits = new HashMap<>();
            for (Read read : read(dir.resolve(again))) {
                if (read.record() instanceof WarcRevisit revisit) {
                    revisits.put(revisit.targetURI().getPath(), revisit);
                }
            }
            assertEquals(WarcRevisit.SERVER_NOT_MODIFIED_1_1, revisits.get("/").profile());
            assertEquals(WarcRevisit.IDENTICAL_PAYLOAD_DIGEST_1_1, revisits.get("/a").profile());
            for (String path : List.of("/", "/a")) {
                WarcResponse earlier = captured.get(path).response();
                WarcRevisit revisit = revisits.get(path);
                assertEquals(earlier.id(), revisit.refersTo().orElseThrow(), again + " " + path);
                assertEquals(earlier.date(), revisit.refersToDate().orElseThrow(), again + " " + path);
                assertEquals(earlier.targetURI(), revisit.refersToTargetURI().orElseThrow(), again + " " + path);
            }
        }
    }

    /**
     * A run with --state stopped early and resumed goes on in its file rather than a new one, and
     * archives each page once: the pages it had not committed are fetched again, and only then archived.
     */
    @Test
    void aResumedRunGoesOnInItsFileAndArchivesEachPageOnce() throws Exception {
        String[] links = new String[12];
        for (int i = 0; i < links.length; i++) {
            links[i] = "/p" + i;
            site.page(links[i], "p" + i);
        }
        site.fixed("/robots.txt", new MockResponse.Builder().code(404).build()).page("/", "home", links);
        server.setDispatcher(site);
        Path state = dir.resolve("state.db");
        Path out = dir.resolve("out.jsonl");
        Path warc = dir.resolve("crawl.warc.gz");

        CrawlRun.Result stopped = CrawlRun.crawl(TestConfig.with(c -> c.state(state).output(out).warc(warc).maxPages(5)
                .concurrency(2).perHost(2)), server.url("/"));
        assertEquals(StopReason.MAX_PAGES, stopped.outcome().reason());
        CrawlRun.Result resumed = CrawlRun.crawl(TestConfig.with(c -> c.state(state).output(out).warc(warc)),
                server.url("/"));

        assertEquals(StopReason.DRAINED, resumed.outcome().reason());
        assertTrue(Files.notExists(dir.resolve("crawl-00001.warc.gz")), "no new file for the resumed run");
        List<String> pages = new ArrayList<>();
        for (Read read : read(warc)) {
            if (read.record() instanceof WarcResponse response && !response.targetURI().getPath().equals("/robots.txt")) {
                pages.add(response.targetURI().getPath());
            }
        }
        assertEquals(13, pages.size(), "every page once: " + pages.stream().sorted().toList());
        assertEquals(13, new HashSet<>(pages).size(), pages.stream().sorted().toList().toString());
        assertEquals(13, Files.readAllLines(out).size());
    }

    private static List<String> types(Path warc) throws IOException {
        return read(warc).stream().map(read -> read.record().type()).toList();
    }

    /** Past --warc-max-size the archive goes on in the next numbered file, each beginning with its warcinfo. */
    @Test
    void theArchiveRollsOverToNumberedFiles() throws Exception {
        String[] pages = new String[12];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = "/p" + i;
            site.fixed(pages[i], new MockResponse.Builder().addHeader("Content-Type", "text/plain")
                    .body("z".repeat(300 * 1024)).build());
        }
        site.fixed("/robots.txt", new MockResponse.Builder().code(404).build()).page("/", "Home", pages);
        server.setDispatcher(site);

        CrawlRun.crawl(TestConfig.with(c -> c.warc(dir.resolve("big.warc")).warcMaxSize("1MB")), server.url("/"));

        Map<String, Capture> all = new HashMap<>();
        int files = 0;
        for (Path file = dir.resolve("big-00000.warc"); Files.exists(file);
                file = dir.resolve(String.format(Locale.ROOT, "big-%05d.warc", ++files))) {
            List<Read> records = read(file);
            assertInstanceOf(Warcinfo.class, records.getFirst().record(), file + " begins with its warcinfo");
            assertTrue(Files.size(file) < (1 << 20) + 2 * 310 * 1024, file + ": records are not split");
            all.putAll(captures(records));
        }
        assertTrue(files >= 3, "3.6 MB of bodies in files of 1 MB: " + files + " files");
        assertEquals(pages.length + 2, all.size(), "every exchange in one of the files: " + all.keySet());
        assertTrue(Files.notExists(dir.resolve("big.warc")), "with a size limit every file is numbered");
    }

    @Test
    void theWarcMayNotBeTheOutput() {
        Path file = dir.resolve("out");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TestConfig.with(c -> c.warc(file).output(file)));
        assertEquals("--warc: must not be the output file " + file, refused.getMessage());
    }

    private static List<Read> read(Path warc) throws IOException {
        List<Read> records = new ArrayList<>();
        try (WarcReader reader = new WarcReader(warc)) {
            reader.calculateBlockDigest();
            for (WarcRecord record : reader) {
                // Read now: a record's body is gone once the reader moves on.
                if (record instanceof WarcResponse response) {
                    HttpResponse http = response.http();
                    byte[] payload = http.body().stream().readAllBytes();
                    records.add(new Read(record, null, http, payload, record.calculatedBlockDigest().orElseThrow(), null));
                } else if (record instanceof WarcRequest request) {
                    records.add(new Read(record, request.http(), null, null, null, null));
                } else if (record instanceof Warcinfo info) {
                    records.add(new Read(record, null, null, null, null, info.fields().map()));
                } else {
                    records.add(new Read(record, null, null, null, null, null));
                }
            }
        }
        return records;
    }

    /** By path; each response paired with the request it names as concurrent. */
    private static Map<String, Capture> captures(List<Read> records) {
        Map<java.net.URI, Read> requests = new HashMap<>();
        for (Read read : records) {
            if (read.record() instanceof WarcRequest request) {
                requests.put(request.id(), read);
            }
        }
        Map<String, Capture> captures = new HashMap<>();
        for (Read read : records) {
            if (read.record() instanceof WarcResponse response) {
                Read request = requests.get(response.concurrentTo().getFirst());
                assertNotNull(request, "a request record for " + response.target());
                WarcRequest warcRequest = (WarcRequest) request.record();
                assertEquals(response.target(), warcRequest.target());
                captures.put(response.targetURI().getPath(), new Capture(warcRequest, request.httpRequest(), response,
                        read.httpResponse(), read.payload(), read.calculatedBlockDigest()));
            }
        }
        return captures;
    }

    private static WarcDigest sha1(byte[] bytes) throws Exception {
        return new WarcDigest("sha1", MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
