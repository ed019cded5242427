package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A random site (seeded, so a failure can be replayed) with random response times and some
 * broken links, crawled with a small frontier: every URL within the depth limit of the seed gets
 * exactly one record and exactly one request, and nothing beyond the limit is touched.
 */
class RandomSiteTest {
    private static final int PAGES = 400;
    private static final int MAX_DEPTH = 4;

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void everyReachableUrlYieldsExactlyOneRecord(long seed) {
        Random random = new Random(seed);
        Map<Integer, List<Integer>> links = new HashMap<>();
        FakeSite site = new FakeSite();
        for (int page = 0; page < PAGES; page++) {
            List<Integer> targets = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                targets.add(random.nextInt(PAGES + 20)); // ids past PAGES are broken links
            }
            links.put(page, targets);
            String[] hrefs = targets.stream().map(t -> (t % 3 == 0 ? "./" : "/") + "p" + t + ".html#s" + t % 5)
                    .toArray(String[]::new);
            long delayMillis = random.nextInt(15);
            MockResponse response = new MockResponse.Builder(FakeSite.html("page " + page, hrefs))
                    .headersDelay(delayMillis, TimeUnit.MILLISECONDS).build();
            site.fixed("/p" + page + ".html", response);
        }
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.maxDepth(MAX_DEPTH).frontierMemory(7)
                .concurrency(12).perHost(12)), server.url("/p0.html"));

        Map<Integer, Integer> expected = breadthFirst(links);
        Map<String, JsonNode> records = result.byUrl();
        assertEquals(expected.size(), records.size(), "one record per reachable URL");
        for (Map.Entry<Integer, Integer> page : expected.entrySet()) {
            String path = "/p" + page.getKey() + ".html";
            JsonNode record = records.get(server.url(path).toString());
            assertTrue(record != null, "a record for " + path);
            assertEquals(1, site.hits(path), "one request for " + path);
            int depth = record.get("depth").asInt();
            assertTrue(depth >= page.getValue() && depth <= MAX_DEPTH, path + " at depth " + depth);
            assertEquals(page.getKey() < PAGES ? 200 : 404, record.get("status").asInt());
        }
        assertEquals(expected.size(), site.pageHits(), "nothing beyond the depth limit was requested");
        assertEquals(StopReason.DRAINED, result.outcome().reason());
    }

    private static Map<Integer, Integer> breadthFirst(Map<Integer, List<Integer>> links) {
        Map<Integer, Integer> depth = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        depth.put(0, 0);
        queue.add(0);
        while (!queue.isEmpty()) {
            int page = queue.poll();
            if (depth.get(page) == MAX_DEPTH) {
                continue;
            }
            for (int target : links.getOrDefault(page, List.of())) {
                if (!depth.containsKey(target)) {
                    depth.put(target, depth.get(page) + 1);
                    queue.add(target);
                }
            }
        }
        return depth;
    }
}
