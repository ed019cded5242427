package dev.trawl.state;

import static dev.trawl.state.StateFixtures.a;
import static dev.trawl.state.StateFixtures.line;
import static dev.trawl.state.StateFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.archive.Exchange;
import dev.trawl.archive.HeldRecords;
import dev.trawl.archive.PageRecords;
import dev.trawl.archive.ResponseRecord;
import dev.trawl.archive.WarcFiles;
import dev.trawl.archive.WholeArchive;
import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * The WARC archive of a crawl with a state file (issue 13): a page's records are committed with it,
 * and a crash at any point (records written but not committed, a torn one, files a roll-over began)
 * is cut back on resume, so that every page's exchange is in the archive exactly once and every file
 * reads to its end. Crashes are simulated as the other state tests do: the store is dropped without
 * ending the run, its open transaction and pending pages lost.
 */
@Timeout(60)
class StateArchiveTest {
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

    private WarcFiles files(OptionalLong maxSize) {
        return new WarcFiles(dir.resolve("crawl.warc.gz"), maxSize, Map.of("software", "test"), CLOCK);
    }

    private static FetchFacts facts(Task task) {
        return new FetchFacts(200, null, null, null, Instant.now(), null);
    }

    /** The records of one exchange for the page, as the crawl builds and holds them. */
    private static PageRecords records(String url) {
        HeldRecords held = new HeldRecords(true, loose -> {
            throw new AssertionError("held, not loose");
        });
        held.hold();
        held.accept(exchange(url));
        return held.release(URI.create(url));
    }

    private static Exchange exchange(String url) {
        byte[] body = ("<title>" + url + "</title>").getBytes(StandardCharsets.UTF_8);
        return new Exchange(Instant.now().truncatedTo(ChronoUnit.MILLIS), URI.create(url), null, "HTTP/1.1", "GET",
                URI.create(url).getPath(), List.<String[]>of(new String[] {"Host", "a.test"}), 200, "OK",
                List.<String[]>of(new String[] {"Content-Type", "text/html"}), body, null, null);
    }

    private static void finish(StateStore store, Task task, List<String> links) {
        store.finish(task, links, facts(task), line(task), records(task.url()).exchanges());
    }

    /** Opens the state and begins (or resumes) the run, archiving to {@code files} and writing to out(). */
    private StateStore open(WarcFiles files, CommitHook hook) throws Exception {
        StateStore store = StateStore.open(state(), NO_BACKGROUND, hook);
        store.beginRun(Optional.of(out()), Optional.empty(), CLOCK);
        store.archiveInto(files);
        store.output(out());
        return store;
    }

    /**
     * The crash the order of a commit allows: its records are written and on disk, its transaction
     * is not committed; and the next write was cut short by the kill. The resume cuts both, and the
     * pages, fetched again, are archived once.
     */
    @Test
    void recordsWrittenButNotCommittedAreCutAndTheirPagesArchivedOnce() throws Exception {
        WarcFiles files = files(OptionalLong.empty());
        long committed = crashAfterTheRecordsOf(files, 1);
        byte[] next = records(a("2")).exchanges().getFirst();
        Files.write(files.base(), Arrays.copyOf(next, next.length / 2), StandardOpenOption.APPEND);
        assertEquals(List.of(a(""), a("1")), responses(files.base()).subList(0, 2), "what the crash left");

        try (StateStore again = open(files, CommitHook.NONE)) {
            assertEquals(committed, Files.size(files.base()), "cut back to the committed records");
            assertEquals(List.of(a("")), WholeArchive.responses(List.of(files.base())));
            Frontier resumed = again.frontier(5, 10, Admission.ALL);
            finish(again, take(resumed), List.of());
            finish(again, take(resumed), List.of());
            again.endRun(true);
        }

        assertEquals(List.of(a(""), a("1"), a("2")), WholeArchive.responses(List.of(files.base())).stream().sorted().toList());
        assertEquals(3, Files.readAllLines(out()).size());
    }

    /** Files a roll-over began after the last commit hold records of pages not committed: the resume deletes them. */
    @Test
    void filesBegunByARollOverAfterTheLastCommitAreDeleted() throws Exception {
        WarcFiles files = files(OptionalLong.of(1)); // every exchange in a file of its own
        crashAfterTheRecordsOf(files, 2);
        assertEquals(List.of("crawl-00000.warc.gz", "crawl-00001.warc.gz", "crawl-00002.warc.gz"), archiveFiles());

        try (StateStore again = open(files, CommitHook.NONE)) {
            assertEquals(List.of("crawl-00000.warc.gz"), archiveFiles());
            Frontier resumed = again.frontier(5, 10, Admission.ALL);
            finish(again, take(resumed), List.of());
            finish(again, take(resumed), List.of());
            again.endRun(true);
        }

        List<Path> all = archiveFiles().stream().map(dir::resolve).toList();
        assertEquals(3, all.size());
        assertEquals(Set.of(a(""), a("1"), a("2")), new HashSet<>(WholeArchive.responses(all)));
    }

