package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Two trawl processes share a crawl through PostgreSQL; one is killed with SIGKILL in the middle. The
 * other takes over what the dead one held once its heartbeat is two seconds old, and the crawl ends
 * with every page recorded exactly once in the database, and no page in both workers' outputs.
 */
class SharedStateKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGES = 111;

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @Test
    void aKilledWorkersPagesAreCrawledByTheOtherOnceEach() throws Exception {
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
                        .headersDelay(30, TimeUnit.MILLISECONDS).build();
            }
        });
        String database = TestPostgres.server().newDatabase();
        String state = TestPostgres.server().stateUrl(database);
        String seed = server.url("/").toString();
        String[] args = {"-q", "--delay=0", "-c", "4", "--per-host=8", "--worker-timeout=2s", "--state", state, seed};

        try (JarProcess killed = JarProcess.start(args)) {
            killed.awaitStdoutLines(10);
            try (JarProcess survivor = JarProcess.start(args)) {
                survivor.awaitStdoutLines(1);
                ProcessHandle.of(killed.pid()).ifPresent(ProcessHandle::destroyForcibly);
                killed.waitForExit();

                assertEquals(0, survivor.waitForExit(), survivor::stderr);
                assertEquals("", survivor.stderr());

                Set<String> recorded = new HashSet<>();
                try (Connection db = DriverManager.getConnection(database); Statement sql = db.createStatement();
                        ResultSet rows = sql.executeQuery("SELECT url FROM records")) {
                    while (rows.next()) {
                        assertTrue(recorded.add(rows.getString(1)));
                    }
                }
                assertEquals(PAGES, recorded.size(), "every page recorded once in the database");

                Set<String> written = new HashSet<>();
                for (String line : completeLines(killed.stdout())) {
                    assertTrue(written.add(url(line)), "written twice: " + line);
                }
                List<String> survivorLines = completeLines(survivor.stdout());
                for (String line : survivorLines) {
                    assertTrue(written.add(url(line)), "written by both workers: " + line);
                }
                assertTrue(recorded.containsAll(written), "every line written is a committed record");
                // Only the records the killed worker had committed but not yet written are in no file.
                assertTrue(written.size() >= PAGES - 20, written.size() + " of " + PAGES + " pages in the files");
                assertTrue(!survivorLines.isEmpty());
            }
        }
    }

    /** The lines that ended with a newline: a worker killed mid-write may leave a torn last one. */
    private static List<String> completeLines(String output) {
        List<String> lines = new ArrayList<>(List.of(output.split("\n", -1)));
        lines.removeLast();
        return lines;
    }

    private static String url(String line) throws Exception {
        JsonNode record = JSON.readTree(line);
        return record.get("url").asText();
    }
}
