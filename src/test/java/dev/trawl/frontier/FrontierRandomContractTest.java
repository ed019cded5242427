package dev.trawl.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the frontier the way concurrent fetchers do (pages finishing in any order, hosts busy at
 * random, a tiny memory) over a random link graph, and checks the outcome against a breadth-first
 * search: every URL within max depth of a seed is handed out exactly once, and no other. Run
 * against each implementation through its {@link FrontierFactory}.
 */
@Timeout(60)
public abstract class FrontierRandomContractTest {
    private static final String[] HOSTS = {"http://a.test/", "https://b.test:8443/", "http://c.test:8080/"};
    private static final int NODES = 2000;

    private record Graph(String[] urls, int[][] links, int[] seeds) {
    }

    private FrontierFactory factory;

    /** The implementation under test. */
    protected abstract FrontierFactory newFactory();

    @BeforeEach
    void openFactory() {
        factory = newFactory();
    }

    @AfterEach
    void closeFactory() {
        factory.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void handsOutExactlyTheUrlsWithinMaxDepthOfASeedEachOnce(long seed) throws IOException {
        Random random = new Random(seed);
        Graph graph = graph(random);
        int maxDepth = 3 + random.nextInt(6);
        int capacity = 1 + random.nextInt(8);
        int maxInFlight = 8 + random.nextInt(40);
        // how often each host is ready: a slow host's pages finish late, after longer paths got ahead
        double[] readiness = random.doubles(HOSTS.length, 0.05, 1).toArray();
        int[] distance = distances(graph);
        String scenario = "seed " + seed + ", max depth " + maxDepth + ", memory " + capacity + ", in flight "
                + maxInFlight;

        Map<String, Integer> node = new HashMap<>();
        for (int i = 0; i < NODES; i++) {
            node.put(graph.urls()[i], i);
        }
        Set<Integer> handedOut = new HashSet<>();
        List<Task> inFlight = new ArrayList<>();
        Set<String> slow = new HashSet<>();
        int late = 0;
        int relaxed = 0;
        Map<String, Integer> depthWhenHandedOut = new HashMap<>();
        try (Frontier frontier = factory.create(OptionalInt.of(maxDepth), capacity, Admission.ALL)) {
            for (int s : graph.seeds()) {
                assertTrue(frontier.addSeed(graph.urls()[s]));
            }
            assertFalse(frontier.addSeed(graph.urls()[graph.seeds()[0]]));
            while (true) {
                Task task = null;
                if (inFlight.size() < maxInFlight && (inFlight.isEmpty() || random.nextInt(3) > 0)) {
                    Set<String> ready = new HashSet<>();
                    for (int h = 0; h < HOSTS.length; h++) {
                        if (random.nextDouble() < readiness[h]) {
                            ready.add(HostKey.of(HOSTS[h]));
                        }
                    }
                    task = frontier.poll(ready::contains);
                    if (task != null) {
                        assertTrue(ready.contains(task.host()), scenario + ": " + task + " from a host not ready");
                    } else if (inFlight.isEmpty()) {
                        task = frontier.poll(host -> true);
                        if (task == null) {
                            break;
                        }
                    }
                }
                if (task != null) {
                    int i = node.get(task.url());
                    assertTrue(handedOut.add(i), scenario + ": handed out twice: " + task);
                    assertEquals(HostKey.of(task.url()), task.host());
                    assertTrue(task.depth() <= maxDepth, scenario + ": beyond max depth: " + task);
                    assertTrue(task.depth() >= distance[i], scenario + ": shorter than possible: " + task);
                    if (task.depth() > distance[i]) {
                        late++;
                    }
                    if (task.parent() != null && depthWhenHandedOut.get(task.parent()) + 1 != task.depth()) {
                        relaxed++;
                    }
                    depthWhenHandedOut.put(task.url(), task.depth());
                    if (task.parent() == null) {
                        assertEquals(0, task.depth(), scenario + ": " + task);
                    } else {
                        int parent = node.get(task.parent());
                        assertTrue(handedOut.contains(parent), scenario + ": parent not fetched: " + task);
                        assertTrue(Arrays.stream(graph.links()[parent]).anyMatch(l -> l == i),
                                scenario + ": parent does not link it: " + task);
                    }
                    inFlight.add(task);
                    if (random.nextInt(5) == 0) {
                        slow.add(task.url());
                    }
                } else {
                    // The deepest first half the time (depth-first progress finds long paths before short ones);
                    // slow pages (one in five) finish only now and then, after what they link to was found deeper.
                    int pick = random.nextBoolean() ? deepest(inFlight) : random.nextInt(inFlight.size());
                    for (int tries = 0; tries < inFlight.size() && slow.contains(inFlight.get(pick).url())
                            && random.nextInt(30) > 0; tries++) {
                        pick = (pick + 1) % inFlight.size();
                    }
                    Task done = inFlight.remove(pick);
                    int[] links = graph.links()[node.get(done.url())];
                    List<String> urls = new ArrayList<>(links.length);
                    for (int link : links) {
                        urls.add(graph.urls()[link]);
                    }
                    frontier.complete(done, urls);
                }
            }
            assertEquals(0, frontier.waiting(), scenario);
            assertNull(frontier.poll(host -> true), scenario);

            Set<Integer> reachable = new HashSet<>();
            for (int i = 0; i < NODES; i++) {
                if (distance[i] <= maxDepth) {
                    reachable.add(i);
                }
            }
            Set<Integer> missing = new HashSet<>(reachable);
            missing.removeAll(handedOut);
            assertEquals(Set.of(), missing, scenario + ": within max depth but never handed out (" + late
                    + " handed out deeper than their distance, " + relaxed + " after their parent's depth improved)");
            assertEquals(reachable, handedOut, scenario);
            assertEquals(reachable.size(), factory.known(frontier), scenario);
            assertTrue(reachable.size() > 20, scenario + ": the graph reached only " + reachable.size());
            assertTrue(reachable.size() < NODES, scenario + ": max depth cut nothing");
        }
    }

    private static int deepest(List<Task> tasks) {
        int deepest = 0;
        for (int i = 1; i < tasks.size(); i++) {
            if (tasks.get(i).depth() > tasks.get(deepest).depth()) {
                deepest = i;
            }
        }
        return deepest;
    }

    /** Mostly short hops to nearby nodes (long chains, so max depth matters), some long jumps, duplicates and self-links. */
    private static Graph graph(Random random) {
        String[] urls = new String[NODES];
        int[][] links = new int[NODES][];
        for (int i = 0; i < NODES; i++) {
            urls[i] = HOSTS[random.nextInt(HOSTS.length)] + "page/" + i;
            int degree = 1 + random.nextInt(4);
            links[i] = new int[degree];
            for (int d = 0; d < degree; d++) {
                links[i][d] = random.nextInt(10) < 7 ? (i + 1 + random.nextInt(30)) % NODES : random.nextInt(NODES);
            }
        }
        int[] seeds = random.ints(0, NODES).distinct().limit(1 + random.nextInt(3)).toArray();
        return new Graph(urls, links, seeds);
    }

    private static int[] distances(Graph graph) {
        int[] distance = new int[NODES];
        Arrays.fill(distance, Integer.MAX_VALUE);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s : graph.seeds()) {
            distance[s] = 0;
            queue.add(s);
        }
        while (!queue.isEmpty()) {
            int n = queue.poll();
            for (int link : graph.links()[n]) {
                if (distance[link] == Integer.MAX_VALUE) {
                    distance[link] = distance[n] + 1;
                    queue.add(link);
                }
            }
        }
        return distance;
    }
}
