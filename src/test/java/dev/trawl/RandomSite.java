package dev.trawl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A random site for MockWebServer, the same for the same seed: page 0 is {@code /}, page i is
 * {@code /p/i}. Every page but the root hangs under an earlier page picked at random (a random
 * tree, so every page is reachable from {@code /}), and every page also links to a few pages
 * anywhere (cross links: shorter paths, cycles, self-links, duplicates). Each answer waits a
 * small delay of its own. Every other path is 404.
 *
 * <p>The site counts the requests for each page, and which run (set by {@link #beginRun}) last
 * asked for it; a waiter can block until a number of requests has arrived in the current run.
 */
final class RandomSite extends Dispatcher {
    private static final Pattern PAGE = Pattern.compile("/p/(\\d{1,9})");

    private final int[][] links;
    private final int[] delayMillis;
    private final int[] distance;
    private final AtomicIntegerArray hits;
    private final AtomicIntegerArray lastRun;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private int run;
    private long requestsThisRun;
    private long requests;

    /**
     * @param crossLinks     links per page to random pages, besides its children in the tree
     * @param maxDelayMillis each page's answer waits 0 to this many milliseconds (fixed per page)
     */
    RandomSite(long seed, int pages, int crossLinks, int maxDelayMillis) {
        Random random = new Random(seed);
        List<List<Integer>> children = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            children.add(new ArrayList<>());
        }
        for (int i = 1; i < pages; i++) {
            children.get(random.nextInt(i)).add(i);
        }
        links = new int[pages][];
        delayMillis = new int[pages];
        for (int i = 0; i < pages; i++) {
            List<Integer> out = new ArrayList<>(children.get(i));
            for (int c = 0; c < crossLinks; c++) {
                out.add(random.nextInt(pages));
            }
            // Shuffled, so that children and cross links interleave in the document.
            Collections.shuffle(out, random);
            links[i] = out.stream().mapToInt(Integer::intValue).toArray();
            delayMillis[i] = random.nextInt(maxDelayMillis + 1);
        }
        distance = distances(links);
        hits = new AtomicIntegerArray(pages);
        lastRun = new AtomicIntegerArray(pages);
    }

    int pages() {
        return links.length;
    }

    static String path(int page) {
        return page == 0 ? "/" : "/p/" + page;
    }

    /** The page at {@code path}, or -1. */
    int page(String path) {
        if (path.equals("/")) {
            return 0;
        }
        Matcher m = PAGE.matcher(path);
        if (!m.matches()) {
            return -1;
        }
        int page = Integer.parseInt(m.group(1));
        return page > 0 && page < links.length ? page : -1;
    }

    /** The distinct pages {@code page} links to. */
    Set<Integer> linksOf(int page) {
        Set<Integer> out = new LinkedHashSet<>();
        for (int target : links[page]) {
            out.add(target);
        }
        return out;
    }

    /** Link hops from {@code /} to the page on the shortest path. */
    int distance(int page) {
        return distance[page];
    }

    int maxDistance() {
        return Arrays.stream(distance).max().orElse(0);
    }

    /** Requests for the page so far, in every run. */
    int hits(int page) {
        return hits.get(page);
    }

    /** The last run (numbered by {@link #beginRun}) that asked for the page; 0 if none did. */
    int lastRun(int page) {
        return lastRun.get(page);
    }

    long requests() {
        lock.lock();
        try {
            return requests;
        } finally {
            lock.unlock();
        }
    }

    /** Requests since {@link #beginRun}. */
    long requestsThisRun() {
        lock.lock();
        try {
            return requestsThisRun;
        } finally {
            lock.unlock();
        }
    }

    /** Starts counting requests for run {@code number}: call before starting its process. */
    void beginRun(int number) {
        lock.lock();
        try {
            run = number;
            requestsThisRun = 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code count} requests have arrived since {@link #beginRun}, or for at most
     * {@code sliceNanos}: returns whether they have, so the caller can check on its process between slices.
     */
    boolean awaitRequests(long count, long sliceNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = sliceNanos;
            while (requestsThisRun < count && left > 0) {
                left = arrived.awaitNanos(left);
            }
            return requestsThisRun >= count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        int page = page(request.getUrl().encodedPath());
        lock.lock();
        try {
            requests++;
            requestsThisRun++;
            if (page >= 0) {
                hits.incrementAndGet(page);
                lastRun.set(page, run);
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        if (page < 0 || request.getUrl().encodedQuery() != null) {
            return new MockResponse.Builder().code(404).body("not found").build();
        }
        String[] paths = Arrays.stream(links[page]).mapToObj(RandomSite::path).toArray(String[]::new);
        return ScriptedSite.html("Page " + page, paths).headersDelay(delayMillis[page], TimeUnit.MILLISECONDS).build();
    }

    private static int[] distances(int[][] links) {
        int[] distance = new int[links.length];
        Arrays.fill(distance, Integer.MAX_VALUE);
        distance[0] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
        while (!queue.isEmpty()) {
            int page = queue.poll();
            for (int target : links[page]) {
                if (distance[target] == Integer.MAX_VALUE) {
                    distance[target] = distance[page] + 1;
                    queue.add(target);
                }
            }
        }
        return distance;
    }
}
