package dev.trawl.frontier;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The frontier of one process: URLs queued per host in memory up to a capacity, the rest in a
 * temporary file in arrival order, and every known URL in a {@link SeenTable}.
 *
 * <p>Once anything has spilled, new URLs go to disk too until the file is drained, so the crawl
 * stays breadth-first across the boundary. Offering never blocks: a fetcher finishing a page
 * must never wait on a queue that only fetchers drain.
 *
 * <p>Depth relaxation: links of fetched pages are remembered by fingerprint, and links cut off by
 * {@code --max-depth} by string on disk. When a shorter path to a fetched page turns up (a slow
 * page finishing late), the improvement is pushed through those links, and cut-off links that are
 * now within reach are queued. Only pages at depth 2 or more keep links: seeds are all added
 * before the first poll, so a page at depth 1 cannot get any closer to a seed. Without a depth limit
 * nothing is cut, but the links are still kept: they carry a shorter path on to pages not yet fetched,
 * whose records must show the shortest depth known. Memory follows the pages, whatever the limit.
 */
public final class LocalFrontier implements Frontier {
    private final ReentrantLock lock = new ReentrantLock();
    private final OptionalInt maxDepth;
    private final int memoryCapacity;
    private final Admission admission;
    private final SeenTable seen = new SeenTable();
    private final HostQueues memory = new HostQueues();

    private RecordFile spill;
    private long spillReadOffset;
    private long spillWaiting;
    private long spilledTotal;

    private RecordFile cutLinks;
    private final Map<Long, Long> cutOffsets = new HashMap<>();
    /** Redirect target fingerprint to the fingerprint of the page whose fetch ended there. */
    private final Map<Long, Long> redirectedFrom = new HashMap<>();

    /** A frontier that follows links at most {@code maxDepth} hops from the seeds and admits every link. */
    public LocalFrontier(int maxDepth, int memoryCapacity) {
        this(OptionalInt.of(maxDepth), memoryCapacity, Admission.ALL);
    }

    /**
     * @param maxDepth  link hops followed from the seeds; empty for no limit
     * @param admission asked about each link new to the crawl before it is queued (not about seeds)
     */
    public LocalFrontier(OptionalInt maxDepth, int memoryCapacity, Admission admission) {
        if (memoryCapacity < 1) {
            throw new IllegalArgumentException("memoryCapacity must be >= 1");
        }
        this.maxDepth = Frontier.checkMaxDepth(maxDepth);
        this.memoryCapacity = memoryCapacity;
        this.admission = admission;
    }

