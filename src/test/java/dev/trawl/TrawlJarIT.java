package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar as a user runs it: what it writes to stdout, stderr and files for a crawl of a fake site. */
class TrawlJarIT {
    /** The title of /zh as served: Chinese text and entities, named and numeric. */
    private static final String ZH_TITLE_HTML = "中文标题 &amp; &lt;ok&gt; &#20013;&eacute;";
    private static final String ZH_TITLE = "中文标题 & <ok> 中é";
    private static final Pattern SUMMARY = Pattern.compile("trawl: (\\d+) pages? in .*");
    /** The polite default (250ms between request starts to one host) would only slow these crawls of a local fake site. */
    private static final String NO_DELAY = "--delay=0";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final ScriptedSite site = new ScriptedSite();

    @TempDir
    private Path dir;

    /**
     * Twelve URLs within the default depth 3 (one of them a 404), one page at depth 4, a link to
     * the same server under another host name (out of host scope) and a mailto link.
     */
    private Set<String> serveSmallSite() {
        String otherHost = server.url("/elsewhere").newBuilder().host("127.0.0.1").build().toString();
        site.page("/", "Home", "/a", "/b", "/zh", "/missing", otherHost, "mailto:x@example.com")
                .page("/a", "A", "/a/1", "/a/2", "/")
                .page("/b", "B", "/b/1", "/a#part")
                .page("/zh", ZH_TITLE_HTML, "/zh/1")
                .page("/a/1", "A1", "/a/1/x")
                .page("/a/2", "A2")
                .page("/b/1", "B1", "/b/1/x")
                .page("/zh/1", "Z1", "/zh/1/x")
                .page("/a/1/x", "A1X", "/a/1/x/deep")
                .page("/b/1/x", "B1X")
                .page("/zh/1/x", "ZX")
                .page("/a/1/x/deep", "Too deep");
        server.setDispatcher(site);
        return Stream.of("/", "/a", "/b", "/zh", "/missing", "/a/1", "/a/2", "/b/1", "/zh/1", "/a/1/x", "/b/1/x", "/zh/1/x")
                .map(this::url).collect(Collectors.toSet());
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    @Test
    void crawlsTheSiteWithinDepthAsJsonLinesWithOnlyTheSummaryOnStderr() throws Exception {
        Set<String> expected = serveSmallSite();

        try (JarProcess trawl = JarProcess.start(NO_DELAY, url("/"))) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);

            Map<String, JsonNode> records = Records.parse(trawl.stdout());
            assertEquals(expected, records.keySet());
            assertEquals(ZH_TITLE, records.get(url("/zh")).get("title").asText());
            JsonNode deepest = records.get(url("/a/1/x"));
            assertEquals(3, deepest.get("depth").asInt());
            assertEquals(url("/a/1"), deepest.get("parent").asText());
            assertEquals(List.of(url("/a/1/x/deep")), texts(deepest.get("links")));
            JsonNode home = records.get(url("/"));
            assertTrue(home.get("parent").isNull());
            assertEquals(200, home.get("status").asInt());
            assertTrue(home.get("error").isNull());
            JsonNode missing = records.get(url("/missing"));
            assertEquals(404, missing.get("status").asInt());
            assertEquals("http", missing.get("error").get("type").asText());
            assertEquals(0, site.hits("/a/1/x/deep"), "beyond --max-depth 3");
            assertEquals(0, site.hits("/elsewhere"), "another host: out of scope");

            List<String> stderr = trawl.stderrLines();
            assertEquals(1, stderr.size(), () -> "stderr:\n" + trawl.stderr());
            assertSummaryCounts(expected.size(), stderr.getFirst());
            assertTrue(trawl.stderr().endsWith("\n"));
        }
    }

    @Test
    void writesUtf8TitlesInTheCLocale() throws Exception {
        serveSmallSite();

        try (JarProcess trawl = JarProcess.start(JarProcess.trawl(NO_DELAY, "-d", "1", url("/")), env -> {
            env.keySet().removeIf(name -> name.equals("LANG") || name.equals("LANGUAGE") || name.startsWith("LC_"));
            env.put("LC_ALL", "C");
        }, null)) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);

            Map<String, JsonNode> records = Records.parse(trawl.stdout()); // fails on any byte that is not UTF-8
            assertEquals(ZH_TITLE, records.get(url("/zh")).get("title").asText());
            assertTrue(contains(trawl.stdoutBytes(), "中文标题".getBytes(StandardCharsets.UTF_8)),
                    "the Chinese title as UTF-8 bytes, not \\u escapes or '?'");
        }
    }

    @Test
    void stopsAfterMaxPagesRecords() throws Exception {
        site.tree(2000, 20, Duration.ZERO);
        server.setDispatcher(site);

        try (JarProcess trawl = JarProcess.start(NO_DELAY, "--max-pages", "5", url("/"))) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);

            assertEquals(5, Records.parse(trawl.stdout()).size());
            assertEquals(1, trawl.stderrLines().size(), trawl::stderr);
            assertSummaryCounts(5, trawl.stderrLines().getFirst());
        }
    }

    @Test
    void writesRecordsToTheOutputFileAndNothingToStdout() throws Exception {
        Set<String> expected = serveSmallSite();
        Path out = dir.resolve("out.jsonl");

        try (JarProcess trawl = JarProcess.start(NO_DELAY, "-o", out.toString(), url("/"))) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);

            assertEquals(0, trawl.stdoutBytes().length, trawl::stdout);
            Map<String, JsonNode> records = Records.parse(JarProcess.strictUtf8(Files.readAllBytes(out), out.toString()));
            assertEquals(expected, records.keySet());
            assertEquals(ZH_TITLE, records.get(url("/zh")).get("title").asText());
            assertSummaryCounts(expected.size(), trawl.stderrLines().getFirst());
        }
    }

    @Test
    void readsSeedsFromStdinSkippingCommentsAndBlankLinesAndReportingBadLines() throws Exception {
        serveSmallSite();
        Path seeds = dir.resolve("seeds.txt");
        Files.writeString(seeds, String.join("\n",
                "# seeds for the test",
                url("/a"),
                "not a url",
                "",
                "   " + url("/b") + "   ",
                "  # an indented comment",
                ""), StandardCharsets.UTF_8);

        try (JarProcess trawl = JarProcess.start(JarProcess.trawl("-d", "0", "-i", "-"), env -> { }, seeds)) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);

            assertEquals(Set.of(url("/a"), url("/b")), Records.parse(trawl.stdout()).keySet());
            List<String> stderr = trawl.stderrLines();
            assertEquals(2, stderr.size(), trawl::stderr);
            assertTrue(Pattern.compile("trawl: (-|<stdin>|stdin):3: .*\"not a url\".*").matcher(stderr.get(0)).matches(),
                    stderr.get(0));
            assertSummaryCounts(2, stderr.get(1));
        }
    }

    @Test
    void helpListsEveryDocumentedOptionAndTheExitStatuses() throws Exception {
        try (JarProcess trawl = JarProcess.start("--help")) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);

            String help = trawl.stdout();
            // docs/cli.md, "Options"
            for (String option : List.of("-i, --input=FILE", "-o, --output=FILE", "-d, --max-depth=N",
                    "-n, --max-pages=N", "-c, --concurrency=N", "--per-host=N", "--delay=DURATION",
                    "-t, --timeout=DURATION", "-r, --retries=N", "--scope=host|domain|any", "--include=REGEX",
                    "--exclude=REGEX", "--max-bytes=SIZE", "--user-agent=STRING", "--ignore-robots", "--config=FILE",
                    "-q, --quiet", "-v, --verbose", "-h, --help", "-V, --version", "[URL...]",
                    "--max-crawl-delay=DURATION", "--rate=RATE", "--sitemaps", "--follow-nofollow",
                    "-H, --header='Name: value'", "--cookie=", "--proxy=URL", "--insecure", "--max-url-length=N",
                    "--max-repeated-segments=N", "--max-pages-per-host=N", "--max-query-variants=N",
                    "--state=FILE", "--changed-only", "--recrawl-after=DURATION", "--fail-on-error")) {
                assertTrue(help.contains(option), () -> option + " missing from --help:\n" + help);
            }
            // docs/cli.md, "Exit status", and ExitStatus.OUTPUT_CLOSED
            for (int status : new int[] {0, 1, 2, 3, 75, 130, 141, 143}) {
                assertTrue(Pattern.compile("(?m)^\\s+" + status + "\\s+\\S").matcher(help).find(),
                        () -> "exit status " + status + " missing from --help:\n" + help);
            }
            assertEquals("", trawl.stderr());
        }
    }

    @Test
    void versionPrintsTrawlAndTheJarsVersion() throws Exception {
        String version = JarProcess.version();

        for (String flag : List.of("--version", "-V")) {
            try (JarProcess trawl = JarProcess.start(flag)) {
                assertEquals(0, trawl.waitForExit(), trawl::stderr);
                assertEquals("trawl " + version + System.lineSeparator(), trawl.stdout(), flag);
                assertEquals("", trawl.stderr(), flag);
            }
        }
    }

    private static void assertSummaryCounts(int records, String line) {
        Matcher m = SUMMARY.matcher(line);
        assertTrue(m.matches(), () -> "not the summary line: " + line);
        assertEquals(records, Integer.parseInt(m.group(1)), line);
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
