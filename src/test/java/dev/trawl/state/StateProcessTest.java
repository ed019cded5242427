package dev.trawl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The state across processes: the lock another process holds, and kill -9 at random moments of a crawl.
 * The timeout only stops a hang: seven JVMs started one after the other took 141 s beside other builds.
 */
@Timeout(600)
class StateProcessTest {
    /** Longest wait for the next line of a running crawl: a stuck crawl fails rather than waiting forever. */
    private static final Duration PROGRESS_BOUND = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    private Path state() {
        return dir.resolve("crawl.db");
    }

    @Test
    void lockHeldByAnotherProcessNamesItsPidAndIsTakenOverOnceItIsKilled() throws Exception {
        Process holder = start("hold", state().toString());
        try {
            BufferedReader stdout = reader(holder);
            assertEquals("locked", stdout.readLine());

            StateLockedException locked = assertThrows(StateLockedException.class, () -> StateStore.open(state()));
            assertEquals(holder.pid(), locked.pid());
            assertTrue(locked.getMessage().contains("process " + holder.pid()), locked.getMessage());

            holder.destroyForcibly().waitFor(); // SIGKILL: nothing released by hand
            StateStore store = StateStore.open(state());
            try {
                assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(StateLock.pathFor(state())));
            } finally {
                store.close();
            }
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    /**
     * The process test at the store's level (the jar's own is KillResumeIT, with ten kills):
     * a crawl of over a thousand pages with four workers and the committer thread, killed with SIGKILL
     * at random moments six times and started again each time, ends with every reachable page in the
     * output exactly once and only whole lines; and every byte in the file at a kill, a torn line's
     * included, is still there after the resume (the torn line is completed, not cut). The moments
     * are events (the output grown by a random part of what is left), not times: a kill a random time
     * after the start found a crawl on a loaded machine that had hardly begun (lines at the kills: 0,
     * 2, 2, 2, 2, 2).
     */
    @Test
    void crawlKilledAtRandomMomentsRecordsEveryPageExactlyOnce() throws Exception {
        Path out = dir.resolve("out.jsonl");
        long graphSeed = 7;
        int nodes = 1500;
        int maxDepth = 40;
        Set<String> expected = expectedLines(graphSeed, nodes, maxDepth);
        Random random = new Random(42);
        List<Long> linesAtKills = new ArrayList<>();
        byte[] atLastKill = new byte[0];
        int kills = 0;
        int starts = 0;
        boolean finished = false;
        while (!finished) {
            assertTrue(starts++ < 200, "the crawl never finished");
            Process crawl = start("crawl", state().toString(), out.toString(), Long.toString(graphSeed),
                    Integer.toString(nodes), Integer.toString(maxDepth), kills < 6 ? "3000" : "200");
            try {
                BufferedReader stdout = reader(crawl);
                String first = stdout.readLine();
                assertEquals("running", first, "start " + starts + ": " + stderr(crawl));
                if (kills < 6) {
                    long before = lines(out);
                    // At most 70% of what is left, spread over the kills to come: never about to end.
                    long share = Math.max(1, (expected.size() - before) * 7 / 10 / (6 - kills));
                    long target = before + 1 + random.nextLong(share);
                    if (!awaitLines(crawl, out, target)) {
                        fail("start " + starts + " ended before its kill at " + target + " lines: " + stderr(crawl));
                    }
                    crawl.destroyForcibly();
                    crawl.waitFor();
                    if (runFinished()) {
                        // On a loaded machine the crawl can end before the kill lands. Starting it
                        // again would begin a recrawl, which writes a new file: that is not a resume.
                        finished = true;
                        continue;
                    }
                    kills++;
                    linesAtKills.add(lines(out));
                    atLastKill = assertGrewFrom(atLastKill, out, "kill " + kills);
                    continue;
                }
                assertTrue(crawl.waitFor(120, TimeUnit.SECONDS), "the last crawl hung");
                assertEquals(0, crawl.exitValue(), stderr(crawl));
                finished = true;
            } finally {
                crawl.destroyForcibly().waitFor();
            }
        }
        byte[] bytes = assertGrewFrom(atLastKill, out, "the end");
        assertTrue(bytes.length > 0 && bytes[bytes.length - 1] == '\n', "only whole lines");
        List<String> lines = Files.readAllLines(out);
        Set<String> unique = new TreeSet<>(lines);
        assertEquals(lines.size(), unique.size(), "a page recorded twice across " + kills + " kills");
        assertEquals(expected, unique);
        long midCrawl = linesAtKills.stream().filter(count -> count > 0 && count < expected.size()).count();
        assertTrue(midCrawl >= 5, "only " + midCrawl + " kills in the middle of the crawl: lines at kills " + linesAtKills);
        assertTrue(expected.size() > 500, "a crawl of " + expected.size() + " pages");
        System.out.printf("StateProcessTest: %d pages exactly once after %d kills (lines at each kill: %s)%n",
                expected.size(), kills, linesAtKills);
    }

    /**
     * The process dies inside a commit, after the transaction that stored its lines: before writing
     * them, half way (a torn line), or after (before the next commit records it). The file as the
     * dead process left it is where the resumed crawl goes on from, every byte of it kept, and the
     * crawl ends with every page exactly once.
     */
    @ParameterizedTest(name = "{0}% of the lines written")
    @ValueSource(ints = {0, 50, 100})
    void processDyingBetweenACommitsTransactionAndItsWriteLosesNoLineAndTakesNoByteBack(int written) throws Exception {
        Path out = dir.resolve("out.jsonl");
        long graphSeed = 11;
        int nodes = 600;
        int maxDepth = 40;
        Set<String> expected = expectedLines(graphSeed, nodes, maxDepth);

        // Four workers, 5 ms a page at least: the first commit (250 ms in) holds at most about 200 pages, a third of the crawl.
        Process dying = start("crash", state().toString(), out.toString(), Long.toString(graphSeed),
                Integer.toString(nodes), Integer.toString(maxDepth), "5000", "1", Integer.toString(written));
        assertEquals("running", reader(dying).readLine(), () -> stderr(dying));
        assertTrue(dying.waitFor(120, TimeUnit.SECONDS), "the crawl never reached its first commit");
        assertEquals(137, dying.exitValue(), () -> stderr(dying));
        byte[] atDeath = Files.readAllBytes(out);
        long committedPages = ((Number) Sql.value(state(), "SELECT count(*) FROM urls WHERE state = 1")).longValue();
        assertTrue(committedPages > 0 && committedPages < expected.size(), "died mid-crawl: " + committedPages);

        Process resumed = start("crawl", state().toString(), out.toString(), Long.toString(graphSeed),
                Integer.toString(nodes), Integer.toString(maxDepth), "100");
        assertEquals("running", reader(resumed).readLine(), () -> stderr(resumed));
        assertTrue(resumed.waitFor(120, TimeUnit.SECONDS), "the resumed crawl hung");
        assertEquals(0, resumed.exitValue(), () -> stderr(resumed));

        assertGrewFrom(atDeath, out, "the resume");
        List<String> lines = Files.readAllLines(out);
        assertEquals(lines.size(), new TreeSet<>(lines).size(), "a page recorded twice");
        assertEquals(expected, new TreeSet<>(lines));
    }

    /** The lines a finished crawl of the child's graph writes: one per reachable page. */
    private static Set<String> expectedLines(long graphSeed, int nodes, int maxDepth) {
        Set<String> expected = new TreeSet<>();
        new LinkGraph(graphSeed, nodes, 6).reachable(maxDepth).forEach(url -> expected.add("{\"url\":\"" + url + "\"}"));
        return expected;
    }

    /** Whether the crawl's run is recorded as finished (the drained crawl got to say so). */
    private boolean runFinished() throws Exception {
        return ((Number) Sql.value(state(), "SELECT count(*) FROM runs WHERE status = 'finished'")).longValue() > 0;
    }

    /** The file must begin with every byte it had before; returns what it has now. */
    private static byte[] assertGrewFrom(byte[] before, Path out, String when) throws IOException {
        byte[] now = Files.readAllBytes(out);
        assertTrue(now.length >= before.length && Arrays.equals(before, Arrays.copyOf(now, before.length)),
                () -> when + ": bytes in the file were taken back or changed (" + before.length + " bytes before, "
                        + now.length + " now)");
        return now;
    }

    /** Waits until the output holds {@code target} whole lines; false when the crawl ends first. */
    private static boolean awaitLines(Process crawl, Path out, long target) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PROGRESS_BOUND.toNanos();
        while (lines(out) < target) {
            if (crawl.waitFor(1, TimeUnit.MILLISECONDS)) {
                return false;
            }
            assertTrue(System.nanoTime() < deadline, () -> "no progress to " + target + " lines in " + PROGRESS_BOUND);
        }
        return true;
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file).chars().filter(c -> c == '\n').count() : 0;
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                StateChild.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(dir.resolve("child-" + children.size() + ".err").toFile())
                .start();
        children.add(process);
        return process;
    }

    private String stderr(Process process) {
        try {
            return Files.readString(dir.resolve("child-" + children.indexOf(process) + ".err"));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }
}
