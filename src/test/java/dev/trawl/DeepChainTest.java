package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.cli.TrawlCommand;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --max-depth=inf} (issue 10, point 3): a "next page" chain far longer than the old cap of
 * 1000 hops is crawled to its last page, in memory and with {@code --state}, each page once, at
 * its distance from the seed and with the page before it as parent.
 */
class DeepChainTest {
    /** Three times the old cap; one page at a time (each page reveals only the next), so a few seconds. */
    private static final int PAGES = 3_000;

    @TempDir
    Path dir;

    private final MockWebServer server = NoDelayServerSockets.server();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @BeforeEach
    void serveTheChain() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                if (!path.startsWith("/p/")) {
                    return new MockResponse.Builder().code(404).build();
                }
                int page = Integer.parseInt(path.substring("/p/".length()));
                String next = page + 1 < PAGES ? "<a href=\"/p/" + (page + 1) + "\">next</a>" : "the end";
                return new MockResponse.Builder().addHeader("Content-Type", "text/html")
                        .body("<title>Page " + page + "</title>" + next).build();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void followsANextPageChainLongerThanTheOldCapToItsEnd(boolean withState) throws Exception {
        Path output = dir.resolve("chain.jsonl");
        List<String> args = new ArrayList<>(List.of("--max-depth=inf", "--delay=0", "--ignore-robots", "-q",
                "-o", output.toString(), server.url("/p/0").toString()));
        if (withState) {
            args.add("--state=" + dir.resolve("chain.db"));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TrawlCommand.commandLine(InputStream.nullInputStream(), new ByteArrayOutputStream(),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args.toArray(String[]::new));

        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        Map<String, JsonNode> records = Records.parse(Files.readString(output));
        assertEquals(PAGES, records.size());
        for (int page = 0; page < PAGES; page++) {
            JsonNode record = records.get(server.url("/p/" + page).toString());
            assertTrue(record != null, "no record for page " + page);
            assertEquals(page, record.get("depth").asInt(), "depth of page " + page);
            assertEquals(page == 0 ? "null" : server.url("/p/" + (page - 1)).toString(), record.get("parent").asText());
            assertEquals(200, record.get("status").asInt());
            assertEquals(1, hits.get("/p/" + page).get(), "page " + page + " fetched once");
        }
    }
}
