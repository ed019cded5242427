package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.postgres.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two trawl processes share a crawl through PostgreSQL, each writing its own file; one is killed with
 * SIGKILL in the middle and started again on its file. The crawl ends with every page recorded exactly
 * once in the database and exactly once in the two files together.
 */
class SharedStateKillIT {
    private static final int PAGES = 111;

    @StartStop
    private final MockWebServer server = new MockWebServer();
    @TempDir
    Path dir;

    @Test
    void aWorkerKilledAndStartedAgainLeavesEveryPageOnceInTheFiles() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.equals("/robots.txt")) {
                    return new MockResponse.Builder().code(404).build();
                }
                StringBuilder body = new StringBuilder("<title>" + path + "</title>");
                if (path.equals("/")) {
                    for (int i = 0; i < 10; i++) {
                        body.append("<a href=/p").append(i).append(">p</a>");
                    }
                } else if (path.matches("/p\\d")) {
                    for (int j = 0; j < 10; j++) {
                        body.append("<a href=").append(path).append('/').append(j).append(">c</a>");
                    }
                }
                return new MockResponse.Builder().addHeader("Content-Type", "text/html").body(body.toString())
                        .headersDelay(100, TimeUnit.MILLISECONDS).build();
            }
        });
        String database = TestPostgres.server().newDatabase();
        String state = TestPostgres.server().stateUrl(database);
        String seed = server.url("/").toString();
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");

        try (JarProcess killed = JarProcess.start(worker(state, first, seed))) {
            SharedCrawlOutputs.awaitLines(first, 10, killed);
            try (JarProcess survivor = JarProcess.start(worker(state, second, seed))) {
                // Killed once the second worker has work of its own (and the first still has most of the
                // crawl ahead: 111 pages of 100 ms at -c 2 take it over 5 s alone).
                awaitSecondWorkerHoldsWork(database, survivor);
                ProcessHandle.of(killed.pid()).ifPresent(ProcessHandle::destroyForcibly);
                killed.waitForExit();
                // Started again on its file: it writes the file anew from what it had committed, and goes on.
                try (JarProcess restarted = JarProcess.start(worker(state, first, seed))) {
                    assertEquals(0, restarted.waitForExit(), restarted::stderr);
                    assertEquals("", restarted.stderr());
                }
                assertEquals(0, survivor.waitForExit(), survivor::stderr);
                assertEquals("", survivor.stderr());
            }
        }

        Set<String> recorded = SharedCrawlOutputs.recordedOnce(database).keySet();
        assertEquals(PAGES, recorded.size(), "every page recorded once in the database");
        assertEquals(recorded, SharedCrawlOutputs.writtenOnce(List.of(first, second)).keySet(),
                "every page exactly once in the two files");
    }

    private static String[] worker(String state, Path output, String seed) {
        return new String[] {"-q", "--delay=0", "-c", "2", "--per-host=8", "--worker-timeout=2s", "--state", state,
            "-o", output.toString(), seed};
    }

    /** Waits until the worker that joined last holds a lease or has recorded a page, or 60 s pass. */
    private static void awaitSecondWorkerHoldsWork(String database, JarProcess worker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection db = DriverManager.getConnection(database); Statement sql = db.createStatement()) {
            while (true) {
                try (ResultSet held = sql.executeQuery("""
                        SELECT count(*) FROM urls WHERE worker = (SELECT max(id) FROM workers) AND worker > 1""")) {
                    held.next();
                    if (held.getLong(1) > 0) {
                        return;
                    }
                }
                assertTrue(System.nanoTime() < deadline, "the second worker got no work: " + worker.stderr());
                Thread.sleep(10);
            }
        }
    }
}
