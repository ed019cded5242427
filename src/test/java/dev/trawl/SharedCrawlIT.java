package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.postgres.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process test of the shared crawl (issue 12): trawl processes sharing one crawl of one local site
 * through one PostgreSQL, checked from the site (requests per page, requests in flight at once, when
 * each arrived), from the database and from the workers' output files.
 */
class SharedCrawlIT {
    private static final int PAGES = 2_000;
    private static final int CONCURRENCY = 4;
    /** Below three workers' 12 slots together and above one worker's 4: the bound is the crawl's, not a worker's. */
    private static final int PER_HOST = 6;
    private static final Duration DELAY = Duration.ofMillis(100);

    @TempDir
    Path dir;

    /**
     * Three workers, one killed with SIGKILL mid-crawl, a fourth started after that: every page is
     * requested once (one the killed worker held, at most twice), recorded once in the database and
     * written once in the files, and the site never has more than --per-host requests in flight.
     */
    @Test
    void aKilledWorkerAndALateOneLeaveEveryPageRequestedAndRecordedOnce() throws Exception {
        String database = TestPostgres.server().newDatabase();
        String state = TestPostgres.server().stateUrl(database);
        Path firstFile = dir.resolve("first.jsonl");
        Path secondFile = dir.resolve("second.jsonl");
        Path killedFile = dir.resolve("killed.jsonl");
        Path lateFile = dir.resolve("late.jsonl");
        Map<Path, Long> workerOf = new LinkedHashMap<>();
        Set<String> orphaned;
        try (LinkedSite site = new LinkedSite(PAGES, 5, Duration.ofMillis(10));
                Connection db = DriverManager.getConnection(database)) {
            String[] politeness = {"--delay=0", "--per-host=" + PER_HOST, "-c", String.valueOf(CONCURRENCY)};
            try (JarProcess first = startWorker(state, firstFile, site.seed(), politeness);
                    JarProcess second = startWorker(state, secondFile, site.seed(), politeness);
                    JarProcess killed = startWorker(state, killedFile, site.seed(), politeness)) {
                workerOf.put(killedFile, workerId(db, killed));
                orphaned = killMidCrawl(db, killed, workerOf.get(killedFile));
                try (JarProcess late = startWorker(state, lateFile, site.seed(), politeness)) {
                    Map<Path, JarProcess> survivors = Map.of(firstFile, first, secondFile, second, lateFile, late);
                    for (Map.Entry<Path, JarProcess> survivor : survivors.entrySet()) {
                        JarProcess worker = survivor.getValue();
                        assertEquals(0, worker.waitForExit(), worker::stderr);
                        assertEquals("", worker.stderr());
                        workerOf.put(survivor.getKey(), workerId(db, worker));
                    }
                }
            }

            assertEachPageRequestedOnce(site, orphaned);
            assertTrue(site.mostInFlight() <= PER_HOST,
                    "at most --per-host=" + PER_HOST + " requests in flight at the site, saw " + site.mostInFlight());
            // Not vacuous: more at once than one worker's -c, so several workers were at the host together.
            assertTrue(site.mostInFlight() > CONCURRENCY, "the workers overlapped: " + site.mostInFlight() + " in flight");
            Map<String, Long> recorded = SharedCrawlOutputs.recordedOnce(database);
            assertEquals(Set.copyOf(site.urls()), recorded.keySet(), "every page recorded once in the database");
            assertEachRecordWrittenOnce(recorded, workerOf, killedFile);
        }
    }

    /**
     * --delay is the least gap between two request starts to the host, whichever workers make them:
     * three workers at --per-host=1, robots.txt included (each worker fetches it through the same turns).
     */
    @Test
    void theDelayHoldsBetweenTheRequestsOfAllWorkers() throws Exception {
        String database = TestPostgres.server().newDatabase();
        String state = TestPostgres.server().stateUrl(database);
        try (LinkedSite site = new LinkedSite(40, 3, Duration.ofMillis(5))) {
            String[] politeness = {"--delay=" + DELAY.toMillis() + "ms", "--per-host=1", "-c", "2"};
            List<JarProcess> workers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    workers.add(startWorker(state, dir.resolve(i + ".jsonl"), site.seed(), politeness));
                }
                for (JarProcess worker : workers) {
                    assertEquals(0, worker.waitForExit(), worker::stderr);
                    assertEquals("", worker.stderr());
                }
            } finally {
                workers.forEach(JarProcess::close);
            }

