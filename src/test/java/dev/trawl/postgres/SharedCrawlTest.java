package dev.trawl.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
                        return Crawls.open(connection, "default", "seeds=a");
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
            long crawl = Crawls.open(connection, "docs", "seeds=http://a.test/");
            assertEquals(crawl, Crawls.open(connection, "docs", "seeds=http://a.test/"));
            assertThrows(Crawls.SettingsMismatch.class, () -> Crawls.open(connection, "docs", "seeds=http://b.test/"));
            assertTrue(Crawls.open(connection, "other", "seeds=http://b.test/") != crawl);
        }
    }

    @Test
    void aUrlIsQueuedOnceHoweverManyFindIt() throws Exception {
        try (Connection connection = connect()) {
            long crawl = crawl(connection);
            assertTrue(UrlLeases.enqueue(connection, crawl, "http://a.test/", "a.test", 0, null));
            assertFalse(UrlLeases.enqueue(connection, crawl, "http://a.test/", "a.test", 3, "http://a.test/x"));
            long worker = Workers.join(connection, crawl, "m1", 1);
            assertEquals(List.of(new UrlLeases.Lease("http://a.test/", 0, null)), UrlLeases.claim(connection, crawl, worker, 10));
            assertTrue(UrlLeases.finish(connection, crawl, "http://a.test/", worker));
            assertFalse(UrlLeases.enqueue(connection, crawl, "http://a.test/", "a.test", 1, null), "done counts as seen");
            assertEquals(new UrlLeases.Counts(0, 0, 1), UrlLeases.counts(connection, crawl));
            assertTrue(UrlLeases.counts(connection, crawl).drained());
        }
    }

    @Test
    void claimsAreShallowestFirstThenInQueueOrder() throws Exception {
        try (Connection connection = connect()) {
            long crawl = crawl(connection);
            UrlLeases.enqueue(connection, crawl, "http://a.test/deep", "a.test", 2, null);
            UrlLeases.enqueue(connection, crawl, "http://a.test/z", "a.test", 1, null);
            UrlLeases.enqueue(connection, crawl, "http://a.test/a", "a.test", 1, null);
            long worker = Workers.join(connection, crawl, "m1", 1);
            assertEquals(List.of("http://a.test/z", "http://a.test/a"),
                    UrlLeases.claim(connection, crawl, worker, 2).stream().map(UrlLeases.Lease::url).toList());
            assertEquals(List.of("http://a.test/deep"),
                    UrlLeases.claim(connection, crawl, worker, 2).stream().map(UrlLeases.Lease::url).toList());
        }
    }

    /** Workers on their own connections, claiming as fast as they can: every URL goes to exactly one. */
    @Test
    void workersClaimingAtOnceNeverGetTheSameUrl() throws Exception {
        int urls = 2_000;
        int workers = 4;
        long crawl;
        try (Connection connection = connect()) {
            crawl = crawl(connection);
            connection.setAutoCommit(false);
            for (int i = 0; i < urls; i++) {
                UrlLeases.enqueue(connection, crawl, "http://a.test/" + i, "a.test", 0, null);
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
                        for (List<UrlLeases.Lease> leases; !(leases = UrlLeases.claim(connection, crawl, worker, 7)).isEmpty(); ) {
                            for (UrlLeases.Lease lease : leases) {
                                if (!claimed.add(lease.url())) {
                                    synchronized (duplicates) {
                                        duplicates.add(lease.url());
                                    }
                                }
                                assertTrue(UrlLeases.finish(connection, crawl, lease.url(), worker));
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
            assertEquals(new UrlLeases.Counts(0, 0, urls), UrlLeases.counts(connection, crawl));
        }
    }

    @Test
    void aSilentWorkersLeasesGoToTheOthersAndItsLateFinishIsRefused() throws Exception {
        try (Connection connection = connect()) {
            long crawl = crawl(connection);
            for (int i = 0; i < 5; i++) {
                UrlLeases.enqueue(connection, crawl, "http://a.test/" + i, "a.test", 0, null);
            }
            long dead = Workers.join(connection, crawl, "m1", 1);
            long alive = Workers.join(connection, crawl, "m2", 2);
            List<UrlLeases.Lease> lost = UrlLeases.claim(connection, crawl, dead, 3);
            assertEquals(3, lost.size());
            try (Statement sql = connection.createStatement()) {
                sql.execute("UPDATE workers SET heartbeat = now() - interval '2 minutes' WHERE id = " + dead);
            }
            assertTrue(Workers.beat(connection, alive));
            assertEquals(3, UrlLeases.reclaim(connection, crawl));
            assertEquals(new UrlLeases.Counts(5, 0, 0), UrlLeases.counts(connection, crawl));
            List<UrlLeases.Lease> taken = UrlLeases.claim(connection, crawl, alive, 10);
            assertEquals(5, taken.size());
            assertFalse(UrlLeases.finish(connection, crawl, lost.getFirst().url(), dead), "the dead worker no longer holds it");
            assertTrue(UrlLeases.finish(connection, crawl, lost.getFirst().url(), alive));
            assertEquals(0, UrlLeases.reclaim(connection, crawl), "a live worker's leases stay");
        }
    }

    @Test
    void aWorkerThatLeavesGivesItsLeasesBackAtOnce() throws Exception {
        try (Connection connection = connect()) {
            long crawl = crawl(connection);
            UrlLeases.enqueue(connection, crawl, "http://a.test/", "a.test", 0, null);
            long worker = Workers.join(connection, crawl, "m1", 1);
            UrlLeases.claim(connection, crawl, worker, 1);
            Workers.leave(connection, worker);
            assertFalse(Workers.beat(connection, worker));
            assertEquals(1, UrlLeases.reclaim(connection, crawl));
        }
    }

    private static long crawl(Connection connection) throws SQLException {
        SharedSchema.migrate(connection);
        return Crawls.open(connection, "default", "seeds=http://a.test/");
    }
}
