package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's exit statuses (docs/cli.md, "Exit status"), with what it leaves on stdout and stderr in each case. */
class ExitStatusIT {
    /** Enough pages, each slow enough, that no crawl of this site ends before a test stops it. */
    private static final int SLOW_SITE_PAGES = 2000;
    private static final Duration SLOW_PAGE = Duration.ofMillis(20);
    private static final Pattern SUMMARY = Pattern.compile("trawl: (\\d+) pages? in .*");
    /** The polite default (250ms between request starts to one host) would only slow the crawls that a test then stops. */
    private static final String NO_DELAY = "--delay=0";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final ScriptedSite site = new ScriptedSite();

    @TempDir
    private Path dir;

    private String serveSlowSite() {
        site.tree(SLOW_SITE_PAGES, 20, SLOW_PAGE);
        server.setDispatcher(site);
        assertEquals(SLOW_SITE_PAGES, site.treePagesWithin(3), "every page within the default --max-depth");
        return server.url("/").toString();
    }

    private String serveOnePage() {
        site.page("/", "Only");
        server.setDispatcher(site);
        return server.url("/").toString();
    }

    @Test
    void exitsZeroWhenTheCrawlRuns() throws Exception {
        String seed = serveOnePage();

        try (JarProcess trawl = JarProcess.start(seed, server.url("/missing").toString())) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);
            assertEquals(2, Records.parse(trawl.stdout()).size(), "a 404 is a page error, not a failed crawl");
        }
    }

    /** A link check in CI: a dead external link fails the build with 3, and says why on stderr. */
    @Test
    void exitsThreeWhenACheckedLinkIsBroken() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + closedPort + "/gone";
        site.page("/", "Home", dead);
        server.setDispatcher(site);

        try (JarProcess trawl = JarProcess.start("-q", NO_DELAY, "--retries=0", "--allow-private", "--check-links",
                "--fail-on-error", server.url("/").toString())) {
            assertEquals(3, trawl.waitForExit(), trawl::stderr);
            Map<String, JsonNode> records = Records.parse(trawl.stdout());
            JsonNode link = records.get(dead);
            assertTrue(link.get("checked").asBoolean(), link::toString);
            assertEquals("connect", link.get("error").get("type").asText());
            assertEquals(List.of("trawl: --fail-on-error: 1 page error (connect 1)"), trawl.stderrLines());
        }
    }

    @Test
    void exitsTwoOnABadOptionValueNamingTheOption() throws Exception {
        String seed = serveOnePage();

        try (JarProcess trawl = JarProcess.start("--delay=5parsecs", seed)) {
            assertEquals(2, trawl.waitForExit(), trawl::stderr);
            assertEquals("", trawl.stdout());
            assertTrue(trawl.stderrLines().getFirst().matches("trawl: --delay: .*\"5parsecs\".*"), trawl::stderr);
            trawl.assertNoStackTraceOnStderr();
            assertEquals(0, server.getRequestCount());
        }
    }

    @Test
    void exitsTwoWhenNoSeedIsValid() throws Exception {
        try (JarProcess trawl = JarProcess.start("ftp://x")) {
            assertEquals(2, trawl.waitForExit(), trawl::stderr);
            assertEquals("", trawl.stdout());
            assertTrue(trawl.stderr().contains("\"ftp://x\""), trawl::stderr);
            assertTrue(trawl.stderrLines().getLast().contains("no valid seed"), trawl::stderr);
            trawl.assertNoStackTraceOnStderr();
        }
    }

    @Test
    void exitsOneBeforeCrawlingWhenTheOutputDirectoryIsMissing() throws Exception {
        String seed = serveOnePage();
        Path out = dir.resolve("missing").resolve("out.jsonl");

        try (JarProcess trawl = JarProcess.start("-o", out.toString(), seed)) {
            assertEquals(1, trawl.waitForExit(), trawl::stderr);
            assertEquals("", trawl.stdout());
            assertEquals(1, trawl.stderrLines().size(), trawl::stderr);
            assertTrue(trawl.stderr().startsWith("trawl: ") && trawl.stderr().contains(out.toString()), trawl::stderr);
            trawl.assertNoStackTraceOnStderr();
            assertEquals(0, server.getRequestCount(), "no request when the output cannot be written");
            assertTrue(Files.notExists(out.getParent()));
        }
    }

    /**
     * On a site that outlasts the first write, so the failure stops the crawl. (On a one-page site
     * the failure can race the crawl's natural end and hang trawl: see RecordWriterCloseTest.)
     */
    @Test
    void exitsOneWhenTheOutputDeviceIsFull() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "/dev/full is a Linux device");
        String seed = serveSlowSite();

        try (JarProcess trawl = JarProcess.start("-o", full.toString(), seed)) {
            assertEquals(1, trawl.waitForExit(), trawl::stderr);
            assertEquals("", trawl.stdout());
            assertEquals(1, trawl.stderrLines().size(), "one error line and no summary:\n" + trawl.stderr());
            assertTrue(trawl.stderr().startsWith("trawl: cannot write output"), trawl::stderr);
            trawl.assertNoStackTraceOnStderr();
            assertTrue(server.getRequestCount() < SLOW_SITE_PAGES, "the failed output stopped the crawl");
        }
    }

    @Test
    void exitsOneOnAnUnknownConfigKeyNamingTheKeyAndLine() throws Exception {
        String seed = serveOnePage();
        Path config = dir.resolve("trawl.properties");
        Files.writeString(config, "# defaults\nmax-depth = 2\nmax-deepth = 3\n");

        try (JarProcess trawl = JarProcess.start("--config=" + config, seed)) {
            assertEquals(1, trawl.waitForExit(), trawl::stderr);
            assertEquals("", trawl.stdout());
            assertEquals(1, trawl.stderrLines().size(), trawl::stderr);
            String message = trawl.stderrLines().getFirst();
            assertTrue(message.startsWith("trawl: " + config + ":3: ") && message.contains("\"max-deepth\""), message);
            trawl.assertNoStackTraceOnStderr();
            assertEquals(0, server.getRequestCount());
        }
    }

    @Test
    void exits143OnSigtermAfterFlushingWholeRecords() throws Exception {
        String seed = serveSlowSite();

        try (JarProcess trawl = JarProcess.start(NO_DELAY, seed)) {
            trawl.awaitStdoutLines(5);
            trawl.terminate();

            assertEquals(143, trawl.waitForExit(), trawl::stderr);
            assertStoppedMidCrawlWithWholeRecords(trawl);
        }
    }

    @Test
    void exits130OnSigintAfterFlushingWholeRecords() throws Exception {
        String seed = serveSlowSite();

        try (JarProcess trawl = JarProcess.start(withSigintDefault(JarProcess.trawl(NO_DELAY, seed)), env -> { }, null)) {
            trawl.awaitStdoutLines(5);
            trawl.signal("INT");

            assertEquals(130, trawl.waitForExit(), trawl::stderr);
            assertStoppedMidCrawlWithWholeRecords(trawl);
        }
    }

    /**
     * Fails on 0.1.0: the crawler reads the whole seed list before it crawls, and a stop that
     * arrives while it waits for the next seed line only takes effect at the end of the input. A
     * producer that keeps stdin open ({@code tail -f seeds | trawl -i -}, a terminal) makes trawl
     * ignore SIGTERM and the first Ctrl-C.
     */
    @Test
    void exits143OnSigtermWhileWaitingForMoreSeedsOnStdin() throws Exception {
        String seed = serveOnePage();

        try (JarProcess trawl = JarProcess.startWithStdinPipe(JarProcess.trawl("-i", "-"))) {
            OutputStream stdin = trawl.stdin();
            // The report of line 2 comes from the crawler's own reading of the seeds: the trap is in place.
            stdin.write((seed + "\nnot a url\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            trawl.awaitStderrLines(1);
            assertTrue(trawl.stderrLines().getFirst().contains(":2: "), trawl::stderr);

            trawl.terminate();

            // stdin stays open: only the signal can end the process.
            assertEquals(143, trawl.waitForExit(), trawl::stderr);
            Records.parse(trawl.stdout());
            trawl.assertNoStackTraceOnStderr();
        }
    }

    @Test
    void exits141QuietlyWhenTheReaderOfAPipeGoesAway() throws Exception {
        String seed = serveSlowSite();
        Path err = dir.resolve("err.txt");
        List<String> pipeline = new ArrayList<>(List.of("bash", "-c",
                "\"$@\" 2>\"$ERR\" | head -n 1; exit \"${PIPESTATUS[0]}\"", "bash"));
        pipeline.addAll(JarProcess.trawl(seed));

        try (JarProcess bash = JarProcess.start(pipeline, env -> env.put("ERR", err.toString()), null)) {
            // The crawl would take seconds; the pipeline must end as soon as head has its line.
            int status = bash.waitForExit(JarProcess.WAIT);

            assertEquals(141, status, () -> "trawl's exit status; its stderr:\n" + read(err) + bash.stderr());
            Map<String, JsonNode> records = Records.parse(bash.stdout());
            assertEquals(1, records.size(), bash::stdout);
            assertEquals("", read(err), "no error, no summary: a closed pipe is a quiet stop");
            assertEquals("", bash.stderr());
        }
    }

    /**
     * The stop went through trawl's own path, not the JVM's default for the signal: every line on
     * stdout is a whole record, the summary counts exactly those lines, the crawl did not finish,
     * and no stack trace.
     */
    private static void assertStoppedMidCrawlWithWholeRecords(JarProcess trawl) {
        Map<String, JsonNode> records = Records.parse(trawl.stdout());
        assertTrue(records.size() >= 5 && records.size() < SLOW_SITE_PAGES, "records: " + records.size());
        trawl.assertNoStackTraceOnStderr();
        List<String> stderr = trawl.stderrLines();
        assertEquals(1, stderr.size(), trawl::stderr);
        Matcher summary = SUMMARY.matcher(stderr.getFirst());
        assertTrue(summary.matches(), stderr.getFirst());
        assertEquals(records.size(), Integer.parseInt(summary.group(1)), "summary counts the records written");
    }

    /**
     * A JVM keeps SIGINT ignored if it started that way (a background job of a script, some CI
     * runners), and would then never see the test's signal; {@code env --default-signal} undoes that.
     */
    private static List<String> withSigintDefault(List<String> command) throws IOException {
        if (!sigintIgnoredHere()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("env", "--default-signal=INT"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
                return (mask & (1L << (2 - 1))) != 0; // SIGINT is signal 2
            }
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no " + file + ")";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
