package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's process test: the built jar crawling a site of a few thousand pages with
 * {@code --state} and {@code -o}, killed with SIGKILL at random moments and started again with the
 * same command each time, leaves a file with every page exactly once and only whole lines. Issue
 * 10's on top: the file only ever grows. Every complete line in it at a kill is still there, byte
 * for byte and in place, at the next kill and at the end (only a torn last line may change), and
 * the file is never seen shorter than those lines while the next run goes on, as a reader
 * following it with {@code tail -F} would see it.
 *
 * <p>The moments are events, not times: a kill comes once the output has grown by a random number
 * of bytes since the run started (right after a commit wrote its lines), or once a random number of
 * requests has reached the site in this run (anywhere between commits, in-flight pages abandoned).
 * The targets are drawn from what is left to crawl, so the kills spread over the whole crawl. The
 * plan is seeded ({@code -Dtrawl.killSeed=N} replays another); the timing of a concurrent crawl is
 * not, so two runs of one seed differ in detail.
 */
class KillResumeIT {
    private static final long SITE_SEED = 2026;
    private static final int PAGES = 3000;
    private static final int CROSS_LINKS = 3;
    private static final int MAX_DELAY_MILLIS = 5;
    private static final int MAX_DEPTH = 100;
    private static final int KILLS = 10;
    /** Exit status of a process killed by SIGKILL (128 + 9). */
    private static final int SIGKILLED = 137;
    /** Before the first commit tells the real size of a line: a rough guess, large so that early targets stay small. */
    private static final long GUESSED_LINE_BYTES = 700;

    @StartStop
    private final MockWebServer server = NoDelayServerSockets.server();

    @TempDir
    private Path dir;

    private enum Trigger { OUTPUT_BYTES, REQUESTS }

    /** One killed run: what it waited for, and what the output held before it started and when it was killed. */
    private record Kill(int run, Trigger trigger, long target, long linesBefore, long bytesBefore, long bytesAtKill,
            boolean tornAtKill, long requests, long millis) {
        @Override
        public String toString() {
            return String.format("run %2d: %-12s %7d  lines before %4d  bytes %8d -> %8d%s  requests %4d  %4d ms",
                    run, trigger, target, linesBefore, bytesBefore, bytesAtKill, tornAtKill ? " (torn)" : "       ",
                    requests, millis);
        }
    }

    /** When a run's process lived, by the wall clock (which trawl's fetched_at also reads). */
    private record Window(int run, Instant from, Instant to) {
        boolean holds(Instant t) {
            return !t.isBefore(from) && !t.isAfter(to);
        }
    }

