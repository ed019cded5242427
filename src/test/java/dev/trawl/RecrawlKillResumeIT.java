package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's recrawl across kills (points 4 and 5): a site crawled once to the end with
 * {@code --state}, then edited (pages given new links, so that whole branches lose theirs, and
 * pages removed), then recrawled by the built jar killed with SIGKILL: at random moments while it
 * discovers the site from the seed, then twice in its last phase, when it fetches the URLs nothing
 * links to any more: once at the first such request (before that phase is likely committed), once
 * after one of them has been written (after). Started again each time with the same command, it
 * leaves every URL in the file exactly once: a URL the site links to now with a parent that links
 * to it now, a URL nothing links to with the depth and parent of the first crawl, an unchanged
 * page (304) with the title and links of its first fetch.
 */
class RecrawlKillResumeIT {
    private static final long SITE_SEED = 2027;
    private static final int PAGES = 1200;
    private static final int CROSS_LINKS = 1;
    private static final int MAX_DELAY_MILLIS = 4;
    private static final int EDITS = 80;
    private static final int REMOVALS = 15;
    private static final int MAX_DEPTH = 100;
    private static final int DISCOVERY_KILLS = 3;
    private static final int SIGKILLED = 137;

    @StartStop
    private final MockWebServer server = NoDelayServerSockets.server();

    @TempDir
    private Path dir;

    private String url(int page) {
        return server.url(RandomSite.path(page)).toString();
    }

    @Test
    void recrawlKilledWhileDiscoveringAndWhileFetchingWhatNothingLinksToRecordsEveryUrlOnce() throws Exception {
        RandomSite site = new RandomSite(SITE_SEED, PAGES, CROSS_LINKS, MAX_DELAY_MILLIS);
        server.setDispatcher(site);
        Path state = dir.resolve("crawl.db");
        Path out = dir.resolve("recrawl.jsonl");
        String[] first = command(state, dir.resolve("first.jsonl"));
        String[] recrawl = command(state, out);
        site.beginRun(1);
        try (JarProcess trawl = JarProcess.start(first)) {
            assertEquals(0, trawl.waitForExit(Duration.ofSeconds(60)), trawl::stderr);
        }
        Map<String, JsonNode> before = Records.parse(Files.readString(dir.resolve("first.jsonl")));
        assertEquals(PAGES, before.size());

        site.edit(SITE_SEED, EDITS, REMOVALS);
        Set<Integer> unreached = IntStream.range(0, PAGES).filter(page -> site.distance(page) == Integer.MAX_VALUE)
                .boxed().collect(Collectors.toCollection(TreeSet::new));
        int reached = PAGES - unreached.size();
        assertTrue(unreached.size() >= 10, "the edits left too few pages without a link: " + unreached.size());

        Random plan = new Random(Long.getLong("trawl.killSeed", 45));
        int run = 1;
        for (int kill = 0; kill < DISCOVERY_KILLS; kill++) {
            long target = 1 + plan.nextInt(reached / (3 * DISCOVERY_KILLS));
            site.beginRun(++run);
            killWhen(recrawl, run, () -> site.requestsThisRun() >= target);
        }
        // Its last phase, twice: the first request for a page nothing links to (held unanswered), then
        // the line of one in the file (the other half held, so that the run cannot end first).
        Set<Integer> heldHalf = unreached.stream().filter(page -> page % 2 == 0).collect(Collectors.toSet());
        Set<String> otherHalf = unreached.stream().filter(page -> page % 2 != 0).map(this::url).collect(Collectors.toSet());
        assertFalse(heldHalf.isEmpty() || otherHalf.isEmpty(), "two halves: " + unreached);
        try {
            site.beginRun(++run);
            site.hold(unreached);
            killWhen(recrawl, run, () -> awaitRequest(site, unreached));
            site.release();
            site.beginRun(++run);
            site.hold(heldHalf);
            killWhen(recrawl, run, () -> written(out).stream().anyMatch(otherHalf::contains));
        } finally {
            site.release();
        }

        int last = ++run;
        site.beginRun(last);
        Instant lastStarted = Instant.now();
        try (JarProcess trawl = JarProcess.start(recrawl)) {
            assertEquals(0, trawl.waitForExit(Duration.ofSeconds(60)), trawl::stderr);
        }

        Map<String, JsonNode> records = Records.parse(JarProcess.strictUtf8(Files.readAllBytes(out), out.toString()));
        assertEquals(before.keySet(), records.keySet(), "every URL exactly once");
        for (JsonNode record : records.values()) {
            String where = record.toString();
            int page = KillResumeIT.pageOf(site, record.get("url").asText());
            JsonNode then = before.get(record.get("url").asText());
            assertStatus(site, page, then, record);
            if (unreached.contains(page)) {
                assertEquals(then.get("depth"), record.get("depth"), where);
                assertEquals(then.get("parent"), record.get("parent"), where);
            } else {
                KillResumeIT.assertDepthAndParent(site, records, page, record, MAX_DEPTH);
            }
            if (Instant.parse(record.get("fetched_at").asText()).isBefore(lastStarted)) {
                assertTrue(site.lastRun(page) < last, () -> "recorded before the last run, fetched again by it: " + where);
            }
        }
    }

    private String[] command(Path state, Path out) {
        return new String[] {"-q", "--state", state.toString(), "--delay=0", "--per-host=8", "-c", "8",
            "--max-depth=" + MAX_DEPTH, "--ignore-robots", "-o", out.toString(), server.url("/").toString()};
    }

    /** Runs the command until {@code moment} holds, then kills it with SIGKILL and lets held answers go. */
    static void killWhen(String[] command, int run, BooleanSupplier moment) throws Exception {
        try (JarProcess trawl = JarProcess.start(command)) {
            long deadline = System.nanoTime() + JarProcess.WAIT.toNanos();
            while (!moment.getAsBoolean()) {
                if (!trawl.isAlive()) {
                    fail("run " + run + " exited with " + trawl.waitForExit() + " before its kill\n" + trawl.stderr());
                }
                if (System.nanoTime() > deadline) {
                    fail("run " + run + ": its moment did not come within " + JarProcess.WAIT);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertEquals(SIGKILLED, trawl.kill9(), () -> "run " + run + " was not killed mid-crawl: " + trawl.stderr());
        }
    }

    private static boolean awaitRequest(RandomSite site, Set<Integer> pages) {
        try {
            return site.awaitRequestFor(pages, TimeUnit.MILLISECONDS.toNanos(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The URLs of the complete lines in the file so far (each line begins with {@code {"url":"}). */
    private static Set<String> written(Path out) {
        try {
            String text = Files.exists(out) ? Files.readString(out) : "";
            String complete = text.substring(0, text.lastIndexOf('\n') + 1);
            return complete.lines().map(line -> line.substring(8, line.indexOf('"', 8))).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removed: 404; edited: a new fetch; else a 304 that carries the title and links of the first fetch. */
    private static void assertStatus(RandomSite site, int page, JsonNode then, JsonNode record) {
        String where = record.toString();
        assertEquals(200, record.get("previous_status").asInt(), where);
        if (site.removed(page)) {
            assertEquals(404, record.get("status").asInt(), where);
            assertTrue(record.get("changed").asBoolean(), where);
        } else if (site.edited(page)) {
            assertEquals(200, record.get("status").asInt(), where);
            assertTrue(record.get("changed").asBoolean(), where);
        } else {
            assertEquals(304, record.get("status").asInt(), where);
            assertFalse(record.get("changed").asBoolean(), where);
            assertEquals(then.get("title"), record.get("title"), where);
            assertEquals(then.get("links"), record.get("links"), where);
        }
    }
}
