package dev.trawl.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.state.FetchFacts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
            assertTrue(UrlLeases.counts(connection, crawl, run).drained());
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
