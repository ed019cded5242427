package dev.trawl.state;

import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.HostKey;
import dev.trawl.frontier.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The frontier of a run kept in the state database, with the in-memory frontier's algorithm and
 * results: FIFO per host served round-robin, depth the shortest known, links beyond
 * {@code --max-depth} kept (in {@code links}) and queued when a shorter path to their page turns up,
 * a redirect target standing for the page whose fetch ended there.
 *
 * <p>The seen set is the {@code urls} table: a URL is known to the run when its row has
 * {@code run} = this run. A URL known only from an earlier run is new to this one: it is queued again
 * (Admission asked) in the same row. Queued URLs are read into a {@link HostWindow} of at most
 * {@code window} entries, in {@code queue_seq} order, behind a cursor; a URL handed out stays
 * {@code state} 0 until it is finished, so a process started after a crash hands it out again.
 * Memory is the window, one queue per host and a cache of {@value #KNOWN_CACHE} known URLs, whatever
 * the crawl's size.
 *
 * <p>Differences a caller can see: {@link #spilled} counts URLs this process queued beyond the
 * window (0 for what a resumed run inherits); URLs queued by depth relaxation come in URL order
 * rather than link order, since {@code links} keeps a page's links sorted. {@link #close} does
 * nothing: the {@link StateStore} owns the database.
 */
final class SqliteFrontier implements Frontier {
    private static final int LOAD_BATCH = 1024;
    /** URLs of the run remembered with a depth they have at most: most links of a page are known ones (navigation). */
    private static final int KNOWN_CACHE = 16 * 1024;

    private final Journal journal;
    private final ReentrantLock lock;
    private final UrlTable urls;
    private final long run;
    private final OptionalInt maxDepth;
    private final int capacity;
    private final Admission admission;
    private final HostWindow window = new HostWindow();
    /**
     * URL to the depth it had when last seen, for URLs of the run only. A URL never leaves the run
     * and its depth only goes down, so the cached depth is an upper bound: a link whose cached depth
     * is within one of its page's needs no lookup; any other goes to the database.
     */
    private final Map<String, Integer> knownDepths = new LinkedHashMap<>(KNOWN_CACHE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > KNOWN_CACHE;
        }
    };

    /** Every queued URL up to this queue_seq is in the window or handed out. */
    private long loadedSeq;
    /** Queued URLs after {@link #loadedSeq}: in the database only. */
    private long beyond;
    private long nextSeq;
    private long spilled;

    SqliteFrontier(Journal journal, UrlTable urls, long run, long queued, long lastSeq, OptionalInt maxDepth, int capacity,
            Admission admission) {
        this.journal = journal;
        this.lock = journal.lock;
        this.urls = urls;
        this.run = run;
        this.beyond = queued;
        this.nextSeq = lastSeq + 1;
        this.maxDepth = maxDepth;
        this.capacity = capacity;
        this.admission = admission;
    }

    @Override
    public boolean addSeed(String url) {
        lock.lock();
        try {
            if (!journal.open()) {
                return false;
            }
            UrlTable.Row row = urls.find(url);
            if (row != null && row.run() == run) {
                if (row.depth() > 0) {
                    relax(row.id(), 0);
                }
                return false;
            }
            enqueue(row, url, 0, null);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Task poll(Predicate<String> hostReady) {
        lock.lock();
        try {
            if (!journal.open()) {
                return null;
            }
            refill();
            UrlTable.Queued entry = window.poll(hostReady);
            if (entry == null) {
                return null;
            }
            // The depth may have improved since the URL was read into the window.
            return new Task(entry.url(), HostKey.of(entry.url()), urls.depth(entry.id()), entry.parent());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean claim(String target, Task via) {
        lock.lock();
        try {
            if (!journal.open()) {
                return false;
            }
            UrlTable.Row page = pageOf(via);
            UrlTable.Row row = urls.find(target);
            if (row != null && row.run() == run) {
                relax(row.id(), page.depth()); // the redirect may be the shorter path to it
                return false;
            }
            urls.put(row, target, HostKey.of(target), run, UrlTable.DONE, page.depth(), via.url(), null, page.id());
            journal.changed();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void complete(Task task, List<String> links) {
        lock.lock();
        try {
            if (journal.open()) {
                completeLocked(task, links, null);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Marks the page done with its facts (null: keep what an earlier fetch left) and offers its links. Under the lock. */
    void completeLocked(Task task, List<String> links, FetchFacts facts) {
        UrlTable.Row page = pageOf(task);
        urls.done(page.id(), facts, run);
        journal.changed();
        int depth = page.depth();
        // Pages at depth 0 and 1 keep no links: seeds all come before the first poll, so they cannot get closer.
        List<String> kept = depth >= 2 ? new ArrayList<>(links.size()) : null;
        for (String link : links) {
            Integer cached = knownDepths.get(link);
            if (cached != null && cached <= depth + 1) {
                if (kept != null) {
                    kept.add(link); // known, and no shorter path through this page
                }
                continue;
            }
            UrlTable.Row known = urls.find(link);
            boolean inRun = known != null && known.run() == run;
            if (inRun) {
                knownDepths.put(link, Math.min(known.depth(), depth + 1));
            }
            if (!inRun && !Frontier.linksWithin(maxDepth, depth)) {
                if (kept != null) {
                    kept.add(link); // cut for now: queued if a shorter path to this page turns up
                }
                continue;
            }
            if (!inRun) {
                if (!admission.admit(link)) {
                    continue; // refused for good: a trap guard or a budget, counted there
                }
                enqueue(known, link, depth + 1, task.url());
                knownDepths.put(link, depth + 1);
            } else if (known.depth() > depth + 1) {
                relax(known.id(), depth + 1);
            }
            if (kept != null) {
                kept.add(link);
            }
        }
        if (kept != null && !kept.isEmpty()) {
            urls.addLinks(page.id(), kept);
        }
    }

    @Override
    public long waiting() {
        lock.lock();
        try {
            return journal.open() ? window.size() + beyond : 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long spilled() {
        lock.lock();
        try {
            return spilled;
        } finally {
            lock.unlock();
        }
    }

    /** The store owns the database; closing the frontier leaves it open. */
    @Override
    public void close() {
    }

    private UrlTable.Row pageOf(Task task) {
        UrlTable.Row page = urls.find(task.url());
        if (page == null || page.run() != run) {
            throw new IllegalArgumentException("not handed out in this run: " + task.url());
        }
        return page;
    }

    private void enqueue(UrlTable.Row existing, String url, int depth, String parent) {
        long seq = nextSeq++;
        String host = HostKey.of(url);
        long id = urls.put(existing, url, host, run, UrlTable.QUEUED, depth, parent, seq, 0);
        journal.changed();
        if (beyond > 0 || window.size() >= capacity) {
            beyond++; // behind older URLs in the database: the window reads it in its turn
            spilled++;
        } else {
            window.add(host, new UrlTable.Queued(id, url, parent, seq));
            loadedSeq = seq;
        }
    }

    private void refill() {
        while (beyond > 0 && window.size() < capacity) {
            List<UrlTable.Queued> batch = urls.queuedAfter(run, loadedSeq,
                    Math.min(LOAD_BATCH, capacity - window.size()));
            if (batch.isEmpty()) {
                beyond = 0; // cannot happen: only handed-out URLs leave the queue
                return;
            }
            for (UrlTable.Queued entry : batch) {
                window.add(HostKey.of(entry.url()), entry);
                loadedSeq = entry.seq();
                beyond--;
            }
        }
    }

    /** Lowers the depth of a URL of the run and pushes the improvement through the links its page had. */
    private void relax(long start, int startDepth) {
        ArrayDeque<long[]> work = new ArrayDeque<>();
        work.push(new long[] {start, startDepth});
        while (!work.isEmpty()) {
            long[] item = work.pop();
            int depth = (int) item[1];
            UrlTable.Row row = urls.find(item[0]);
            if (row == null || row.run() != run || row.depth() <= depth) {
                continue;
            }
            urls.depth(row.id(), depth);
            journal.changed();
            // A redirect target's links are those of the page whose fetch ended there.
            UrlTable.Row page = row.redirectedFrom() == 0 ? row : urls.find(row.redirectedFrom());
            if (page == null) {
                continue;
            }
            if (page.state() != UrlTable.DONE) {
                // Queued or in flight: it will be fetched, or its links offered, at the new depth.
                if (page != row && page.depth() > depth) {
                    urls.depth(page.id(), depth);
                }
                continue;
            }
            for (String link : urls.links(page.id())) {
                UrlTable.Row known = urls.find(link);
                if (known != null && known.run() == run) {
                    work.push(new long[] {known.id(), depth + 1});
                } else if (Frontier.linksWithin(maxDepth, depth)) {
                    if (admission.admit(link)) {
                        enqueue(known, link, depth + 1, page.url());
                    } else {
                        urls.dropLink(page.id(), link); // refused for good: never asked again
                    }
                }
            }
        }
    }
}