    @Test
    void crawlKilledAtRandomMomentsResumesToEveryPageExactlyOnce() throws Exception {
        RandomSite site = new RandomSite(SITE_SEED, PAGES, CROSS_LINKS, MAX_DELAY_MILLIS);
        server.setDispatcher(site);
        assertTrue(site.maxDistance() <= MAX_DEPTH, "every page within --max-depth: " + site.maxDistance());
        Path state = dir.resolve("crawl.db");
        Path out = dir.resolve("out.jsonl");
        String[] command = {"-q", "--state", state.toString(), "--delay=0", "--per-host=8", "-c", "8",
                "--max-depth=" + MAX_DEPTH, "--ignore-robots", "-o", out.toString(), server.url("/").toString()};
        long killSeed = Long.getLong("trawl.killSeed", 44);
        Random plan = new Random(killSeed);
        List<Kill> kills = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        long started = System.nanoTime();

        byte[] kept = new byte[0]; // the complete lines the file held at the last kill
        for (int run = 1; run <= KILLS; run++) {
            long bytesBefore = size(out);
            long linesBefore = lines(out);
            long remaining = PAGES - linesBefore; // at least this many: the file may hold lines the resume cuts
            long lineBytes = linesBefore > 0 ? Math.max(1, bytesBefore / linesBefore) : GUESSED_LINE_BYTES;
            double share = (double) remaining / (KILLS - run + 2); // this run's part of what is left, on average
            Trigger trigger = plan.nextInt(3) == 0 ? Trigger.REQUESTS : Trigger.OUTPUT_BYTES;
            // At most 70% of what is left, so the crawl is never about to end when the kill comes.
            long target = switch (trigger) {
                case OUTPUT_BYTES -> Math.min((long) (share * lineBytes * (0.5 + plan.nextDouble())),
                        (long) (0.7 * remaining * lineBytes));
                case REQUESTS -> Math.min(1 + plan.nextInt((int) Math.max(1, 2 * share)), (long) (0.7 * remaining));
            };
            assertTrue(target >= 1, "run " + run + ": nothing left to kill in, remaining " + remaining);

            site.beginRun(run);
            Instant from = Instant.now();
            long runStarted = System.nanoTime();
            try (JarProcess trawl = JarProcess.start(command)) {
                awaitTrigger(trawl, site, out, trigger, trigger == Trigger.OUTPUT_BYTES ? bytesBefore + target : target, run,
                        kept.length);
                long bytesAtKill = size(out);
                boolean torn = bytesAtKill > 0 && !endsWithNewline(out);
                assertTrue(trawl.isAlive(), "run " + run + " ended by itself before its kill");
                int status = trawl.kill9();
                windows.add(new Window(run, from, Instant.now()));
                assertEquals(SIGKILLED, status, "run " + run + " was not killed mid-crawl; stderr:\n" + trawl.stderr());
                kept = assertKept(kept, Files.readAllBytes(out), "run " + run);
                kills.add(new Kill(run, trigger, target, linesBefore, bytesBefore, bytesAtKill, torn,
                        site.requestsThisRun(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - runStarted)));
            }
        }

        int last = KILLS + 1;
        site.beginRun(last);
        long requestsBeforeLast = site.requests();
        long linesBeforeLast = lines(out);
        Instant from = Instant.now();
        try (JarProcess trawl = JarProcess.start(command)) {
            awaitExitWatchingTheFile(trawl, out, kept.length);
            assertEquals(0, trawl.waitForExit(Duration.ofSeconds(60)), trawl::stderr);
            windows.add(new Window(last, from, Instant.now()));
            assertEquals("", trawl.stdout(), "with -o, stdout stays empty");
            assertEquals("", trawl.stderr(), "-q: nothing on stderr");
        }
        assertKept(kept, Files.readAllBytes(out), "the last run");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        Map<String, JsonNode> records = Records.parse(JarProcess.strictUtf8(Files.readAllBytes(out), out.toString()));
        Set<String> expected = IntStream.range(0, PAGES).mapToObj(page -> url(RandomSite.path(page)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, new TreeSet<>(records.keySet()), "every page of the site exactly once");
        assertEquals(PAGES, lines(out));

        for (JsonNode record : records.values()) {
            String where = record.toString();
            int page = pageOf(site, record.get("url").asText());
            assertEquals(200, record.get("status").asInt(), where);
            assertTrue(record.get("error").isNull(), where);
            assertDepthAndParent(site, records, page, record, MAX_DEPTH);
            // The run that wrote the line that survived is the last to have fetched the page: once a
            // page is recorded, no later run asks for it again.
            int recordedBy = runAt(windows, Instant.parse(record.get("fetched_at").asText()), where);
            assertEquals(recordedBy, site.lastRun(page), () -> "page recorded by run " + recordedBy
                    + " but fetched again by run " + site.lastRun(page) + ": " + where);
        }

        long midCrawlEarly = kills.stream().filter(k -> k.linesBefore() < PAGES / 2).count();
        long midCrawlLate = kills.stream().filter(k -> k.linesBefore() >= PAGES / 2).count();
        assertTrue(midCrawlEarly >= 3 && midCrawlLate >= 3, () -> "kills not spread over the crawl:\n" + table(kills));

        long refetched = IntStream.range(0, PAGES).filter(page -> site.hits(page) > 1).count();
        long extraRequests = site.requests() - PAGES;
        System.out.printf("KillResumeIT (kill seed %d): %d pages exactly once after %d kills (SIGKILL) in %.1f s;"
                        + " %d pages served more than once (%d requests beyond one per page, %d requests in all);"
                        + " the last run started with %d lines and made %d requests%n%s%n",
                killSeed, PAGES, kills.size(), millis / 1000.0, refetched, extraRequests, site.requests(),
                linesBeforeLast, site.requests() - requestsBeforeLast, table(kills));
    }

    /**
     * Depth and scope hold across resumes: the seed is depth 0 without a parent; every other page was
     * found on a page that links to it (now, after any {@link RandomSite#edit}), no nearer to the seed
     * than the shortest path, and no farther than one hop beyond the page it was found on.
     */
    static void assertDepthAndParent(RandomSite site, Map<String, JsonNode> records, int page, JsonNode record,
            int maxDepth) {
        String where = record.toString();
        int depth = record.get("depth").asInt();
        if (page == 0) {
            assertEquals(0, depth, where);
            assertTrue(record.get("parent").isNull(), where);
            return;
        }
        assertTrue(depth >= site.distance(page) && depth <= maxDepth, () -> "shortest path " + site.distance(page) + ": " + where);
        String parentUrl = record.get("parent").asText();
        JsonNode parent = records.get(parentUrl);
        assertTrue(parent != null, () -> "parent not crawled: " + where);
        int parentPage = pageOf(site, parentUrl);
        assertTrue(site.linksOf(parentPage).contains(page), () -> "the parent does not link here: " + where);
        assertTrue(depth <= parent.get("depth").asInt() + 1, () -> "deeper than its parent + 1: " + where + "\nparent: " + parent);
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    static int pageOf(RandomSite site, String url) {
        int page = site.page(HttpUrl.get(url).encodedPath());
        assertTrue(page >= 0, () -> "not a page of the site: " + url);
        return page;
    }

    /**
     * The file after a run: it must begin with every complete line it held at the last kill, as they
     * were. Returns its complete lines now, for the next run's check.
     */
    private static byte[] assertKept(byte[] kept, byte[] now, String when) {
        assertTrue(now.length >= kept.length && Arrays.equals(kept, Arrays.copyOf(now, kept.length)),
                () -> when + ": a complete line written before the last kill was taken back or changed"
                        + " (kept " + kept.length + " bytes, the file now has " + now.length + ")");
        int end = now.length;
        while (end > 0 && now[end - 1] != '\n') {
            end--;
        }
        return Arrays.copyOf(now, end);
    }

    /** Waits for the last run to end, checking as it goes that the file never falls below {@code kept} bytes. */
    private static void awaitExitWatchingTheFile(JarProcess trawl, Path out, long kept) throws IOException {
        long deadline = System.nanoTime() + JarProcess.WAIT.toNanos();
        while (trawl.isAlive() && System.nanoTime() < deadline) {
            assertNotShorter(out, kept, "the last run");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void assertNotShorter(Path out, long kept, String when) throws IOException {
        long size = size(out);
        assertTrue(size >= kept, () -> when + ": the file fell to " + size + " bytes, below the " + kept
                + " of complete lines it had at the last kill: a reader following it saw lines taken back");
    }

    /**
     * Waits for the run's kill moment: the output file reaching {@code target} bytes, or
     * {@code target} requests of this run reaching the site. The file is checked every millisecond;
     * requests wake the waiter as they arrive. The process ending first fails the test, and so does
     * the file falling below the {@code kept} bytes of complete lines the last kill left.
     */
    private static void awaitTrigger(JarProcess trawl, RandomSite site, Path out, Trigger trigger, long target, int run,
            long kept) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + JarProcess.WAIT.toNanos();
        while (true) {
            assertNotShorter(out, kept, "run " + run);
            boolean reached = switch (trigger) {
                case OUTPUT_BYTES -> size(out) >= target;
                case REQUESTS -> site.awaitRequests(target, TimeUnit.MILLISECONDS.toNanos(5));
            };
            if (reached) {
                return;
            }
            if (!trawl.isAlive()) {
                fail("run " + run + " exited with " + trawl.waitForExit() + " before its kill (" + trigger + " " + target
                        + ", output at " + size(out) + " bytes)\nstderr:\n" + trawl.stderr());
            }
            if (System.nanoTime() > deadline) {
                fail("run " + run + ": no " + trigger + " " + target + " within " + JarProcess.WAIT);
            }
            if (trigger == Trigger.OUTPUT_BYTES) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    private static int runAt(List<Window> windows, Instant t, String where) {
        return windows.stream().filter(w -> w.holds(t)).mapToInt(Window::run).findFirst()
                .orElseGet(() -> fail("fetched_at outside every run: " + where));
    }

    private static String table(List<Kill> kills) {
        return kills.stream().map(Kill::toString).collect(Collectors.joining("\n"));
    }

    static long size(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        long count = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                count++;
            }
        }
        return count;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length > 0 && bytes[bytes.length - 1] == '\n';
    }
}
