package dev.trawl.state;

import static dev.trawl.state.StateFixtures.a;
import static dev.trawl.state.StateFixtures.at;
import static dev.trawl.state.StateFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Opening a state, its lock and schema, and how runs begin: new, resumed, recrawled. */
@Timeout(30)
class StateStoreTest {
    private static final Instant DAY_1 = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("crawl.db");
    }

    private static FetchFacts ok(Instant at, String etag) {
        return new FetchFacts(200, etag, null, "hash-" + etag, at, null);
    }

    // ---- open, schema, lock ----

    @Test
    void openCreatesTheDocumentedSchemaInWalMode() throws Exception {
        StateStore store = StateStore.open(state());
        try {
            assertEquals(List.of("links", "meta", "runs", "scope_hosts", "urls"), Sql.rows(state(),
                    "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").stream()
                    .map(row -> row.get(0)).toList());
            assertEquals(List.of(List.of("urls_queue"), List.of("urls_redirects")), Sql.rows(state(),
                    "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'urls' AND sql IS NOT NULL"
                    + " ORDER BY name"));
            assertEquals("3", Sql.value(state(), "SELECT value FROM meta WHERE key = 'schema_version'"));
            assertEquals("wal", Sql.value(state(), "PRAGMA journal_mode"));
            List<Object> columns = Sql.rows(state(), "SELECT name FROM pragma_table_info('urls')").stream()
                    .map(row -> row.get(0)).toList();
            assertEquals(List.of("id", "url", "host", "run", "state", "depth", "parent", "queue_seq",
                    "redirected_from", "status", "etag", "last_modified", "content_hash", "fetched_at", "fetched_run",
                    "sitemap_lastmod", "error", "content", "warc_record_id", "warc_date"), columns);
            assertEquals(List.of("id", "started_at", "ended_at", "status", "output", "output_length", "pid",
                    "output_pending", "warc", "warc_file", "warc_length"), Sql.rows(state(), "SELECT name FROM pragma_table_info('runs')").stream()
                    .map(row -> row.get(0)).toList());
        } finally {
            store.close();
        }
    }

    @Test
    void secondOpenInTheSameProcessIsLockedAndNamesThisProcess() throws Exception {
        StateStore store = StateStore.open(state());
        try {
            StateLockedException locked = assertThrows(StateLockedException.class, () -> StateStore.open(state()));
            assertEquals(ProcessHandle.current().pid(), locked.pid());
            assertTrue(locked.getMessage().contains(Long.toString(ProcessHandle.current().pid())), locked.getMessage());
        } finally {
            store.close();
        }
    }

    @Test
    void closeReleasesTheLockAndCanBeRepeated() throws Exception {
        StateStore store = StateStore.open(state());
        store.close();
        store.close();
        StateStore again = StateStore.open(state());
        try {
            assertEquals(ProcessHandle.current().pid() + "\n",
                    Files.readString(StateLock.pathFor(state()), StandardCharsets.US_ASCII));
        } finally {
            again.close();
        }
    }

    @Test
    void lockFileLeftByADeadProcessIsTakenOver() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(StateLock.pathFor(state()), dead.pid() + "\n");

        StateStore store = StateStore.open(state());
        try {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(StateLock.pathFor(state())));
        } finally {
            store.close();
        }
    }

    @Test
    void stateInAMissingDirectoryNamesTheDirectoryOnce() {
        Path missing = dir.resolve("no/such/dir");

        StateException refused = assertThrows(StateException.class, () -> StateStore.open(missing.resolve("s.db")));

        // The crawl puts "cannot use FILE as state: " in front.
        assertEquals("no such directory: " + missing, refused.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void fileThatIsNotSqliteIsRefusedAndTheLockReleased() throws Exception {
        Files.writeString(state(), "{\"url\": \"this is somebody's JSON, not a database\"}\n".repeat(200));

        StateException refused = assertThrows(StateException.class, () -> StateStore.open(state()));

        assertTrue(refused.getMessage().contains(state().toString()), refused.getMessage());
        StateLock.take(state()).close();
    }

    @Test
    void stateOfANewerSchemaVersionIsRefused() throws Exception {
        StateStore.open(state()).close();
        Sql.execute(state(), "UPDATE meta SET value = '" + (Schema.VERSION + 1) + "' WHERE key = 'schema_version'");

        StateException refused = assertThrows(StateException.class, () -> StateStore.open(state()));
        assertTrue(refused.getMessage().contains("newer"), refused.getMessage());
    }

    @Test
    void databaseOfAnotherProgramIsRefusedUntouched() throws Exception {
        Sql.execute(state(), "CREATE TABLE invoices(id INTEGER PRIMARY KEY)");

        assertThrows(StateException.class, () -> StateStore.open(state()));
        assertEquals(List.of(List.of("invoices")), Sql.rows(state(), "SELECT name FROM sqlite_schema"));
    }

    /**
     * A state file written by trawl 1 and left mid-run by a kill is migrated in place and resumed:
     * schema version 3, the error type of its HTTP 500 page inferred from the status (so a resumed
     * run counts it), the output kept to its committed length (the torn line cut), the queued page
     * handed out, the run finished.
     */
    @Test
    void versionOneStateLeftMidRunIsMigratedInPlaceAndResumed() throws Exception {
        VersionOneState.create(state());
        Path out = dir.resolve("out.jsonl");
        Sql.execute(state(), "UPDATE runs SET output = '" + out + "'");
        String committed = "{\"url\":\"http://a.test/\"}\n{\"url\":\"http://a.test/500\"}\n{\"url\":\"http://a.test/ok\"}\n";
        Files.writeString(out, committed + "{\"url\":\"http://a.te");

        try (StateStore store = StateStore.open(state())) {
            assertEquals("3", Sql.value(state(), "SELECT value FROM meta WHERE key = 'schema_version'"));
            assertEquals(List.of(List.of("http://a.test/500", "http")),
                    Sql.rows(state(), "SELECT url, error FROM urls WHERE error IS NOT NULL"));
            RunStart start = store.beginRun(Optional.of(out), Optional.empty(), at(DAY_1));
            assertEquals(new RunStart(1, true, committed.length(), Set.of("a.test")), start);
            assertEquals(new RecordCounts(3, Map.of("http", 1L)), store.recordedBefore());
            store.output(out);
            assertEquals(committed, Files.readString(out));
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            Task next = take(frontier);
            assertEquals(a("next"), next.url());
            store.finish(next, List.of(), ok(DAY_1, "e-next"), "{\"url\":\"http://a.test/next\"}\n".getBytes());
            store.endRun(true);
        }
        assertEquals(committed + "{\"url\":\"http://a.test/next\"}\n", Files.readString(out));
        assertEquals(List.of(List.of("finished", (long) Files.size(out))),
                Sql.rows(state(), "SELECT status, output_length FROM runs").stream()
                        .map(row -> List.of(row.get(0), ((Number) row.get(1)).longValue())).toList());
    }

    // ---- runs ----

    @Test
    void firstRunIsNewAndRemembersItsOutputAndPid() throws Exception {
        Path out = dir.resolve("out.jsonl");
        try (StateStore store = StateStore.open(state())) {
            RunStart start = store.beginRun(Optional.of(out), Optional.empty(), at(DAY_1));
            assertEquals(new RunStart(1, false, 0, Set.of()), start);
            assertEquals(List.of(List.of(1, "2025-03-01T10:00:00.000Z", "running", out.toString(), 0,
                    ProcessHandle.current().pid())), Sql.rows(state(),
                    "SELECT id, started_at, status, output, output_length, pid FROM runs").stream()
                    .map(row -> List.of(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4),
                            ((Number) row.get(5)).longValue())).toList());
        }
    }

    @Test
    void unfinishedRunIsResumedWithItsCommittedOutputLengthAndAdmittedHosts() throws Exception {
        Path out = dir.resolve("out.jsonl");
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.of(out), Optional.empty(), at(DAY_1));
            store.admitHost("a.test");
            store.admitHost("www.a.test");
            store.output(out);
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            frontier.addSeed(a(""));
            store.finish(take(frontier), List.of(a("x")), ok(DAY_1, "e1"), "{\"url\":\"a\"}\n".getBytes());
            store.commit();
        } // closed without endRun: as after a crash, the run is still running

        try (StateStore store = StateStore.open(state())) {
            RunStart start = store.beginRun(Optional.of(out), Optional.empty(), at(DAY_1.plusSeconds(60)));
            assertEquals(new RunStart(1, true, 12, Set.of("a.test", "www.a.test")), start);
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            assertEquals(new Task(a("x"), "a.test", 1, a("")), take(frontier));
            assertNull(frontier.poll(host -> true));
        }
    }

    @Test
    void interruptedRunIsResumedAndAFinishedOneStartsANewRun() throws Exception {
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1));
            store.endRun(false);
        }
        assertEquals("interrupted", Sql.value(state(), "SELECT status FROM runs WHERE id = 1"));
        try (StateStore store = StateStore.open(state())) {
            assertEquals(new RunStart(1, true, 0, Set.of()),
                    store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1)));
            assertEquals("running", Sql.value(state(), "SELECT status FROM runs WHERE id = 1"));
            store.endRun(true);
        }
        assertEquals(List.of(List.of("finished", "2025-03-01T10:00:00.000Z")),
                Sql.rows(state(), "SELECT status, ended_at FROM runs WHERE id = 1"));
        try (StateStore store = StateStore.open(state())) {
            assertEquals(new RunStart(2, false, 0, Set.of()),
                    store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1)));
        }
    }

    @Test
    void recrawlDiscoversFromTheSeedsAtThisRunsDepthsAndQueuesWhatItNeverReachedOnceDrained() throws Exception {
        crawlDay1(); // / -> /1 -> /2 -> /3, whose link /4 max depth 3 cut
        try (StateStore store = StateStore.open(state())) {
            RunStart start = store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1.plus(Duration.ofDays(1))));
            assertEquals(new RunStart(2, false, 0, Set.of()), start);
            List<String> asked = new ArrayList<>();
            Frontier frontier = store.frontier(3, 10, url -> asked.add(url));
            assertEquals(0, frontier.waiting(), "nothing queued from earlier runs");
            assertTrue(frontier.addSeed(a("")), "new to this run");
            Task seed = take(frontier);
            assertEquals(new Task(a(""), "a.test", 0, null), seed);
            assertEquals(Optional.of(new Previous(200, "e0", null, "hash-e0", DAY_1, 1, false)), store.previous(seed.url()));

            // The site changed: the seed links /2 now, not /1.
            store.finish(seed, List.of(a("2")), ok(DAY_1.plus(Duration.ofDays(1)), "e0"), null);
            Task two = take(frontier);
            assertEquals(new Task(a("2"), "a.test", 1, a("")), two, "this run's depth and parent, not the stored 2 and /1");
            assertEquals(Optional.of(new Previous(200, "e2", null, "hash-e2", DAY_1.plusSeconds(3600), 1, false)),
                    store.previous(two.url()), "the last fetch still gives the validators");
            store.finish(two, List.of(a("3")), null, null);
            Task three = take(frontier);
            assertEquals(new Task(a("3"), "a.test", 2, a("2")), three);
            store.finish(three, List.of(a("4")), null, null);
            assertEquals(new Task(a("4"), "a.test", 3, a("3")), take(frontier), "within reach now");
            assertNull(frontier.poll(host -> true));
            assertEquals(List.of(a("2"), a("3"), a("4")), asked, "Admission asked about each URL new to the run");

            assertEquals(1, frontier.queueUnreached(), "/1: nothing links to it any more");
            assertEquals(new Task(a("1"), "a.test", 1, a("")), take(frontier), "its stored depth and parent");
            assertEquals(List.of(a("2"), a("3"), a("4"), a("1")), asked);
            assertEquals(0, frontier.queueUnreached(), "once");
        }
    }

    @Test
    void recrawlAfterBringsUrlsFetchedRecentlyIntoTheRunAsDoneAndFollowsTheirStoredLinks() throws Exception {
        crawlDay1(); // / and /1 fetched at DAY_1, /2 and /3 an hour later; /3 had /4, cut by max depth 3
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.of(Duration.ofHours(23)),
                    at(DAY_1.plus(Duration.ofHours(23)).plusSeconds(1800)));
            List<String> asked = new ArrayList<>();
            Frontier frontier = store.frontier(3, 10, url -> asked.add(url));
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            assertNull(frontier.poll(host -> true));

            // The site changed: the seed links /2 now, so /3 is at depth 2 and its cut link /4 within reach.
            store.finish(seed, List.of(a("1"), a("2")), null, null);
            assertEquals(List.of(a("1"), a("2"), a("3"), a("4")), asked);
            assertEquals(new Task(a("1"), "a.test", 1, a("")), take(frontier));
            assertEquals(new Task(a("4"), "a.test", 3, a("3")), take(frontier),
                    "/2 and /3, fetched 22.5 hours ago, are not fetched: their stored links are followed");
            assertNull(frontier.poll(host -> true));
            store.commit();
            assertEquals(List.of(List.of(a("2"), 1L, a("")), List.of(a("3"), 2L, a("2"))), Sql.rows(state(),
                    "SELECT url, depth, parent FROM urls WHERE run = 2 AND state = 1 AND parent IS NOT NULL ORDER BY url").stream()
                    .map(row -> List.of(row.get(0), ((Number) row.get(1)).longValue(), row.get(2))).toList(),
                    "done in this run (with the seed) at this run's depth and parent");
            assertEquals(0, frontier.queueUnreached(), "/2 and /3 are in the run");
        }
    }

    @Test
    void recrawlAfterCarriesTheRedirectTargetWithThePageThatRedirected() throws Exception {
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1));
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            frontier.addSeed(a(""));
            store.finish(take(frontier), List.of(a("old")), ok(DAY_1, "e0"), null);
            Task old = take(frontier);
            assertTrue(frontier.claim(a("new"), old)); // /old redirected to /new
            store.finish(old, List.of(a("x")), ok(DAY_1, "e1"), null);
            store.finish(take(frontier), List.of(), ok(DAY_1, "e2"), null);
            store.endRun(true);
        }
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.of(Duration.ofHours(1)), at(DAY_1.plusSeconds(60)));
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            frontier.addSeed(a("")); // fresh: carried, and so are /old, /new and /x through the stored links

            assertEquals(0, frontier.waiting());
            store.commit();
            assertEquals(List.of(List.of(a(""), 0L), List.of(a("new"), 1L), List.of(a("old"), 1L), List.of(a("x"), 2L)),
                    Sql.rows(state(), "SELECT url, depth FROM urls WHERE run = 2 AND state = 1 ORDER BY url").stream()
                            .map(row -> List.of(row.get(0), ((Number) row.get(1)).longValue())).toList());
            assertEquals(0, frontier.queueUnreached());
        }
    }

    @Test
    void urlKnownOnlyFromAnEarlierRunIsNewToTheRunAndAskedAbout() throws Exception {
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1));
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            assertTrue(frontier.claim(a("target"), seed)); // / redirected to /target
            store.finish(seed, List.of(), ok(DAY_1, "t"), null);
            store.endRun(true);
        }
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1.plus(Duration.ofDays(1))));
            List<String> asked = new ArrayList<>();
            Frontier frontier = store.frontier(3, 10, url -> asked.add(url));
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            assertNull(frontier.poll(host -> true));
            store.finish(seed, List.of(a("target")), ok(DAY_1, "now-a-page"), null); // no redirect any more

            assertEquals(List.of(a("target")), asked);
            assertEquals(new Task(a("target"), "a.test", 1, a("")), take(frontier));
        }
    }

    @Test
    void previousGivesTheLastFetchFromAnyRun() throws Exception {
        Instant day2 = DAY_1.plus(Duration.ofDays(1));
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1));
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            assertEquals(Optional.empty(), store.previous(a("")));
            frontier.addSeed(a(""));
            store.finish(take(frontier), List.of(a("gone")), ok(DAY_1.plusMillis(1234), "v1"), null);
            assertEquals(Optional.of(new Previous(200, "v1", null, "hash-v1", DAY_1.plusMillis(1234), 1, false)),
                    store.previous(a("")), "earlier in this run, before a commit");
            store.finish(take(frontier), List.of(), new FetchFacts(null, null, null, null, DAY_1, null), null);
            store.endRun(true);
        }
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(day2));
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            assertEquals(Optional.of(new Previous(null, null, null, null, DAY_1, 1, false)), store.previous(a("gone")));
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            assertEquals(Optional.of(new Previous(200, "v1", null, "hash-v1", DAY_1.plusMillis(1234), 1, false)),
                    store.previous(seed.url()));
            store.finish(seed, List.of(), new FetchFacts(304, "v1", "Sat, 01 Mar 2025 10:00:00 GMT", "hash-v1", day2,
                    "2025-02-28"), null);
            assertEquals(1, frontier.queueUnreached());
            Task gone = take(frontier);
            frontier.complete(gone, List.of()); // abandoned without a record: its last fetch stays
            assertEquals(Optional.of(new Previous(304, "v1", "Sat, 01 Mar 2025 10:00:00 GMT", "hash-v1", day2, 2, false)),
                    store.previous(a("")));
            assertEquals(Optional.of(new Previous(null, null, null, null, DAY_1, 1, false)), store.previous(a("gone")));
        }
        assertEquals("2025-02-28", Sql.value(state(), "SELECT sitemap_lastmod FROM urls WHERE url = ?", a("")));
    }

    @Test
    void resumeWithASmallerMaxDepthLeavesDeeperQueuedUrlsOutOfTheRun() throws Exception {
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1));
            Frontier frontier = store.frontier(5, 10, Admission.ALL);
            frontier.addSeed(a(""));
            store.finish(take(frontier), List.of(a("1")), null, null);
            store.finish(take(frontier), List.of(a("2")), null, null);
            store.commit();
        }
        try (StateStore store = StateStore.open(state())) {
            assertTrue(store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1)).resumed());
            Frontier frontier = store.frontier(1, 10, Admission.ALL);
            assertEquals(0, frontier.waiting());
            assertNull(frontier.poll(host -> true));
        }
    }

    @Test
    void noTrawlThreadOutlivesTheStore() throws Exception {
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1));
            assertTrue(trawlThreads().contains("trawl-state-commit"));
        }
        assertEquals(List.of(), trawlThreads());
    }

    private static List<String> trawlThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("trawl-")).toList();
    }

    /** A finished first run: / and /1 fetched at DAY_1, /2 and /3 an hour later. */
    private void crawlDay1() throws Exception {
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1));
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            frontier.addSeed(a(""));
            store.finish(take(frontier), List.of(a("1")), ok(DAY_1, "e0"), null);
            store.finish(take(frontier), List.of(a("2")), ok(DAY_1, "e1"), null);
            store.finish(take(frontier), List.of(a("3")), ok(DAY_1.plusSeconds(3600), "e2"), null);
            store.finish(take(frontier), List.of(a("4")), ok(DAY_1.plusSeconds(3600), "e3"), null); // /4 is cut
            store.endRun(true);
        }
    }
}
