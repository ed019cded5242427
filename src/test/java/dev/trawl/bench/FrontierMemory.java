package dev.trawl.bench;

import dev.trawl.frontier.LocalFrontier;
import dev.trawl.frontier.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap bytes per queued-but-unfetched URL in the in-memory frontier, URL text included: a seed page
 * "fetched" with N distinct links, all kept in memory; heap measured after full collections before
 * the links exist and after only the frontier holds them.
 * Usage: {@code target/java -cp target/test-classes:target/trawl.jar dev.trawl.bench.FrontierMemory [N]}.
 * The URLs look like a real site's: {@code https://www.example.com/section/7/article-12345.html}
 * (about 55 characters).
 */
public final class FrontierMemory {
    private FrontierMemory() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        LocalFrontier frontier = new LocalFrontier(5, count + 1);
        frontier.addSeed("https://www.example.com/");
        Task seed = frontier.poll(host -> true);
        long before = usedAfterGc();
        List<String> links = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            links.add("https://www.example.com/section/" + (i % 50) + "/article-" + i + ".html");
        }
        double averageLength = links.stream().mapToInt(String::length).average().orElse(0);
        try (frontier) {
            // The frontier keeps the link strings themselves (no copy), so they count as its memory.
            frontier.complete(seed, links);
            links = null; // from here on only the frontier holds the URLs
            long after = usedAfterGc();
            System.out.printf("%,d URLs queued (average %.0f characters): %,d bytes of heap, %.0f bytes per URL%n",
                    frontier.waiting(), averageLength, after - before, (after - before) / (double) frontier.waiting());
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50); // lets the collector finish reference processing; this is a measurement, not a test
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