    @Override
    public boolean addSeed(String url) {
        lock.lock();
        try {
            long fingerprint = UrlFingerprint.of(url);
            int slot = seen.find(fingerprint);
            if (slot >= 0) {
                if (seen.depth(slot) > 0) {
                    relax(fingerprint, 0);
                }
                return false;
            }
            seen.insert(fingerprint, 0, SeenTable.QUEUED);
            enqueue(url, null);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Task poll(Predicate<String> hostReady) {
        lock.lock();
        try {
            refill();
            HostQueues.Entry entry = memory.poll(hostReady);
            if (entry == null) {
                return null;
            }
            int slot = seen.find(UrlFingerprint.of(entry.url()));
            seen.state(slot, SeenTable.TAKEN);
            return new Task(entry.url(), HostKey.of(entry.url()), seen.depth(slot), entry.parent());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean claim(String target, Task via) {
        lock.lock();
        try {
            long fingerprint = UrlFingerprint.of(target);
            long viaFingerprint = UrlFingerprint.of(via.url());
            int viaDepth = seen.depth(seen.find(viaFingerprint));
            if (seen.find(fingerprint) >= 0) {
                relax(fingerprint, viaDepth); // the redirect may be the shorter path to it
                return false;
            }
            seen.insert(fingerprint, viaDepth, SeenTable.DONE);
            redirectedFrom.put(fingerprint, viaFingerprint);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void complete(Task task, List<String> links) {
        lock.lock();
        try {
            long page = UrlFingerprint.of(task.url());
            int slot = seen.find(page);
            seen.state(slot, SeenTable.DONE);
            int depth = seen.depth(slot);
            long[] edges = new long[links.size()];
            int edgeCount = 0;
            String[] cut = new String[links.size() + 1];
            int cutCount = 0;
            for (String link : links) {
                long fingerprint = UrlFingerprint.of(link);
                int known = seen.find(fingerprint);
                if (known < 0 && !Frontier.linksWithin(maxDepth, depth)) {
                    cut[++cutCount] = link;
                    continue;
                }
                if (known < 0) {
                    if (!admission.admit(link)) {
                        continue; // refused for good: a trap guard or a budget, counted there
                    }
                    seen.insert(fingerprint, depth + 1, SeenTable.QUEUED);
                    enqueue(link, task.url());
                } else if (seen.depth(known) > depth + 1) {
                    relax(fingerprint, depth + 1);
                }
                edges[edgeCount++] = fingerprint;
            }
            if (depth >= 2) {
                seen.edges(seen.find(page), edges, edgeCount);
                if (cutCount > 0) {
                    cut[0] = task.url();
                    cutOffsets.put(page, cutLinks().append(Arrays.asList(cut).subList(0, cutCount + 1)));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** One process, one run: nothing is left from earlier runs. */
    @Override
    public long queueUnreached() {
        return 0;
    }

    @Override
    public long waiting() {
        lock.lock();
        try {
            return memory.size() + spillWaiting;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long spilled() {
        lock.lock();
        try {
            return spilledTotal;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a URL is queued or handed out and not yet completed: its page is still to finish (or to
     * be abandoned, if the crawl stops). False for a URL done, and for one never queued (cut off by
     * depth, refused by admission, not followed).
     */
    public boolean pending(String url) {
        lock.lock();
        try {
            int slot = seen.find(UrlFingerprint.of(url));
            return slot >= 0 && seen.state(slot) != SeenTable.DONE;
        } finally {
            lock.unlock();
        }
    }

    /** URLs known to the crawl: queued, in flight or done. */
    public int known() {
        lock.lock();
        try {
            return seen.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (spill != null) {
                spill.close();
            }
            if (cutLinks != null) {
                cutLinks.close();
            }
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(String url, String parent) {
        if (spillWaiting > 0 || memory.size() >= memoryCapacity) {
            if (spill == null) {
                spill = new RecordFile("trawl-frontier-");
                spillReadOffset = 0;
            }
            spill.append(Arrays.asList(url, parent));
            spillWaiting++;
            spilledTotal++;
        } else {
            memory.add(HostKey.of(url), url, parent);
        }
    }

    private void refill() {
        while (spillWaiting > 0 && memory.size() < memoryCapacity) {
            RecordFile.Entry entry = spill.read(spillReadOffset);
            spillReadOffset = entry.next();
            spillWaiting--;
            String url = entry.fields().get(0);
            memory.add(HostKey.of(url), url, entry.fields().get(1));
        }
        if (spill != null && spillWaiting == 0) {
            closeSpill();
        }
    }

    private void closeSpill() {
        try {
            spill.close();
        } catch (IOException e) {
            // Only a temporary file left behind; deleteOnExit still covers it.
        }
        spill = null;
    }

    /** Lowers the depth of a known URL and pushes the improvement through what it links to. */
    private void relax(long start, int startDepth) {
        ArrayDeque<long[]> work = new ArrayDeque<>();
        work.push(new long[] {start, startDepth});
        while (!work.isEmpty()) {
            long[] item = work.pop();
            long fingerprint = item[0];
            int depth = (int) item[1];
            int slot = seen.find(fingerprint);
            if (slot < 0 || seen.depth(slot) <= depth) {
                continue;
            }
            seen.depth(slot, depth);
            // A redirect target's links are those of the page whose fetch ended there.
            long page = redirectedFrom.getOrDefault(fingerprint, fingerprint);
            int pageSlot = seen.find(page);
            if (seen.state(pageSlot) != SeenTable.DONE) {
                // Queued or in flight: it will be fetched, or its links offered, at the new depth.
                if (seen.depth(pageSlot) > depth) {
                    seen.depth(pageSlot, depth);
                }
                continue;
            }
            for (long child : seen.edges(pageSlot)) {
                work.push(new long[] {child, depth + 1});
            }
            Long cutOffset = cutOffsets.get(page);
            if (cutOffset != null && Frontier.linksWithin(maxDepth, depth)) {
                cutOffsets.remove(page);
                requeueCutLinks(page, cutOffset, depth + 1, work);
            }
        }
    }

    private void requeueCutLinks(long page, long offset, int depth, ArrayDeque<long[]> work) {
        List<String> fields = cutLinks.read(offset).fields();
        String pageUrl = fields.get(0);
        long[] added = new long[fields.size() - 1];
        int count = 0;
        for (String link : fields.subList(1, fields.size())) {
            long fingerprint = UrlFingerprint.of(link);
            if (seen.find(fingerprint) >= 0) {
                work.push(new long[] {fingerprint, depth});
            } else if (admission.admit(link)) {
                seen.insert(fingerprint, depth, SeenTable.QUEUED);
                enqueue(link, pageUrl);
            } else {
                continue; // refused for good
            }
            added[count++] = fingerprint;
        }
        int pageSlot = seen.find(page);
        long[] old = seen.edges(pageSlot);
        long[] all = Arrays.copyOf(old, old.length + count);
        System.arraycopy(added, 0, all, old.length, count);
        seen.edges(pageSlot, all, all.length);
    }


    private RecordFile cutLinks() {
        if (cutLinks == null) {
            cutLinks = new RecordFile("trawl-cut-links-");
        }
        return cutLinks;
    }
}