    /**
     * A run whose seed (linking to /1 and /2) is committed, then {@code pages} of its links finished and
     * crashed in their commit, after the records were written and before the transaction. Returns the
     * bytes the seed's commit left in the first file.
     */
    private long crashAfterTheRecordsOf(WarcFiles files, int pages) throws Exception {
        CrashAfterRecords hook = new CrashAfterRecords();
        StateStore store = open(files, hook);
        Frontier frontier = store.frontier(5, 10, Admission.ALL);
        frontier.addSeed(a(""));
        finish(store, take(frontier), List.of(a("1"), a("2")));
        store.commit();
        long committed = Files.size(archive().getFirst());
        for (int page = 0; page < pages; page++) {
            finish(store, take(frontier), List.of());
        }
        hook.armed = true;
        assertThrows(CrashAfterRecords.Crash.class, store::commit);
        store.crashForTest();
        return committed;
    }

    /**
     * A crawl of a random graph, crashed at random moments: before a commit, after a commit's records
     * are written, with a torn record after them, with records of no page (robots.txt) among the
     * pages', in files that roll over every few records. After every restart the archive holds
     * exactly the pages the state has done, each once; at the end every reachable page, and every
     * file reads to its end.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void theArchiveIsExactlyTheCommittedPagesAcrossRandomCrashes(long seed) throws Exception {
        Random random = new Random(seed);
        LinkGraph graph = new LinkGraph(seed, 800, 4);
        int maxDepth = 6;
        WarcFiles files = files(OptionalLong.of(4096));
        int crashes = 0;
        boolean finished = false;
        while (!finished) {
            CrashAfterRecords hook = new CrashAfterRecords();
            try (StateStore store = open(files, hook)) {
                assertEquals(donePages(), new HashSet<>(pagesIn(WholeArchive.responses(archive()))), "after " + crashes + " crashes");
                Frontier frontier = store.frontier(maxDepth, 1 + random.nextInt(8), Admission.ALL);
                for (int s : graph.seeds) {
                    frontier.addSeed(graph.urls[s]);
                }
                List<Task> inFlight = new ArrayList<>();
                while (true) {
                    if (random.nextInt(60) == 0) {
                        crash(store, hook, random);
                        crashes++;
                        break;
                    }
                    if (random.nextInt(20) == 0) {
                        store.commit();
                    }
                    if (random.nextInt(40) == 0) {
                        store.archive(records("http://a.test/robots.txt").exchanges().getFirst());
                    }
                    Task task = inFlight.size() < 10 && random.nextBoolean() ? frontier.poll(host -> true) : null;
                    if (task != null) {
                        inFlight.add(task);
                    } else if (!inFlight.isEmpty()) {
                        Task done = inFlight.remove(random.nextInt(inFlight.size()));
                        finish(store, done, graph.linksOf(done.url()));
                    } else if (frontier.waiting() == 0) {
                        store.endRun(true);
                        finished = true;
                        break;
                    }
                }
            }
        }
        List<String> pages = pagesIn(WholeArchive.responses(archive()));
        assertEquals(pages.size(), new HashSet<>(pages).size(), "a page archived twice after " + crashes + " crashes");
        assertEquals(graph.reachable(maxDepth), new TreeSet<>(pages));
        assertEquals(pages.size(), Files.readAllLines(out()).size(), "a line for every page archived");
        assertTrue(crashes >= 3, "only " + crashes + " crashes");
        assertTrue(archive().size() >= 3, "the archive rolled over: " + archive());
    }

    /** Dies as a kill would, at one of the points a commit can be at, and maybe in the middle of a write. */
    private void crash(StateStore store, CrashAfterRecords hook, Random random) throws IOException {
        if (random.nextBoolean()) {
            hook.armed = true;
            try {
                store.commit();
            } catch (CrashAfterRecords.Crash e) {
                // records written, transaction not committed (when there were records to write)
            }
        }
        store.crashForTest();
        List<Path> files = archive();
        if (!files.isEmpty() && random.nextBoolean()) {
            byte[] next = records(a("torn")).exchanges().getFirst();
            Files.write(files.getLast(), Arrays.copyOf(next, 1 + random.nextInt(next.length - 1)),
                    StandardOpenOption.APPEND);
        }
    }

