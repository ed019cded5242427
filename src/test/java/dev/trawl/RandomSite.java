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
 * small delay of its own and carries an ETag; a request whose If-None-Match matches gets a 304.
 * Every other path is 404. {@link #edit} changes the site between two crawls.
 *
 * <p>The site counts the requests for each page, and which run (set by {@link #beginRun}) last
 * asked for it; a waiter can block until a number of requests has arrived in the current run, or
 * until one of some pages has been asked for.
 */
final class RandomSite extends Dispatcher {
    private static final Pattern PAGE = Pattern.compile("/p/(\\d{1,9})");

    /** Guarded by {@link #lock} once the server runs: {@link #edit} changes them between crawls. */
    private final int[][] links;
    private final int[] versions;
    private final boolean[] removed;
    private final int[] delayMillis;
    private int[] distance;
    private final AtomicIntegerArray hits;
    private final AtomicIntegerArray lastRun;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    /** Pages whose answers wait until {@link #release}; empty when none. */
    private Set<Integer> held = Set.of();
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
        versions = new int[pages];
        removed = new boolean[pages];
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
        distance = distances(links, removed);
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

    /** The distinct pages {@code page} links to now (none when it is removed). */
    Set<Integer> linksOf(int page) {
        lock.lock();
        try {
            Set<Integer> out = new LinkedHashSet<>();
            for (int target : removed[page] ? new int[0] : links[page]) {
                out.add(target);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Link hops from {@code /} to the page on the shortest path now; {@link Integer#MAX_VALUE} when nothing reaches it. */
    int distance(int page) {
        lock.lock();
        try {
            return distance[page];
        } finally {
            lock.unlock();
        }
    }

    int maxDistance() {
        lock.lock();
        try {
            return Arrays.stream(distance).filter(d -> d != Integer.MAX_VALUE).max().orElse(0);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the page is gone (404) since {@link #edit}. */
    boolean removed(int page) {
        lock.lock();
        try {
            return removed[page];
        } finally {
            lock.unlock();
        }
    }

    /** Whether the page's links changed in {@link #edit}. */
    boolean edited(int page) {
        lock.lock();
        try {
            return versions[page] > 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Edits the site between two crawls, as a recrawl should find it: {@code edits} pages other than
     * {@code /} picked at random get new links (as many as before, to random pages), so the pages
     * that hung under them may now be reached another way or not at all; {@code removals} other
     * pages are gone (404). An edited page's ETag changes.
     */
    void edit(long seed, int edits, int removals) {
        Random random = new Random(seed);
        lock.lock();
        try {
            for (int done = 0; done < edits; ) {
                int page = 1 + random.nextInt(links.length - 1);
                if (versions[page] == 0) {
                    links[page] = random.ints(links[page].length, 0, links.length).toArray();
                    versions[page]++;
                    done++;
                }
            }
            for (int done = 0; done < removals; ) {
                int page = 1 + random.nextInt(links.length - 1);
                if (versions[page] == 0 && !removed[page]) {
                    removed[page] = true;
                    done++;
                }
            }
            distance = distances(links, removed);
        } finally {
            lock.unlock();
        }
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

    /** Holds every answer for {@code pages} (the requests still count) until {@link #release}. */
    void hold(Set<Integer> pages) {
        lock.lock();
        try {
            held = Set.copyOf(pages);
        } finally {
            lock.unlock();
        }
    }

    /** Lets held answers go. */
    void release() {
        lock.lock();
        try {
            held = Set.of();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until one of {@code pages} has been asked for since {@link #beginRun}, or for at most
     * {@code sliceNanos}: returns whether one has.
     */
    boolean awaitRequestFor(Set<Integer> pages, long sliceNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = sliceNanos;
            while (pages.stream().noneMatch(page -> lastRun.get(page) == run) && left > 0) {
                left = arrived.awaitNanos(left);
            }
            return pages.stream().anyMatch(page -> lastRun.get(page) == run);
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
        int[] out;
        String etag;
        lock.lock();
        try {
            requests++;
            requestsThisRun++;
            if (page >= 0) {
                hits.incrementAndGet(page);
                lastRun.set(page, run);
            }
            arrived.signalAll();
            while (held.contains(page)) {
                arrived.awaitUninterruptibly();
            }
            if (page < 0 || removed[page] || request.getUrl().encodedQuery() != null) {
                return new MockResponse.Builder().code(404).body("not found").build();
            }
            out = links[page];
            etag = "\"" + page + "-" + versions[page] + "\"";
        } finally {
            lock.unlock();
        }
        if (etag.equals(request.getHeaders().get("If-None-Match"))) {
            return new MockResponse.Builder().code(304).addHeader("ETag", etag)
                    .headersDelay(delayMillis[page], TimeUnit.MILLISECONDS).build();
        }
        String[] paths = Arrays.stream(out).mapToObj(RandomSite::path).toArray(String[]::new);
        return ScriptedSite.html("Page " + page, paths).addHeader("ETag", etag)
                .headersDelay(delayMillis[page], TimeUnit.MILLISECONDS).build();
    }

    private static int[] distances(int[][] links, boolean[] removed) {
        int[] distance = new int[links.length];
        Arrays.fill(distance, Integer.MAX_VALUE);
        distance[0] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
        while (!queue.isEmpty()) {
            int page = queue.poll();
            for (int target : removed[page] ? new int[0] : links[page]) {
                if (distance[target] == Integer.MAX_VALUE) {
                    distance[target] = distance[page] + 1;
                    queue.add(target);
                }
            }
        }
        return distance;
    }
}
