package dev.trawl.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.SharedDatabase;
import dev.trawl.fetch.AttemptResult;
import dev.trawl.pacing.HostPacer;
import dev.trawl.pacing.RateLimiter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Politeness across workers, on a real PostgreSQL server ({@link TestPostgres}). */
class HostSlotsTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private String database;
    private long crawl;

    @BeforeEach
    void newCrawl() throws SQLException {
        database = TestPostgres.server().newDatabase();
        try (Connection connection = connect()) {
            SharedSchema.migrate(connection);
            crawl = Crawls.open(connection, "default", "seeds=http://a.test/").id();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database);
    }

    @Test
    void noMoreThanPerHostRequestsInFlightFromAllWorkers() throws Exception {
        try (Connection connection = connect()) {
            long one = Workers.join(connection, crawl, "m1", 1);
            long two = Workers.join(connection, crawl, "m2", 2);
            HostSlots.Turn first = HostSlots.take(connection, crawl, "a.test", one, 2, Duration.ZERO, TIMEOUT);
            assertInstanceOf(HostSlots.Turn.Granted.class, first);
            assertInstanceOf(HostSlots.Turn.Granted.class, HostSlots.take(connection, crawl, "a.test", two, 2, Duration.ZERO, TIMEOUT));
            assertEquals(new HostSlots.Turn.Wait(HostSlots.FULL_RETRY),
                    HostSlots.take(connection, crawl, "a.test", two, 2, Duration.ZERO, TIMEOUT));
            assertInstanceOf(HostSlots.Turn.Granted.class, HostSlots.take(connection, crawl, "b.test", two, 2, Duration.ZERO, TIMEOUT),
                    "another host has its own slots");
            HostSlots.release(connection, ((HostSlots.Turn.Granted) first).slot());
            assertInstanceOf(HostSlots.Turn.Granted.class, HostSlots.take(connection, crawl, "a.test", two, 2, Duration.ZERO, TIMEOUT));
        }
    }

    @Test
    void theGapHoldsAcrossWorkers() throws Exception {
        try (Connection connection = connect()) {
            long one = Workers.join(connection, crawl, "m1", 1);
            long two = Workers.join(connection, crawl, "m2", 2);
            assertInstanceOf(HostSlots.Turn.Granted.class, HostSlots.take(connection, crawl, "a.test", one, 4, Duration.ofHours(1), TIMEOUT));
            HostSlots.Turn second = HostSlots.take(connection, crawl, "a.test", two, 4, Duration.ofHours(1), TIMEOUT);
            HostSlots.Turn.Wait wait = assertInstanceOf(HostSlots.Turn.Wait.class, second);
            assertTrue(wait.atLeast().compareTo(Duration.ofMinutes(59)) > 0, wait.toString());
        }
    }

    @Test
    void aDeadWorkersSlotsStopCounting() throws Exception {
        try (Connection connection = connect()) {
            long dead = Workers.join(connection, crawl, "m1", 1);
            long alive = Workers.join(connection, crawl, "m2", 2);
            assertInstanceOf(HostSlots.Turn.Granted.class, HostSlots.take(connection, crawl, "a.test", dead, 1, Duration.ZERO, TIMEOUT));
            assertInstanceOf(HostSlots.Turn.Wait.class, HostSlots.take(connection, crawl, "a.test", alive, 1, Duration.ZERO, TIMEOUT));
            try (Statement sql = connection.createStatement()) {
                sql.execute("UPDATE workers SET heartbeat = now() - interval '2 minutes' WHERE id = " + dead);
            }
            assertInstanceOf(HostSlots.Turn.Granted.class, HostSlots.take(connection, crawl, "a.test", alive, 1, Duration.ZERO, TIMEOUT));
        }
    }

    /** A 429 with Retry-After that one worker got holds the host back for every worker. */
    @Test
    void aRetryAfterOneWorkerGotHoldsEveryWorkerBack() throws Exception {
        try (Connection connection = connect(); Connections gateDb = gateConnections()) {
            long told = Workers.join(connection, crawl, "m1", 1);
            long other = Workers.join(connection, crawl, "m2", 2);

            gate(gateDb, told).acquire(HttpUrl.get("http://a.test/page")).release(new AttemptResult.Response(429, null, null, null, "3600", null));

            HostSlots.Turn.Wait wait = assertInstanceOf(HostSlots.Turn.Wait.class,
                    HostSlots.take(connection, crawl, "a.test", other, 4, Duration.ZERO, TIMEOUT));
            assertTrue(wait.atLeast().compareTo(Duration.ofMinutes(59)) > 0, wait.toString());
        }
    }

    /** An answer that says nothing about the host's load holds no one back. */
    @Test
    void anOrdinaryAnswerHoldsNoOneBack() throws Exception {
        try (Connection connection = connect(); Connections gateDb = gateConnections()) {
            long one = Workers.join(connection, crawl, "m1", 1);
            long other = Workers.join(connection, crawl, "m2", 2);

            gate(gateDb, one).acquire(HttpUrl.get("http://a.test/page")).release(new AttemptResult.Response(404, null, null, null, "3600", null));

            assertInstanceOf(HostSlots.Turn.Granted.class,
                    HostSlots.take(connection, crawl, "a.test", other, 4, Duration.ZERO, TIMEOUT));
        }
    }

    private Connections gateConnections() throws SQLException {
        return new Connections(SharedDatabase.parse(TestPostgres.server().stateUrl(database)), TIMEOUT, false, 1);
    }

    /** A worker's gate: its own pacer (no delay, Retry-After honoured up to 2 hours), then the database's slots. */
    private SharedGate gate(Connections db, long worker) {
        HostPacer pacer = new HostPacer(4, Duration.ZERO, Duration.ofSeconds(30), Duration.ofHours(2),
                RateLimiter.UNLIMITED, System::nanoTime, Clock.systemUTC(), warning -> { });
        return new SharedGate(pacer, pacer::limit, pacer::gapNanos, pacer::heldNanos, db, crawl, worker, TIMEOUT);
    }

    private int slotsHeld(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
                var count = sql.executeQuery("SELECT count(*) FROM host_slots WHERE crawl = " + crawl + " AND host = 'a.test'")) {
            count.next();
            return count.getInt(1);
        }
    }

    /** Workers on their own connections taking and giving back one host's slots as fast as they can. */
    @Test
    void workersRacingForAHostNeverExceedItsLimit() throws Exception {
        int perHost = 3;
        int workers = 6;
        AtomicInteger most = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(workers);
        try (ExecutorService threads = Executors.newFixedThreadPool(workers)) {
            List<Future<Integer>> grants = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int machine = w;
                grants.add(threads.submit(() -> {
                    try (Connection connection = connect()) {
                        long worker = Workers.join(connection, crawl, "m" + machine, machine);
                        ready.countDown();
                        ready.await();
                        int granted = 0;
                        for (int attempt = 0; attempt < 150; attempt++) {
                            if (HostSlots.take(connection, crawl, "a.test", worker, perHost, Duration.ZERO, TIMEOUT)
                                    instanceof HostSlots.Turn.Granted(long slot)) {
                                most.accumulateAndGet(slotsHeld(connection), Math::max);
                                HostSlots.release(connection, slot);
                                granted++;
                            }
                        }
                        return granted;
                    }
                }));
            }
            int total = 0;
            for (Future<Integer> granted : grants) {
                total += granted.get();
            }
            assertTrue(total > 0);
            assertTrue(most.get() <= perHost, "at most " + perHost + " in flight, saw " + most.get());
            assertTrue(most.get() > 1, "the workers did overlap");
        }
    }
}