    /**
     * What the state keeps of the response record that holds a URL's body: the record a fetch
     * archived; through a 304 and a fetch not archived while the body stays the same; not once it
     * changes.
     */
    @Test
    void theResponseRecordOfTheLastBodyIsKeptWhileTheBodyIsTheSame() throws Exception {
        ResponseRecord archived = new ResponseRecord(URI.create("urn:uuid:" + UUID.randomUUID()),
                Instant.parse("2025-03-01T10:00:00.123Z"));
        Instant day1 = Instant.parse("2025-03-01T10:00:01Z");
        try (StateStore store = StateStore.open(state(), NO_BACKGROUND)) {
            store.beginRun(Optional.empty(), Optional.empty(), CLOCK);
            Frontier frontier = store.frontier(5, 10, Admission.ALL);
            frontier.addSeed(a(""));
            frontier.addSeed(a("changes"));
            store.finish(take(frontier), List.of(), fetch(day1, "h1", false, archived), null);
            store.finish(take(frontier), List.of(), fetch(day1, "h1", false, archived), null);
            store.endRun(true);
        }
        assertEquals(archived, previous(a("")).archived());

        Instant day2 = day1.plus(Duration.ofDays(1));
        try (StateStore store = StateStore.open(state(), NO_BACKGROUND)) {
            store.beginRun(Optional.empty(), Optional.empty(), CLOCK);
            Frontier frontier = store.frontier(5, 10, Admission.ALL);
            frontier.addSeed(a(""));
            frontier.addSeed(a("changes"));
            Task first = take(frontier);
            Task second = take(frontier);
            Task same = first.url().equals(a("")) ? first : second;
            store.finish(same, List.of(), fetch(day2, "h1", false, null), null);
            store.finish(same == first ? second : first, List.of(), fetch(day2, "h2", false, null), null);
            store.endRun(true);
        }
        assertEquals(archived, previous(a("")).archived(), "the same body, not archived this time");
        assertNull(previous(a("changes")).archived(), "another body, not archived: its record is unknown");

        try (StateStore store = StateStore.open(state(), NO_BACKGROUND)) {
            store.beginRun(Optional.empty(), Optional.empty(), CLOCK);
            Frontier frontier = store.frontier(5, 10, Admission.ALL);
            frontier.addSeed(a(""));
            store.finish(take(frontier), List.of(), fetch(day2.plus(Duration.ofDays(1)), null, true, null), null);
            store.endRun(true);
        }
        assertEquals(archived, previous(a("")).archived(), "a 304");
    }

    private static FetchFacts fetch(Instant at, String hash, boolean notModified, ResponseRecord archived) {
        return new FetchFacts(notModified ? 304 : 200, null, null, hash, at, null, null, null, notModified, archived);
    }

    private Previous previous(String url) throws Exception {
        try (StateStore store = StateStore.open(state(), NO_BACKGROUND)) {
            return store.previous(url).orElseThrow();
        }
    }

    /** The archive's files, in order. */
    private List<Path> archive() throws IOException {
        return archiveFiles().stream().map(dir::resolve).toList();
    }

    private List<String> archiveFiles() throws IOException {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("crawl")
                    && name.endsWith(".warc.gz")).sorted().toList();
        }
    }

    /** The responses of the file as far as it reads, a torn record at its end left out. */
    private static List<String> responses(Path file) {
        List<String> responses = new ArrayList<>();
        try (WarcReader reader = new WarcReader(file)) {
            for (WarcRecord record : reader) {
                if (record instanceof WarcResponse response) {
                    responses.add(response.target());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the torn end
        }
        return responses;
    }

    /** The pages among the archived targets (robots.txt is of no page). */
    private static List<String> pagesIn(List<String> targets) {
        return targets.stream().filter(target -> !target.endsWith("/robots.txt")).toList();
    }

    private Set<String> donePages() {
        Set<String> done = new HashSet<>();
        for (List<Object> row : Sql.rows(state(), "SELECT url FROM urls WHERE state = 1 AND redirected_from IS NULL")) {
            done.add((String) row.get(0));
        }
        return done;
    }

    /** Crashes the next commit, once armed, after its records are written and before its transaction. */
    private static final class CrashAfterRecords implements CommitHook {
        static final class Crash extends RuntimeException {
            Crash() {
                super("crashed after the records", null, false, false);
            }
        }

        boolean armed;

        @Override
        public void committed(byte[] lines) {
        }

        @Override
        public void archived() {
            if (armed) {
                throw new Crash();
            }
        }
    }
}
