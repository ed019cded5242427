package dev.trawl.state;

import static dev.trawl.state.StateFixtures.line;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Commits, crashes and output: what is durable when, and what a resume finds. */
@Timeout(60)
class StateCommitTest {
    /** Long enough that only explicit and inline commits happen. */
    private static final Duration NO_BACKGROUND = Duration.ofHours(1);
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("crawl.db");
    }

    private Path out() {
        return dir.resolve("out.jsonl");
    }

    private static String a(String path) {
        return "http://a.test/" + path;
    }

    private static FetchFacts facts(Task task) {
        return new FetchFacts(200, "\"" + task.url().hashCode() + "\"", null, null, Instant.now(), null);
    }

    private static Task take(Frontier frontier) {
        Task task = frontier.poll(host -> true);
        assertNotNull(task, "expected a task");
        return task;
    }

    private static List<String> drain(Frontier frontier) {
        List<String> urls = new ArrayList<>();
        for (Task t; (t = frontier.poll(host -> true)) != null; ) {
            urls.add(t.url());
        }
        return urls;
    }

    @Test
    void crashKeepsExactlyWhatWasCommittedAndCutsTheTornLine() throws Exception {
        StateStore store = StateStore.open(state(), NO_BACKGROUND);
        store.beginRun(Optional.of(out()), Optional.empty(), CLOCK);
        store.output(out());
        Frontier frontier = store.frontier(5, 10, Admission.ALL);
        frontier.addSeed(a(""));
        Task seed = take(frontier);
        store.finish(seed, List.of(a("1"), a("2"), a("3")), facts(seed), line(seed));
        store.commit();
        Task one = take(frontier);
        take(frontier); // /2, in flight at the crash
        store.finish(one, List.of(a("1/child")), facts(one), line(one)); // never committed
        take(frontier); // /3, in flight
        store.crashForTest();
        Files.writeString(out(), "{\"url\":\"http://a.test/torn", StandardOpenOption.APPEND);

        try (StateStore again = StateStore.open(state(), NO_BACKGROUND)) {
            RunStart start = again.beginRun(Optional.of(out()), Optional.empty(), CLOCK);
            assertEquals(new RunStart(1, true, line(seed).length, Set.of()), start);
            again.output(out());
            assertArrayEquals(line(seed), Files.readAllBytes(out()), "the committed lines and nothing else");
            Frontier resumed = again.frontier(5, 10, Admission.ALL);
            assertEquals(3, resumed.waiting());
            assertEquals(List.of(a("1"), a("2"), a("3")), drain(resumed), "the seed is not handed out again");
            assertEquals(Optional.empty(), again.previous(a("1")), "/1's facts were not committed");
            assertTrue(again.previous(a("")).isPresent());
        }
    }

    /** Where a crash after a commit's transaction leaves its three lines (/1, /2, /3) in the file. */
    enum Written {
        NONE, TORN_FIRST_LINE, FIRST_LINE_AND_TORN_SECOND, ALL;

        int bytes(byte[] lines, int firstLine) {
            return switch (this) {
                case NONE -> 0;
                case TORN_FIRST_LINE -> firstLine / 2;
                case FIRST_LINE_AND_TORN_SECOND -> firstLine + 9;
                case ALL -> lines.length;
            };
        }
    }

    /**
     * A crash after the transaction that stored a batch, before its lines are written, while they
     * are (a part of them reached the file), or after (before the next commit records it): every
     * byte in the file at the crash stays where it is, the rest of the batch is written, and none of
     * its pages is handed out again.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Written.class)
    void crashAfterTheTransactionLosesNoLineAndTakesNoByteBack(Written written) throws Exception {
        Crashing run = crashingRun(null, 3);
        run.store().commit();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (Task task : List.of(take(run.frontier()), take(run.frontier()), take(run.frontier()))) {
            run.store().finish(task, List.of(a("4")), facts(task), line(task));
            batch.write(line(task));
        }
        run.crashAfterTransaction(written.bytes(batch.toByteArray(), ("{\"url\":\"" + a("1") + "\"}\n").length()));
        byte[] atCrash = Files.readAllBytes(out());

        try (StateStore again = resumed(out(), null)) {
            Frontier resumed = again.frontier(5, 10, Admission.ALL);
            assertEquals(List.of(a("4")), drain(resumed), "/1, /2 and /3 are done: not handed out again");
            again.endRun(false);
        }
        byte[] after = Files.readAllBytes(out());
        assertArrayEquals(atCrash, Arrays.copyOf(after, atCrash.length), "a byte that reached the file was taken back");
        assertEquals(new String(line(run.seed()), StandardCharsets.UTF_8) + batch.toString(StandardCharsets.UTF_8),
                new String(after, StandardCharsets.UTF_8));
        assertEquals(List.of(List.of((long) after.length)), Sql.rows(state(),
                "SELECT output_length FROM runs WHERE output_pending IS NULL").stream()
                .map(row -> List.of(((Number) row.get(0)).longValue())).toList(), "the end of the run lets the written lines go");
    }

    /**
     * Bytes after the committed lines that are not theirs (another writer's, or from before the
     * state was restored from a backup) are cut at the first that differs, and the rest of the batch
     * is written in their place; bytes beyond a complete batch are cut.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"url\":\"http://a.test/1\"}\nsomebody else's line\n", "{\"url\":\"http://a.test/1\"}\n{\"url\":\"http://a.test/2\"}\nmore\n"})
    void bytesThatAreNotTheStoredLinesAreCutAtTheFirstDifference(String foreign) throws Exception {
        Crashing run = crashingRun(null, 2);
        run.store().commit();
        Task one = take(run.frontier());
        Task two = take(run.frontier());
        run.store().finish(one, List.of(), facts(one), line(one));
        run.store().finish(two, List.of(), facts(two), line(two));
        run.crashAfterTransaction(0);
        Files.writeString(out(), foreign, StandardOpenOption.APPEND);

        try (StateStore again = resumed(out(), null)) {
            again.commit();
        }
        assertEquals(new String(line(run.seed()), StandardCharsets.UTF_8) + new String(line(one), StandardCharsets.UTF_8)
                + new String(line(two), StandardCharsets.UTF_8), Files.readString(out()));
    }

    /**
     * Resumed into another file: that file starts with those of the stored lines the old file lacks
     * (here all, after a crash before the write; none, after one that wrote them), so that every
     * line is in one of the two files exactly once; the old file is left as it was.
     */
    @ParameterizedTest(name = "written before the crash: {0}")
    @ValueSource(booleans = {false, true})
    void resumedIntoAnotherFileTheStoredLinesTheOldFileLacksComeFirst(boolean writtenBeforeTheCrash) throws Exception {
        Crashing run = crashingRun(null, 1);
        run.crashAfterTransaction(writtenBeforeTheCrash ? line(run.seed()).length : 0);
        byte[] oldFile = Files.readAllBytes(out());
        Path other = dir.resolve("other.jsonl");

        try (StateStore again = resumed(other, null)) {
            finishOne(again);
        }
        assertArrayEquals(oldFile, Files.readAllBytes(out()), "the old file is left alone");
        String expected = (writtenBeforeTheCrash ? "" : new String(line(run.seed()), StandardCharsets.UTF_8))
                + "{\"url\":\"" + a("1") + "\"}\n";
        assertEquals(expected, Files.readString(other));
    }

    /** Standard output cannot be read back: a resume writes the stored lines again, before anything else. */
    @Test
    void resumedOnStandardOutputTheStoredLinesAreWrittenAgainFirst() throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        Crashing run = crashingRun(first, 1);
        run.crashAfterTransaction(0);
        assertEquals(0, first.size());

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (StateStore again = resumed(null, second)) {
            finishOne(again);
        }
        assertEquals(new String(line(run.seed()), StandardCharsets.UTF_8) + "{\"url\":\"" + a("1") + "\"}\n",
                second.toString(StandardCharsets.UTF_8));
    }

    /** A named pipe (or /dev/null) cannot be read back, cut or synced: its lines go as standard output's do. */
    @Test
    void aNamedPipeAsOutputIsWrittenAsAStream() throws Exception {
        Path fifo = dir.resolve("out.fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo here");
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo); // until the store closes its end
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Task seed;
        try (StateStore store = StateStore.open(state(), NO_BACKGROUND)) {
            store.beginRun(Optional.of(fifo), Optional.empty(), CLOCK);
            store.output(fifo);
            Frontier frontier = store.frontier(5, 10, Admission.ALL);
            frontier.addSeed(a(""));
            seed = take(frontier);
            store.finish(seed, List.of(), facts(seed), line(seed));
            store.commit();
            store.endRun(true);
        }
        assertArrayEquals(line(seed), read.get(30, TimeUnit.SECONDS));
    }

    /** A run whose next commit can be crashed after its transaction; the seed is finished, not committed. */
    private record Crashing(StateStore store, Frontier frontier, Task seed, CrashAfterTransaction hook) {
        /** Crashes the next commit after its transaction, {@code bytes} of its lines written (to a file output). */
        void crashAfterTransaction(int bytes) {
            hook.arm(bytes);
            assertThrows(CrashAfterTransaction.Crash.class, store::commit);
            store.crashForTest();
        }
    }

    /** Begins a run on out(), or on {@code stream} when given, and finishes the seed with links to /1 .. /links. */
    private Crashing crashingRun(OutputStream stream, int links) throws Exception {
        CrashAfterTransaction hook = new CrashAfterTransaction(stream == null ? out() : null);
        StateStore store = StateStore.open(state(), NO_BACKGROUND, hook);
        store.beginRun(stream == null ? Optional.of(out()) : Optional.empty(), Optional.empty(), CLOCK);
        if (stream == null) {
            store.output(out());
        } else {
            store.output(stream);
        }
        Frontier frontier = store.frontier(5, 10, Admission.ALL);
        frontier.addSeed(a(""));
        Task seed = take(frontier);
        List<String> children = IntStream.rangeClosed(1, links).mapToObj(i -> a(Integer.toString(i))).toList();
        store.finish(seed, children, facts(seed), line(seed));
        return new Crashing(store, frontier, seed, hook);
    }

    /** The run resumed on {@code file}, or on {@code stream} when the file is null. */
    private StateStore resumed(Path file, OutputStream stream) throws Exception {
        StateStore store = StateStore.open(state(), NO_BACKGROUND);
        store.beginRun(Optional.ofNullable(file), Optional.empty(), CLOCK);
        if (file != null) {
            store.output(file);
        } else {
            store.output(stream);
        }
        return store;
    }

    /** Takes the next URL, finishes it with its line, and commits. */
    private static void finishOne(StateStore store) throws IOException {
        Frontier frontier = store.frontier(5, 10, Admission.ALL);
        Task task = take(frontier);
        store.finish(task, List.of(), facts(task), line(task));
        store.commit();
    }

    /**
     * Crawls a random graph, crashing at random moments (with torn lines), and checks after every
     * restart that the committed output is exactly the lines of the pages done in the database, and
     * at the end that every reachable page has exactly one line.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void committedOutputIsExactlyTheCommittedPagesAcrossRandomCrashes(long seed) throws Exception {
        Random random = new Random(seed);
        LinkGraph graph = new LinkGraph(seed, 800, 4);
        int maxDepth = 6;
        int crashes = 0;
        boolean finished = false;
        while (!finished) {
            try (StateStore store = StateStore.open(state(), NO_BACKGROUND)) {
                RunStart start = store.beginRun(Optional.of(out()), Optional.empty(), CLOCK);
                store.output(out());
                assertEquals(start.outputLength(), Files.size(out()));
                assertEquals(donePages(), committedLines(), "after " + crashes + " crashes");
                Frontier frontier = store.frontier(maxDepth, 1 + random.nextInt(8), Admission.ALL);
                for (int s : graph.seeds) {
                    frontier.addSeed(graph.urls[s]);
                }
                List<Task> inFlight = new ArrayList<>();
                while (true) {
                    if (random.nextInt(150) == 0) {
                        store.crashForTest();
                        crashes++;
                        if (random.nextBoolean()) {
                            Files.writeString(out(), "{\"url\":\"torn", StandardOpenOption.APPEND);
                        }
                        break;
                    }
                    if (random.nextInt(20) == 0) {
                        store.commit();
                    }
                    Task task = inFlight.size() < 10 && random.nextBoolean() ? frontier.poll(host -> true) : null;
                    if (task != null) {
                        inFlight.add(task);
                    } else if (!inFlight.isEmpty()) {
                        Task done = inFlight.remove(random.nextInt(inFlight.size()));
                        store.finish(done, graph.linksOf(done.url()), facts(done), line(done));
                    } else if (frontier.waiting() == 0) {
                        store.endRun(true);
                        finished = true;
                        break;
                    }
                }
            }
        }
        List<String> lines = Files.readAllLines(out());
        Set<String> unique = new TreeSet<>(lines);
        assertEquals(lines.size(), unique.size(), "a page recorded twice after " + crashes + " crashes");
        Set<String> expected = new TreeSet<>();
        graph.reachable(maxDepth).forEach(url -> expected.add("{\"url\":\"" + url + "\"}"));
        assertEquals(expected, unique);
        assertTrue(crashes >= 5, "only " + crashes + " crashes");
        assertEquals("finished", Sql.value(state(), "SELECT status FROM runs ORDER BY id DESC LIMIT 1"));
    }

    /**
     * Standard output fails after the transaction that stored its lines: the store stops, still
     * closes, and the resume writes the stored lines again (stdout cannot be read back to see whether
     * they got there) without fetching their pages again.
     */
    @Test
    void outputFailureStopsTheStoreWhichStillClosesAndTheResumeWritesTheStoredLinesAgain() throws Exception {
        FailingStream stream = new FailingStream();
        StateStore store = StateStore.open(state(), NO_BACKGROUND);
        store.beginRun(Optional.empty(), Optional.empty(), CLOCK);
        store.output(stream);
        Frontier frontier = store.frontier(5, 10, Admission.ALL);
        frontier.addSeed(a(""));
        Task seed = take(frontier);
        store.finish(seed, List.of(a("1")), facts(seed), line(seed));
        store.commit();
        Task one = take(frontier);
        store.finish(one, List.of(a("2")), facts(one), line(one));
        stream.failing = true;

        IOException failure = assertThrows(IOException.class, store::commit);

        assertEquals("disk full", failure.getMessage());
        assertEquals(0, frontier.waiting(), "a failed store hands out nothing, so the crawl ends");
        assertNull(frontier.poll(host -> true));
        assertSame(failure, assertThrows(IOException.class, store::commit));
        store.endRun(true); // a run whose output failed is interrupted; the failure was reported already
        store.close();
        assertArrayEquals(line(seed), stream.written.toByteArray());

        assertEquals(List.of(List.of("interrupted", line(seed).length + line(one).length)),
                Sql.rows(state(), "SELECT status, output_length FROM runs"));
        ByteArrayOutputStream retry = new ByteArrayOutputStream();
        try (StateStore again = StateStore.open(state(), NO_BACKGROUND)) {
            assertTrue(again.beginRun(Optional.empty(), Optional.empty(), CLOCK).resumed());
            again.output(retry);
            Frontier resumed = again.frontier(5, 10, Admission.ALL);
            assertEquals(List.of(a("2")), drain(resumed), "/1 was committed with its line: not fetched again");
            assertTrue(again.previous(a("1")).isPresent());
            again.commit();
            assertArrayEquals(line(one), retry.toByteArray(), "the stored line, written again");
        }
    }

    @Test
    void committerThreadCommitsOnItsOwn() throws Exception {
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.of(out()), Optional.empty(), CLOCK);
            store.output(out());
            Frontier frontier = store.frontier(5, 10, Admission.ALL);
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            store.finish(seed, List.of(a("1")), facts(seed), line(seed));

            awaitTrue(() -> size(out()) == line(seed).length, "the line reaches the file without a commit call");
            awaitTrue(() -> number("SELECT count(*) FROM urls WHERE state = 1") == 1
                    && number("SELECT output_length FROM runs") == line(seed).length,
                    "the page and the output length are committed in the database");
        }
    }

    @Test
    void outputFailureInABackgroundCommitGoesToTheListener() throws Exception {
        FailingStream stream = new FailingStream();
        stream.failing = true;
        CompletableFuture<IOException> heard = new CompletableFuture<>();
        try (StateStore store = StateStore.open(state())) {
            store.onOutputFailure(heard::complete);
            store.beginRun(Optional.empty(), Optional.empty(), CLOCK);
            store.output(stream);
            Frontier frontier = store.frontier(5, 10, Admission.ALL);
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            store.finish(seed, List.of(a("1")), facts(seed), line(seed));

            assertEquals("disk full", heard.get(10, TimeUnit.SECONDS).getMessage());
            assertEquals(0, frontier.waiting());
        }
    }

    @Test
    void finishCommitsInlineOnceTwoThousandPagesArePending() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (StateStore store = StateStore.open(state(), NO_BACKGROUND)) {
            store.beginRun(Optional.empty(), Optional.empty(), CLOCK);
            store.output(stream);
            Frontier frontier = store.frontier(0, 100, Admission.ALL);
            for (int i = 0; i < StateStore.INLINE_COMMIT_PAGES + 1; i++) {
                frontier.addSeed(a(Integer.toString(i)));
            }
            for (int i = 1; i < StateStore.INLINE_COMMIT_PAGES; i++) {
                Task task = take(frontier);
                store.finish(task, List.of(), facts(task), line(task));
            }
            assertEquals(0, stream.size());
            Task last = take(frontier);
            store.finish(last, List.of(), facts(last), line(last));

            assertEquals(StateStore.INLINE_COMMIT_PAGES, stream.toString(StandardCharsets.UTF_8).lines().count());
            assertEquals(StateStore.INLINE_COMMIT_PAGES, number("SELECT count(*) FROM urls WHERE state = 1"));
        }
    }

    @Test
    void pageAbandonedWithoutARecordIsDoneWithoutALine() throws Exception {
        try (StateStore store = StateStore.open(state(), NO_BACKGROUND)) {
            store.beginRun(Optional.of(out()), Optional.empty(), CLOCK);
            store.output(out());
            Frontier frontier = store.frontier(5, 10, Admission.ALL);
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            frontier.complete(seed, List.of(a("1")));
            Task one = take(frontier);
            store.finish(one, List.of(), facts(one), null); // --changed-only: a page without a line
            store.commit();
            assertEquals(0, Files.size(out()));
            assertEquals(List.of(List.of(a(""), 1), List.of(a("1"), 1)),
                    Sql.rows(state(), "SELECT url, state FROM urls ORDER BY id"));
        }
    }

    @Test
    void finishWithALineBeforeTheOutputIsSetIsAMistake() throws Exception {
        try (StateStore store = StateStore.open(state(), NO_BACKGROUND)) {
            store.beginRun(Optional.empty(), Optional.empty(), CLOCK);
            Frontier frontier = store.frontier(5, 10, Admission.ALL);
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            assertThrows(IllegalStateException.class, () -> store.finish(seed, List.of(), facts(seed), line(seed)));
        }
    }

    private Set<String> donePages() {
        Set<String> done = new HashSet<>();
        for (List<Object> row : Sql.rows(state(), "SELECT url FROM urls WHERE state = 1 AND redirected_from IS NULL")) {
            done.add("{\"url\":\"" + row.get(0) + "\"}");
        }
        return done;
    }

    private Set<String> committedLines() throws IOException {
        List<String> lines = Files.readAllLines(out());
        Set<String> unique = new HashSet<>(lines);
        assertEquals(lines.size(), unique.size(), "a line twice");
        return unique;
    }

    private long number(String sql) {
        return ((Number) Sql.value(state(), sql)).longValue();
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out: " + what);
            Thread.sleep(10);
        }
    }

    /** Standard output whose reader can go away: writes fail once {@link #failing} is set. */
    private static final class FailingStream extends OutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        volatile boolean failing;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (failing) {
                throw new IOException("disk full");
            }
            written.write(bytes, offset, length);
        }
    }

    /**
     * Crashes the next commit after its transaction, once armed, leaving the first {@code bytes} of
     * its lines in the file as a write cut short by a kill would.
     */
    private static final class CrashAfterTransaction implements CommitHook {
        static final class Crash extends RuntimeException {
            Crash() {
                super("crashed after the transaction", null, false, false);
            }
        }

        private final Path file;
        private int bytes = -1;

        CrashAfterTransaction(Path file) {
            this.file = file;
        }

        void arm(int bytes) {
            this.bytes = bytes;
        }

        @Override
        public void committed(byte[] lines) {
            if (bytes < 0) {
                return;
            }
            try {
                if (file != null) {
                    Files.write(file, Arrays.copyOf(lines, bytes), StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new Crash();
        }
    }
}
