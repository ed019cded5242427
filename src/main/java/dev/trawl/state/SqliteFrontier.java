package dev.trawl.state;

import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.HostKey;
import dev.trawl.frontier.Task;
import java.util.List;
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
 * {@code run} = this run. A URL known only from an earlier run is new to this one, so a recrawl
 * discovers the site again from the seeds: a link brings such a URL into the run (Admission asked)
 * at this run's depth and parent, in the same row, whose last fetch gives the validators for a
 * conditional request ({@link Discovery}: how URLs join the run, --recrawl-after, depth
 * relaxation). Once the run has drained, {@link #queueUnreached} queues the URLs of earlier runs it
 * never reached, at their stored depth and parent.
 *
 * <p>Queued URLs live in a {@link RunQueue} whose window holds at most {@code window} of them; a URL
 * handed out stays {@code state} 0 until it is finished, so a process started after a crash hands it
 * out again. Memory is the window, one queue per host and Discovery's cache of known URLs, whatever
 * the crawl's size.
 *
 * <p>Differences a caller can see: {@link #spilled} counts URLs this process queued beyond the
 * window (0 for what a resumed run inherits); URLs queued by depth relaxation come in URL order
 * rather than link order, since {@code links} keeps a page's links sorted. {@link #close} does
 * nothing: the {@link StateStore} owns the database.
 */
final class SqliteFrontier implements Frontier {
    private final Journal journal;
    private final ReentrantLock lock;
    private final UrlTable urls;
    private final FetchHistory history;
    private final long run;
    private final RunQueue queue;
    private final Discovery discovery;
    /** Whether this process has queued the unreached URLs of earlier runs (once is all there is). */
    private boolean swept;

    /**
     * @param freshAfter with --recrawl-after, the time (as stored) from which a URL fetched by an
     *                   earlier run joins this one without a fetch; null: every URL is fetched
     */
    SqliteFrontier(Journal journal, UrlTable urls, FetchHistory history, RunQueue queue, long run, OptionalInt maxDepth,
            String freshAfter, Admission admission) {
        this.journal = journal;
        this.lock = journal.lock;
        this.urls = urls;
        this.history = history;
        this.queue = queue;
        this.run = run;
        this.discovery = new Discovery(journal, urls, queue, run, maxDepth, freshAfter, admission);
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
                    discovery.relax(row.id(), 0);
                    discovery.offerCarried();
                }
                return false;
            }
            discovery.enter(row, url, 0, null);
            discovery.offerCarried();
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
            UrlTable.Queued entry = queue.poll(hostReady);
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
                discovery.relax(row.id(), page.depth()); // the redirect may be the shorter path to it
                discovery.offerCarried();
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
                completeLocked(task, links, null, null);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks the page done with its facts (null: keep what an earlier fetch left) and encoded content,
     * and offers its links. Under the lock.
     */
    void completeLocked(Task task, List<String> links, FetchFacts facts, byte[] content) {
        UrlTable.Row page = pageOf(task);
        history.done(page.id(), facts, content, run);
        journal.changed();
        // Every page keeps its links: a shorter path found later in this run follows them (those
        // --max-depth cut included), and a later --recrawl-after run that does not fetch the page
        // offers them instead.
        urls.replaceLinks(page.id(), discovery.offer(page, links));
        discovery.offerCarried();
    }

    /**
     * Queues the URLs of earlier runs that this run has not reached ({@link Discovery#queueUnreached}).
     * Done once per process: URLs only ever join the run, so a second look would find nothing new; a
     * process resumed after a crash looks again, and finds what the last commit had not yet queued.
     */
    @Override
    public long queueUnreached() {
        lock.lock();
        try {
            if (swept || !journal.open()) {
                return 0;
            }
            swept = true;
            return discovery.queueUnreached();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long waiting() {
        lock.lock();
        try {
            return journal.open() ? queue.waiting() : 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long spilled() {
        lock.lock();
        try {
            return queue.spilled();
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
}