            Map<String, Long> recorded = SharedCrawlOutputs.recordedOnce(database);
            assertEquals(Set.copyOf(site.urls()), recorded.keySet());
            assertTrue(Set.copyOf(recorded.values()).size() > 1, "the pages were shared: " + recorded.values());
            assertPaced(site.arrivals());
        }
    }

    private static JarProcess startWorker(String state, Path output, String seed, String... politeness) {
        List<String> args = new ArrayList<>(List.of("-q", "--max-depth=inf", "--worker-timeout=2s", "--state", state,
                "-o", output.toString()));
        args.addAll(List.of(politeness));
        args.add(seed);
        return JarProcess.start(args.toArray(String[]::new));
    }

    /**
     * Waits until the worker is mid-crawl (it holds leases and has recorded pages, and a fifth of the
     * site is done), then kills it with SIGKILL and returns the URLs it held. The urls table is locked
     * against writes from before they are read until the worker is dead: it can neither lease more nor
     * finish what it holds, and no one can take its leases back meanwhile, so the set is exact.
     */
    private static Set<String> killMidCrawl(Connection db, JarProcess victim, long victimId) throws Exception {
        long deadline = System.nanoTime() + JarProcess.WAIT.toNanos();
        db.setAutoCommit(false);
        try (Statement sql = db.createStatement()) {
            while (true) {
                if (count(db, "SELECT count(*) FROM urls WHERE state = 3") >= PAGES / 5
                        && count(db, "SELECT count(*) FROM records WHERE worker = ?", victimId) > 0) {
                    sql.execute("LOCK TABLE urls IN SHARE MODE");
                    Set<String> held = new HashSet<>(
                            strings(db, "SELECT url FROM urls WHERE state = 2 AND worker = ?", victimId));
                    if (!held.isEmpty()) {
                        assertEquals(137, victim.kill9(), "killed by SIGKILL: " + victim.stderr());
                        db.commit();
                        return held;
                    }
                }
                db.rollback(); // and so the lock, if taken
                assertTrue(victim.isAlive() && System.nanoTime() < deadline, "never mid-crawl: " + victim.stderr());
                Thread.sleep(10);
            }
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
    }

    /** Every page was requested once, but one the killed worker held: it may have fetched it before it died. */
    private static void assertEachPageRequestedOnce(LinkedSite site, Set<String> orphaned) {
        List<String> wrong = new ArrayList<>();
        for (int page = 0; page < PAGES; page++) {
            int most = orphaned.contains(site.url(page)) ? 2 : 1;
            if (site.hits(page) < 1 || site.hits(page) > most) {
                wrong.add(site.url(page) + " requested " + site.hits(page) + " times, at most " + most);
            }
        }
        assertEquals(List.of(), wrong, "every page requested once; the killed worker held " + orphaned);
        assertEquals(Set.of("/robots.txt"), site.otherPaths(), "nothing but pages and robots.txt requested");
    }

    /**
     * Each file holds what its worker committed, and the files together every record once, but for the
     * records the killed worker committed and had not written yet when it died: README, "Not yet", they
     * are in the database only, as no one starts it again on its file here.
     */
    private static void assertEachRecordWrittenOnce(Map<String, Long> recorded, Map<Path, Long> workerOf, Path killedFile)
            throws Exception {
        Map<String, Path> written = SharedCrawlOutputs.writtenOnce(List.copyOf(workerOf.keySet()));
        for (Map.Entry<Path, Long> worker : workerOf.entrySet()) {
            Set<String> committed = keysOf(recorded, worker.getValue());
            Set<String> inFile = keysOf(written, worker.getKey());
            assertFalse(committed.isEmpty(), "every worker recorded pages, " + worker.getKey() + "'s too");
            assertTrue(committed.containsAll(inFile), worker.getKey() + " holds only what its worker committed");
            if (!worker.getKey().equals(killedFile)) {
                assertEquals(committed, inFile, "every record of " + worker.getKey() + "'s worker is in it");
            }
        }
    }

    /**
     * Each request arrived at least one gap after the one before it, and k gaps after the k-th before it
     * (gaps a little short add up), less a tolerance: a request arrives a few ms after its worker took
     * the host's turn, more or less from one request to the next (up to 13 ms measured on a loaded
     * 2-core machine; the tolerance is six times that, for CI beside other builds). It cannot hide two
     * starts at once (a whole gap short), nor workers pacing only themselves (a third of a gap apart).
     */
    private static void assertPaced(List<LinkedSite.Arrival> arrivals) {
        long tolerance = TimeUnit.MILLISECONDS.toNanos(80);
        for (int i = 0; i < arrivals.size(); i++) {
            // A worker's robots.txt is the first request its JVM makes: from the turn to the site it takes
            // up to some 65 ms (the HTTP client's first use, measured under load), so the next request, a
            // warm worker's, may arrive less than a gap after it. Counted as a later request, not an earlier.
            if (arrivals.get(i).path().equals("/robots.txt")) {
                continue;
            }
            for (int j = i + 1; j < arrivals.size(); j++) {
                long apart = arrivals.get(j).nanos() - arrivals.get(i).nanos();
                assertTrue(apart >= (j - i) * DELAY.toNanos() - tolerance, arrivals.get(i).path() + " and "
                        + arrivals.get(j).path() + " arrived " + TimeUnit.NANOSECONDS.toMillis(apart) + " ms apart, "
                        + (j - i) + " gaps of " + DELAY.toMillis() + " ms; ms since the first arrival: " + sinceFirst(arrivals));
            }
        }
    }

    /** The worker's id in the database, once it has joined the crawl. */
    private static long workerId(Connection db, JarProcess worker) throws Exception {
        long deadline = System.nanoTime() + JarProcess.WAIT.toNanos();
        while (true) {
            try {
                List<String> ids = strings(db, "SELECT id FROM workers WHERE pid = ?", worker.pid());
                if (!ids.isEmpty()) {
                    return Long.parseLong(ids.getFirst());
                }
            } catch (SQLException e) {
                // No tables before the first worker makes them (undefined_table); anything else is a failure.
                assertEquals("42P01", e.getSQLState(), e::toString);
            }
            assertTrue(worker.isAlive() && System.nanoTime() < deadline, "never joined: " + worker.stderr());
            Thread.sleep(10);
        }
    }

    private static long count(Connection db, String query, Object... params) throws SQLException {
        return Long.parseLong(strings(db, query, params).getFirst());
    }

    private static List<String> strings(Connection db, String query, Object... params) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                select.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** The keys mapped to the value. */
    private static <K, V> Set<K> keysOf(Map<K, V> map, V value) {
        Set<K> keys = new HashSet<>();
        map.forEach((key, v) -> {
            if (v.equals(value)) {
                keys.add(key);
            }
        });
        return keys;
    }

    private static List<String> sinceFirst(List<LinkedSite.Arrival> arrivals) {
        long first = arrivals.getFirst().nanos();
        return arrivals.stream().map(a -> TimeUnit.NANOSECONDS.toMillis(a.nanos() - first) + " " + a.path()).toList();
    }
}
