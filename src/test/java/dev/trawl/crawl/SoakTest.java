package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/**
 * A long crawl where a seeded random tenth of the responses misbehave: connection resets, stalls
 * past the deadline, 5xx, garbage bodies. Every URL the crawl admits must yield exactly one record,
 * and open file descriptors must come back to where they were. 1,000 pages in CI; the long run is
 * {@code ./mvnw -B test -Dtest=SoakTest -Dsoak.pages=20000} (see README, Development).
 */
class SoakTest {
    private static final int PAGES = Integer.getInteger("soak.pages", 1_000);
    private static final long SEED = Long.getLong("soak.seed", 42);

    @Test
    void everyAdmittedUrlYieldsExactlyOneRecordAndNothingLeaks() throws IOException {
        long fdsBefore = openFileDescriptors();
        CrawlRun.Result result;
        long started = System.nanoTime();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new MisbehavingSite(SEED));
            server.start();
            result = CrawlRun.crawl(TestConfig.with(c -> c.maxDepth(1000).concurrency(16).perHost(16)
                    .timeout(Duration.ofMillis(500)).retries(1).ignoreRobots()), server.url("/p0"));
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        Map<String, JsonNode> records = result.byUrl(); // fails on a URL recorded twice
        Set<String> admitted = new HashSet<>();
        for (JsonNode record : records.values()) {
            record.get("links").forEach(link -> admitted.add(link.asText()));
        }
        admitted.add(records.keySet().iterator().next()); // the seed
        assertEquals(admitted, records.keySet(), "every link found was crawled, and nothing else");
        long failed = records.values().stream().filter(r -> !r.get("error").isNull()).count();
        assertTrue(failed > 0, "the site did misbehave");
        System.out.println("soak summary: " + result.outcome().summary());
        // Not a speed target: it catches a crawl paced when it should not be (held to the default
        // 250 ms between requests, its 975 requests take at least 244 s, however fast the machine).
        // As configured 1,000 pages take 6-13 s alone but up to 56 s beside other builds on two CPUs,
        // past the old bound of 30 s + 1 s per 50 pages: the stalls slow the host down, more often
        // when the other answers are slow too.
        assertTrue(seconds < PAGES / 5, "took " + seconds + "s");
        long fdsAfter = openFileDescriptors();
        assertTrue(fdsAfter <= fdsBefore + 8, "file descriptors " + fdsBefore + " before, " + fdsAfter + " after");
        System.out.printf("soak: %d pages, %d with errors, %ds, fds %d -> %d%n", records.size(), failed, seconds,
                fdsBefore, fdsAfter);
    }

    private static long openFileDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Page i links to 2i+1 and 2i+2 (so all are reachable) and two random pages; one in ten misbehaves. */
    private static final class MisbehavingSite extends Dispatcher {
        private final long seed;

        MisbehavingSite(long seed) {
            this.seed = seed;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            int page = Integer.parseInt(request.getUrl().encodedPath().substring(2));
            Random random = new Random(seed * 31 + page);
            if (random.nextInt(10) == 0) {
                return switch (random.nextInt(4)) {
                    case 0 -> new MockResponse.Builder().onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                            .body("<title>cut</title>" + "x".repeat(10_000)).build();
                    case 1 -> new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).build();
                    // 500, 502, 504; not 503, which asks trawl to back off (PacingCrawlTest) and would
                    // turn this test into a test of patience.
                    case 2 -> new MockResponse.Builder().code(new int[] {500, 502, 504}[random.nextInt(3)]).build();
                    default -> new MockResponse.Builder().addHeader("Content-Type", "text/html")
                            .body(garbage(random)).build();
                };
            }
            StringBuilder body = new StringBuilder("<title>page ").append(page).append("</title>");
            for (int child : new int[] {2 * page + 1, 2 * page + 2, random.nextInt(PAGES), random.nextInt(PAGES)}) {
                if (child < PAGES) {
                    body.append("<a href=\"/p").append(child).append("\">").append(child).append("</a>");
                }
            }
            return new MockResponse.Builder().addHeader("Content-Type", "text/html").body(body.toString()).build();
        }

        private static String garbage(Random random) {
            StringBuilder junk = new StringBuilder();
            for (int i = 0; i < 2_000; i++) {
                junk.append((char) random.nextInt(0x3000));
            }
            return junk.toString();
        }
    }
}
