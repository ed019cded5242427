package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.postgres.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** trawl with a PostgreSQL --state, and its status and export commands, run as a user runs them. */
class SharedStateCommandsTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        errBytes.reset();
        return TrawlCommand.commandLine(InputStream.nullInputStream(), out,
                new PrintStream(errBytes, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCrawlItsStatusAndItsExport() {
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                String body = switch (path) {
                    case "/" -> "<title>Home</title><a href=/a>a</a><a href=/b>b</a>";
                    case "/a", "/b" -> "<title>" + path + "</title>";
                    default -> null;
                };
                return body == null ? new MockResponse.Builder().code(404).build()
                        : new MockResponse.Builder().addHeader("Content-Type", "text/html").body(body).build();
            }
        });
        String state = TestPostgres.server().stateUrl(TestPostgres.server().newDatabase());

        assertEquals(0, run("status", "--state", state), err());
        assertEquals("trawl: no trawl crawl in " + state.substring("postgresql://".length(), state.indexOf('?'))
                + System.lineSeparator(), err());

        assertEquals(0, run("-q", "--delay=0", "--state", state, server.url("/").toString()), err());
        List<String> crawled = lines(out());
        assertEquals(3, crawled.size());

        assertEquals(0, run("export", "--state", state), err());
        assertEquals(crawled, lines(out()));

        assertEquals(0, run("status", "--state", state), err());
        String status = out();
        assertTrue(status.contains("run 1: started "), status);
        assertTrue(status.contains(", finished "), status);
        assertTrue(status.contains("urls of the run: 0 queued, 0 leased, 3 done; 3 records"), status);
        assertTrue(status.contains("left, last heartbeat"), status);
        assertTrue(status.contains("  " + server.url("/").host() + ":" + server.getPort() + ": 0 / 0 / 3"), status);

        // Started again on a finished crawl: the next run; each run's records are exported on their own.
        assertEquals(0, run("-q", "--delay=0", "--state", state, server.url("/").toString()), err());
        List<String> recrawled = lines(out());
        assertEquals(3, recrawled.size());
        assertEquals(0, run("export", "--state", state), err());
        assertEquals(recrawled, lines(out()));
        assertEquals(0, run("export", "--run", "1", "--state", state), err());
        assertEquals(crawled, lines(out()));
        assertEquals(1, run("export", "--crawl", "nope", "--state", state));
        assertTrue(err().startsWith("trawl: no crawl named 'nope' in "), err());
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExit1() {
        assertEquals(1, run("status", "--state", "postgresql://127.0.0.1:1/crawl?user=trawl"));
        assertTrue(err().startsWith("trawl: cannot read PostgreSQL at 127.0.0.1:1/crawl: "), err());
        assertEquals(1, err().lines().count(), err());
        assertEquals(1, run("export", "--state", "postgresql://127.0.0.1:1/crawl"));
        assertEquals("", out());
    }

    @Test
    void aPasswordInTheUrlIsRefused() {
        assertEquals(2, run("status", "--state", "postgresql://trawl:secret@127.0.0.1/crawl"));
        assertTrue(err().contains("no password in the URL"), err());
        assertTrue(!err().contains("secret"), err());
        assertEquals(2, run("-q", "--state", "postgresql://127.0.0.1/crawl?user=trawl&password=secret", "http://127.0.0.1/"));
        assertTrue(err().contains("no password in the URL") && !err().contains("secret"), err());
    }

    @Test
    void statusAndExportReadOnlyADatabase() {
        assertEquals(2, run("export", "--state", "crawl.db"));
        assertTrue(err().contains("must be a PostgreSQL URL"), err());
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).filter(line -> !line.isEmpty()).sorted().toList();
    }
}
