package dev.trawl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast pages can be finished through the state: 10 links a page (3 new, 7 known: navigation and
 * earlier pages), a 300-byte line each to a file, the committer thread running. Prints the rate; it
 * asserts only that the crawl was complete, since speed depends on the machine. The timeout only
 * stops a hang: 4 s alone, the test took 153 s beside other builds on two CPUs.
 */
@Timeout(900)
class StateStoreThroughputTest {
    private static final int PAGES = 30_000;

    @TempDir
    Path dir;

    @Test
    void printsFinishCallsPerSecond() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Random random = new Random(1);
        byte[] padding = "x".repeat(260).getBytes(StandardCharsets.UTF_8);
        int finished = 0;
        int next = 1; // pages are numbered; page i's new links are the next three numbers
        long started;
        long elapsed;
        try (StateStore store = StateStore.open(dir.resolve("crawl.db"))) {
            store.beginRun(Optional.of(out), Optional.empty(), Clock.systemUTC());
            store.output(out);
            Frontier frontier = store.frontier(1000, 10_000, Admission.ALL);
            frontier.addSeed(url(0));
            started = System.nanoTime();
            while (finished < PAGES) {
                Task task = frontier.poll(host -> true);
                assertNotNull(task, "the frontier ran dry after " + finished);
                List<String> links = new ArrayList<>(10);
                for (int i = 0; i < 3; i++) {
                    links.add(url(next++));
                }
                for (int i = 0; i < 5; i++) {
                    links.add(url(i)); // the navigation every page has
                }
                for (int i = 0; i < 2; i++) {
                    links.add(url(random.nextInt(next)));
                }
                byte[] line = new byte[padding.length + task.url().length() + 1];
                byte[] urlBytes = task.url().getBytes(StandardCharsets.UTF_8);
                System.arraycopy(urlBytes, 0, line, 0, urlBytes.length);
                System.arraycopy(padding, 0, line, urlBytes.length, padding.length);
                line[line.length - 1] = '\n';
                store.finish(task, links, new FetchFacts(200, "\"etag-" + finished + "\"", null,
                        "sha256-" + Integer.toHexString(finished), Instant.now(), null), line);
                finished++;
            }
            store.endRun(false);
            elapsed = System.nanoTime() - started;
        }
        double perSecond = PAGES / (elapsed / 1e9);
        System.out.printf("StateStoreThroughputTest: %d finish() calls with 10 links each in %.2f s: %.0f finish()/s"
                + " (state %d KB, output %d KB)%n", PAGES, elapsed / 1e9, perSecond,
                Files.size(dir.resolve("crawl.db")) / 1024, Files.size(out) / 1024);
        assertEquals(PAGES, Files.readAllLines(out).size());
    }

    private static String url(int page) {
        String[] hosts = {"http://www.example.test/", "https://docs.example.test/", "http://blog.example.test:8080/"};
        return hosts[page % hosts.length] + "section/" + (page % 97) + "/article-" + page + ".html";
    }
}
