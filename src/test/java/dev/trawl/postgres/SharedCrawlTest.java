package dev.trawl.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.SharedDatabase;
import dev.trawl.state.FetchFacts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared state's schema, leases and workers, on a real PostgreSQL server ({@link TestPostgres}). */
class SharedCrawlTest {
    private String database;

    @BeforeEach
    void newDatabase() {
        database = TestPostgres.server().newDatabase();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database);
    }

    @Test
    void theSchemaIsCreatedOnceAndANewerOneIsRefused() throws Exception {
        try (Connection connection = connect()) {
            assertEquals(0, SharedSchema.migrate(connection));
            assertEquals(SharedSchema.VERSION, SharedSchema.migrate(connection));
            try (Statement sql = connection.createStatement()) {
                sql.execute("UPDATE trawl_schema SET version = " + (SharedSchema.VERSION + 1));
            }
            SQLException refused = assertThrows(SQLException.class, () -> SharedSchema.migrate(connection));
            assertTrue(refused.getMessage().contains("newer than this trawl's"), refused.getMessage());
        }
    }

    @Test
    void workersStartingTogetherMakeOneSchemaAndOneCrawl() throws Exception {
        int workers = 6;
        CountDownLatch ready = new CountDownLatch(workers);
        try (ExecutorService threads = Executors.newFixedThreadPool(workers)) {
            List<Future<Long>> crawls = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                crawls.add(threads.submit(() -> {
                    try (Connection connection = connect()) {
                        ready.countDown();
                        ready.await();
                        SharedSchema.migrate(connection);
                        return Crawls.open(connection, "default", "seeds=a").id();
                    }
                }));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<Long> crawl : crawls) {
                ids.add(crawl.get());
            }
            assertEquals(1, ids.size());
        }
    }

    @Test
    void aCrawlOfTheSameNameWithOtherSettingsIsRefused() throws Exception {
        try (Connection connection = connect()) {
            SharedSchema.migrate(connection);
            long crawl = Crawls.open(connection, "docs", "seeds=http://a.test/").id();
            assertEquals(crawl, Crawls.open(connection, "docs", "seeds=http://a.test/").id());
            assertThrows(Crawls.SettingsMismatch.class, () -> Crawls.open(connection, "docs", "seeds=http://b.test/"));
            assertTrue(Crawls.open(connection, "other", "seeds=http://b.test/").id() != crawl);
        }
    }

    @Test
    void aUrlIsQueuedOnceHoweverManyFindIt() throws Exception {
        try (Connection connection = connect()) {
            Crawls.Joined joined = crawl(connection);
            long crawl = joined.id();
            long run = joined.run();
            assertTrue(UrlLeases.enqueue(connection, crawl, run, "http://a.test/", "a.test", 0, null));
            assertFalse(UrlLeases.enqueue(connection, crawl, run, "http://a.test/", "a.test", 3, "http://a.test/x"));
            long worker = Workers.join(connection, crawl, "m1", 1);
            assertEquals(List.of(new UrlLeases.Lease("http://a.test/", 0, null, null, null, false, List.of())),
                    UrlLeases.claim(connection, crawl, run, worker, 10));
            assertTrue(finish(connection, crawl, run, "http://a.test/", worker));
            assertFalse(UrlLeases.enqueue(connection, crawl, run, "http://a.test/", "a.test", 1, null), "done counts as seen");
            assertEquals(new UrlLeases.Counts(0, 0, 1), UrlLeases.counts(connection, crawl, run));
            assertTrue(UrlLeases.pending(connection, crawl, run).drained());
        }
    }

    @Test
    void claimsAreShallowestFirstThenInQueueOrder() throws Exception {
        try (Connection connection = connect()) {
            Crawls.Joined joined = crawl(connection);
            long crawl = joined.id();
            long run = joined.run();
            UrlLeases.enqueue(connection, crawl, run, "http://a.test/deep", "a.test", 2, null);
            UrlLeases.enqueue(connection, crawl, run, "http://a.test/z", "a.test", 1, null);
            UrlLeases.enqueue(connection, crawl, run, "http://a.test/a", "a.test", 1, null);
            long worker = Workers.join(connection, crawl, "m1", 1);
            assertEquals(List.of("http://a.test/z", "http://a.test/a"),
                    UrlLeases.claim(connection, crawl, run, worker, 2).stream().map(UrlLeases.Lease::url).toList());
            assertEquals(List.of("http://a.test/deep"),
                    UrlLeases.claim(connection, crawl, run, worker, 2).stream().map(UrlLeases.Lease::url).toList());
        }
    }

    /** Workers on their own connections, claiming as fast as they can: every URL goes to exactly one. */
    @Test
    void workersClaimingAtOnceNeverGetTheSameUrl() throws Exception {
        int urls = 2_000;
        int workers = 4;
        long crawl;
        long run;
        try (Connection connection = connect()) {
            Crawls.Joined joined = crawl(connection);
            crawl = joined.id();
            run = joined.run();
            connection.setAutoCommit(false);
            for (int i = 0; i < urls; i++) {
                UrlLeases.enqueue(connection, crawl, run, "http://a.test/" + i, "a.test", 0, null);
            }
            connection.commit();
        }
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        List<String> duplicates = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(workers);
        try (ExecutorService threads = Executors.newFixedThreadPool(workers)) {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int machine = w;
                counts.add(threads.submit(() -> {
                    try (Connection connection = connect()) {
                        long worker = Workers.join(connection, crawl, "m" + machine, machine);
                        ready.countDown();
                        ready.await();
                        int mine = 0;
                        for (List<UrlLeases.Lease> leases; !(leases = UrlLeases.claim(connection, crawl, run, worker, 7)).isEmpty(); ) {
                            for (UrlLeases.Lease lease : leases) {
                                if (!claimed.add(lease.url())) {
                                    synchronized (duplicates) {
                                        duplicates.add(lease.url());
                                    }
                                }
                                assertTrue(finish(connection, crawl, run, lease.url(), worker));
                                mine++;
                            }
                        }
                        return mine;
                    }
                }));
            }
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            assertEquals(List.of(), duplicates);
            assertEquals(urls, total);
            assertEquals(urls, claimed.size());
        }
        try (Connection connection = connect()) {
            assertEquals(new UrlLeases.Counts(0, 0, urls), UrlLeases.counts(connection, crawl, run));
        }
    }

    @Test
    void aSilentWorkersLeasesGoToTheOthersAndItsLateFinishIsRefused() throws Exception {
        try (Connection connection = connect()) {
            Crawls.Joined joined = crawl(connection);
            long crawl = joined.id();
            long run = joined.run();
            for (int i = 0; i < 5; i++) {
                UrlLeases.enqueue(connection, crawl, run, "http://a.test/" + i, "a.test", 0, null);
            }
            long dead = Workers.join(connection, crawl, "m1", 1);
            long alive = Workers.join(connection, crawl, "m2", 2);
            List<UrlLeases.Lease> lost = UrlLeases.claim(connection, crawl, run, dead, 3);
            assertEquals(3, lost.size());
            try (Statement sql = connection.createStatement()) {
                sql.execute("UPDATE workers SET heartbeat = now() - interval '2 minutes' WHERE id = " + dead);
            }
            assertTrue(Workers.beat(connection, alive));
            assertEquals(3, UrlLeases.reclaim(connection, crawl));
            assertEquals(new UrlLeases.Counts(5, 0, 0), UrlLeases.counts(connection, crawl, run));
            assertEquals(new UrlLeases.Pending(5, 0), UrlLeases.pending(connection, crawl, run));
            List<UrlLeases.Lease> taken = UrlLeases.claim(connection, crawl, run, alive, 10);
            assertEquals(5, taken.size());
            assertFalse(finish(connection, crawl, run, lost.getFirst().url(), dead), "the dead worker no longer holds it");
            assertTrue(finish(connection, crawl, run, lost.getFirst().url(), alive));
            assertEquals(0, UrlLeases.reclaim(connection, crawl), "a live worker's leases stay");
        }
    }

    @Test
    void aWorkerThatLeavesGivesItsLeasesBackAtOnce() throws Exception {
        try (Connection connection = connect()) {
            Crawls.Joined joined = crawl(connection);
            long crawl = joined.id();
            long run = joined.run();
            UrlLeases.enqueue(connection, crawl, run, "http://a.test/", "a.test", 0, null);
            long worker = Workers.join(connection, crawl, "m1", 1);
            UrlLeases.claim(connection, crawl, run, worker, 1);
            Workers.leave(connection, worker);
            assertFalse(Workers.beat(connection, worker));
            assertEquals(1, UrlLeases.reclaim(connection, crawl));
        }
    }

    /**
     * Two workers locking the same rows in opposite orders: the server breaks the deadlock by rolling
     * one back (after its deadlock_timeout, 1 s), and that one's call runs again and succeeds.
     */
    @Test
    void aCallTheServerRollsBackToBreakADeadlockRunsAgain() throws Exception {
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE pair (id integer PRIMARY KEY, n integer)");
            sql.execute("INSERT INTO pair VALUES (1, 0), (2, 0)");
        }
        SharedDatabase address = SharedDatabase.parse(TestPostgres.server().stateUrl(database));
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        List<Integer> attempts = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService threads = Executors.newFixedThreadPool(2);
                Database one = new Database(address, Duration.ofSeconds(5));
                Database two = new Database(address, Duration.ofSeconds(5))) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int[] order : List.of(new int[] {1, 2}, new int[] {2, 1})) {
                Database db = order[0] == 1 ? one : two;
                done.add(threads.submit(() -> db.call("swap", c -> Database.inTransaction(c, t -> {
                    attempts.add(order[0]);
                    try (Statement sql = t.createStatement()) {
                        sql.execute("UPDATE pair SET n = n + 1 WHERE id = " + order[0]);
                        bothHoldOne.countDown();
                        try {
                            bothHoldOne.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return sql.executeUpdate("UPDATE pair SET n = n + 1 WHERE id = " + order[1]);
                    }
                }))));
            }
            for (Future<Integer> each : done) {
                assertEquals(1, each.get());
            }
        }
        assertEquals(3, attempts.size(), "one of the two ran again: " + attempts);
        try (Connection connection = connect(); Statement sql = connection.createStatement();
                ResultSet sum = sql.executeQuery("SELECT sum(n) FROM pair")) {
            sum.next();
            assertEquals(4, sum.getInt(1), "both ran once in the end");
        }
    }

    /**
     * A run that drains queues once what earlier runs fetched and it did not reach, then ends; the next
     * worker to join begins the next run, whose leases carry what the last fetch left.
     */
    @Test
    void aDrainedRunQueuesWhatItDidNotReachThenEndsAndTheNextJoinBeginsARecrawl() throws Exception {
        try (Connection connection = connect()) {
            Crawls.Joined first = crawl(connection);
            long crawl = first.id();
            long worker = Workers.join(connection, crawl, "m1", 1);
            UrlLeases.enqueue(connection, crawl, first.run(), "http://a.test/", "a.test", 0, null);
            UrlLeases.claim(connection, crawl, first.run(), worker, 10);
            complete(connection, first, worker, "http://a.test/", "\"home\"", "http://a.test/old");
            assertEquals(List.of("http://a.test/old"), urls(UrlLeases.claim(connection, crawl, first.run(), worker, 10)));
            complete(connection, first, worker, "http://a.test/old", "\"old\"");
            assertEquals(0, Crawls.drained(connection, crawl, first.run(), Integer.MAX_VALUE, null), "nothing left behind");

            Crawls.Joined second = Crawls.open(connection, "default", "seeds=http://a.test/");
            assertEquals(first.run() + 1, second.run());
            assertEquals(second, Crawls.open(connection, "default", "seeds=http://a.test/"), "the run under way is joined");
            assertTrue(UrlLeases.enqueue(connection, crawl, second.run(), "http://a.test/", "a.test", 0, null));
            List<UrlLeases.Lease> home = UrlLeases.claim(connection, crawl, second.run(), worker, 10);
            assertEquals("\"home\"", home.getFirst().previous().etag());
            complete(connection, second, worker, "http://a.test/", "\"home\""); // no longer links /old
            assertEquals(1, Crawls.drained(connection, crawl, second.run(), Integer.MAX_VALUE, null), "/old, unreached, is queued");
            List<UrlLeases.Lease> old = UrlLeases.claim(connection, crawl, second.run(), worker, 10);
            assertEquals(List.of("http://a.test/old"), urls(old));
            assertEquals("\"old\"", old.getFirst().previous().etag());
            complete(connection, second, worker, "http://a.test/old", "\"old\"");
            assertEquals(0, Crawls.drained(connection, crawl, second.run(), Integer.MAX_VALUE, null));
            assertEquals(0, Crawls.drained(connection, crawl, second.run(), Integer.MAX_VALUE, null), "over is over");
            assertEquals(second.run() + 1, Crawls.open(connection, "default", "seeds=http://a.test/").run());
        }
    }

    /** Completes a leased page with a 200 and an ETag, its record and its links. */
    private static void complete(Connection connection, Crawls.Joined crawl, long worker, String url, String etag,
            String... links) throws SQLException {
        FetchFacts facts = new FetchFacts(200, etag, null, null, Instant.now(), null);
        assertTrue(UrlLeases.complete(connection, crawl.id(), crawl.run(), worker,
                new UrlLeases.Completion(url, 0, List.of(links), true, facts, null, "{}", true), null, null));
    }

    private static List<String> urls(List<UrlLeases.Lease> leases) {
        return leases.stream().map(UrlLeases.Lease::url).toList();
    }

    private static Crawls.Joined crawl(Connection connection) throws SQLException {
        SharedSchema.migrate(connection);
        return Crawls.open(connection, "default", "seeds=http://a.test/");
    }

    /** The worker is done with a leased URL, without facts, links or a record. */
    private static boolean finish(Connection connection, long crawl, long run, String url, long worker)
            throws SQLException {
        return UrlLeases.complete(connection, crawl, run, worker,
                new UrlLeases.Completion(url, 0, List.of(), true, null, null, null, false), null, null);
    }
}
