package dev.trawl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IdealCrawlTest {
    private static final long MS = 1_000_000;

    private static int[][] binaryTree(int n) {
        int[][] links = new int[n][];
        for (int i = 0; i < n; i++) {
            links[i] = java.util.stream.IntStream.of(2 * i + 1, 2 * i + 2).filter(c -> c < n).toArray();
        }
        return links;
    }

    @Test
    void aChainOfThreePagesTakesThreeLatencies() {
        int[][] chain = {{1}, {2}, {}};
        IdealCrawl.Result r = IdealCrawl.crawl(3, p -> chain[p], 0, 4, 10 * MS);
        assertEquals(30 * MS, r.nanos());
        assertEquals(3, r.pages());
    }

    @Test
    void oneRequestInFlightTakesOneLatencyPerPage() {
        int[][] tree = binaryTree(15);
        assertEquals(15 * 10 * MS, IdealCrawl.crawl(15, p -> tree[p], 0, 1, 10 * MS).nanos());
    }

    @Test
    void roomForTheWidestLevelTakesOneLatencyPerLevel() {
        int[][] tree = binaryTree(15); // levels of 1, 2, 4, 8 pages
        assertEquals(4 * 10 * MS, IdealCrawl.crawl(15, p -> tree[p], 0, 8, 10 * MS).nanos());
        assertEquals(4 * 10 * MS, IdealCrawl.crawl(15, p -> tree[p], 0, 1000, 10 * MS).nanos());
    }

    @Test
    void aNarrowCapOverlapsLevels() {
        // C=2 on 7 pages: 0 | 1,2 | 3,4 (found by 1, both started at t=2) | 5,6 -> 4 latencies
        int[][] tree = binaryTree(7);
        assertEquals(4 * MS, IdealCrawl.crawl(7, p -> tree[p], 0, 2, MS).nanos());
        // C=3: 0 | 1,2 | 3,4,5 | 6 -> 4 latencies, although 7 pages / 3 would suggest 3
        assertEquals(4 * MS, IdealCrawl.crawl(7, p -> tree[p], 0, 3, MS).nanos());
    }

    @Test
    void aPageLinkedMoreThanOnceIsFetchedOnce() {
        int[][] diamond = {{1, 2, 0}, {3}, {3, 0, 1}, {}, {}}; // page 4 is unreachable
        IdealCrawl.Result r = IdealCrawl.crawl(5, p -> diamond[p], 0, 1, MS);
        assertEquals(4, r.pages());
        assertEquals(4 * MS, r.nanos());
    }

    @Test
    void matchesIdealPyOnTheLabSite() {
        // python3 /work/shared/bench/ideal.py 5000 64 50  -> 4.200 s; ... 5000 256 50 -> 1.350 s
        SiteGraph site = new SiteGraph(5000, 10);
        assertEquals(4200 * MS, IdealCrawl.crawl(site, 64, 50 * MS).nanos());
        assertEquals(1350 * MS, IdealCrawl.crawl(site, 256, 50 * MS).nanos());
        assertEquals(5000, IdealCrawl.crawl(site, 64, 50 * MS).pages());
    }
}
