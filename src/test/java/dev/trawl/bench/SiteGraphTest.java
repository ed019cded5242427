package dev.trawl.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SiteGraphTest {
    private static final SiteGraph LAB = new SiteGraph(5000, 10); // site_server.go -n 5000 -k 10

    @Test
    void theSameSeedGivesTheSameGraph() {
        SiteGraph a = new SiteGraph(2000, 10);
        SiteGraph b = new SiteGraph(2000, 10);
        SiteGraph other = new SiteGraph(2000, 10, SiteGraph.DEFAULT_PAGE_SIZE, 43);
        SiteGraph bigPages = new SiteGraph(2000, 10, 20000, SiteGraph.DEFAULT_SEED);
        boolean differs = false;
        for (int i = 0; i < 2000; i++) {
            assertArrayEquals(a.links(i), b.links(i));
            assertArrayEquals(a.links(i), bigPages.links(i), "the page size must not change the graph");
            differs |= !Arrays.equals(a.links(i), other.links(i));
        }
        assertTrue(differs);
    }

    @Test
    void linksAreTreeChildrenThenEarlierPagesThenADuplicate() {
        int n = 5000;
        SiteGraph site = LAB;
        for (int i = 0; i < n; i++) {
            int[] links = site.links(i);
            assertEquals(10, links.length); // K=10: the tree links, 7 drawn ones, 1 repeat
            if (2 * i + 2 < n) {
                assertEquals(2 * i + 1, links[0]);
                assertEquals(2 * i + 2, links[1]);
            }
            int bound = Math.min(n, 2 * i + 3);
            boolean repeat = false;
            for (int j = 0; j < links.length; j++) {
                assertTrue(links[j] >= 0 && links[j] < bound);
                repeat |= j < links.length - 1 && links[j] == links[links.length - 1];
            }
            assertTrue(repeat, "the last link repeats an earlier one");
        }
    }

    @Test
    void everyPageIsReachableAtDepthFloorLog2() {
        int n = 5000;
        SiteGraph site = LAB;
        int[] depth = new int[n];
        Arrays.fill(depth, -1);
        depth[0] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        while (!queue.isEmpty()) {
            int p = queue.poll();
            for (int t : site.links(p)) {
                if (depth[t] < 0) {
                    depth[t] = depth[p] + 1;
                    queue.add(t);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(SiteGraph.depth(i), depth[i]);
            assertEquals((int) Math.floor(Math.log(i + 1) / Math.log(2) + 1e-9), depth[i]);
        }
        assertEquals(12, SiteGraph.depth(n - 1));
    }

    @Test
    void pagesAreByteForByteThoseOfSiteServerGo() throws Exception {
        // From the lab's server: bin/site_server -n 5000 -k 10, then
        // curl -H 'Host: example:1' http://127.0.0.1:PORT/p/7.html | sha256sum, and the SHA-256
        // of pages 0..999 fetched in order and hashed as one stream.
        SiteGraph site = LAB;
        byte[] host = "example:1".getBytes(StandardCharsets.US_ASCII);
        SiteGraph.PageBuffer page = new SiteGraph.PageBuffer(64);
        site.render(7, host, page);
        String html = new String(page.bytes, 0, page.length, StandardCharsets.US_ASCII);
        assertTrue(html.contains("<title>Page 7</title>") && html.contains("href=\"http://example:1/p/3.html\""));
        assertEquals("9d4b5d69b362ee9b31ddc5e07c313efdb5af769518a36c551466d90a0986a165", sha256(page));

        MessageDigest all = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 1000; i++) {
            page.length = 0;
            site.render(i, host, page);
            assertTrue(page.length >= 4096 && page.length < 8192 + 1024);
            all.update(page.bytes, 0, page.length);
        }
        assertEquals("4b022ccd5620f29bd6570ab5f5e58a46e08741fc144be3c0a7c0b89fadede85f",
                HexFormat.of().formatHex(all.digest()));
    }

    @Test
    void aFewLinksPerPageStillReachEveryPage() {
        SiteGraph site = new SiteGraph(100, 2);
        for (int i = 0; i < 100; i++) {
            assertFalse(site.links(i).length > 2);
        }
        assertEquals(100, IdealCrawl.crawl(site, 4, 1).pages());
    }

    private static String sha256(SiteGraph.PageBuffer b) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(b.bytes, 0, b.length);
        return HexFormat.of().formatHex(md.digest());
    }
}
