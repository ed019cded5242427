package dev.trawl.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A random site of three hosts for crawls without a network: mostly short hops to nearby pages (long
 * chains, so max depth matters), some long jumps, duplicates and self-links. The same seed gives the
 * same graph in every process.
 */
final class LinkGraph {
    private static final String[] HOSTS = {"http://a.test/", "https://b.test:8443/", "http://c.test:8080/"};

    final String[] urls;
    final int[][] links;
    final int[] seeds;
    private final Map<String, Integer> index = new HashMap<>();

    LinkGraph(long seed, int nodes, int maxLinks) {
        Random random = new Random(seed);
        urls = new String[nodes];
        links = new int[nodes][];
        for (int i = 0; i < nodes; i++) {
            urls[i] = HOSTS[random.nextInt(HOSTS.length)] + "page/" + i;
            index.put(urls[i], i);
            int degree = 1 + random.nextInt(maxLinks);
            links[i] = new int[degree];
            for (int d = 0; d < degree; d++) {
                links[i][d] = random.nextInt(10) < 7 ? (i + 1 + random.nextInt(30)) % nodes : random.nextInt(nodes);
            }
        }
        seeds = random.ints(0, nodes).distinct().limit(1 + random.nextInt(3)).toArray();
    }

    List<String> linksOf(String url) {
        int[] targets = links[index.get(url)];
        List<String> out = new ArrayList<>(targets.length);
        for (int target : targets) {
            out.add(urls[target]);
        }
        return out;
    }

    /** The URLs within {@code maxDepth} links of a seed, sorted. */
    Set<String> reachable(int maxDepth) {
        int[] distance = new int[urls.length];
        Arrays.fill(distance, Integer.MAX_VALUE);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s : seeds) {
            distance[s] = 0;
            queue.add(s);
        }
        Set<String> reached = new TreeSet<>();
        while (!queue.isEmpty()) {
            int n = queue.poll();
            if (distance[n] > maxDepth) {
                continue;
            }
            reached.add(urls[n]);
            for (int link : links[n]) {
                if (distance[link] == Integer.MAX_VALUE) {
                    distance[link] = distance[n] + 1;
                    queue.add(link);
                }
            }
        }
        return reached;
    }
}
