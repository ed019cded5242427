package dev.trawl.postgres;

import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.HostKey;
import dev.trawl.frontier.Task;
import dev.trawl.state.ContentCodec;
import dev.trawl.state.FetchFacts;
import dev.trawl.state.PageContent;
import dev.trawl.state.Previous;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One worker's view of a frontier shared through PostgreSQL. The worker leases URLs in small batches
 * ({@link UrlLeases#claim}), hands them to its scheduler as their hosts allow, and on completion queues
 * the page's links and marks it done in one transaction, so a URL is fetched once across all workers.
 * While other workers still hold leases (their pages may add links), this worker's run is not over:
 * {@link #queueUnreached} waits for them, taking the leases of workers that died.
 *
 * <p>One connection ({@link Database}, which rides out a server that goes away for a while) used
 * under this object's lock for the leases, a few more for the pages' completions, which many page
 * jobs make at once. The heartbeat and the hosts' turns have connections of their own.
 */
public final class PostgresFrontier implements Frontier {
    /** How long a worker waits for the others before looking again, when only they hold work. */
    static final Duration OTHERS_POLL = Duration.ofMillis(200);
    /** How long a worker waits before claiming again when queued URLs were all in other transactions. */
    static final Duration LOCKED_RETRY = Duration.ofMillis(20);

    private final Database db;
    private final Connections completions;
    private final long crawl;
    private final long run;
    private final long worker;
    private final OptionalInt maxDepth;
    private final Admission admission;
    private final int batch;
    private final String output;
    private final Instant freshAfter;
    private final Deque<Task> leased = new ArrayDeque<>();
    /** URLs handed to the scheduler and not yet completed or given back. */
    private final Set<String> started = new HashSet<>();
    /** What earlier runs left of the URLs leased or started that were fetched before, for conditional requests. */
    private final Map<String, UrlLeases.Lease> history = new HashMap<>();

    /**
     * @param batch  most URLs leased and not yet started at once (a few times the worker's -c)
     * @param output     the output file the records go to (machine and path), null for stdout
     * @param freshAfter with --recrawl-after, URLs of earlier runs fetched since then join the run
     *                   without a fetch, their links followed in their place; null: every URL is fetched
     */
    public PostgresFrontier(Database db, Connections completions, long crawl, long run, long worker,
            OptionalInt maxDepth, Admission admission, int batch, String output, Instant freshAfter) {
        this.db = db;
        this.completions = completions;
        this.crawl = crawl;
        this.run = run;
        this.worker = worker;
        this.maxDepth = Frontier.checkMaxDepth(maxDepth);
        this.admission = admission;
        this.batch = batch;
        this.output = output;
        this.freshAfter = freshAfter;
    }

    @Override
    public synchronized boolean addSeed(String url) {
        return db.call("could not queue a seed",
                c -> UrlLeases.enqueue(c, crawl, run, url, HostKey.of(url), 0, null, freshAfter));
    }

    /** Completes a page without facts or a record (its last fetch's facts stay). */
    @Override
    public void complete(Task task, List<String> links) {
        complete(task, links, null, null, null, false);
    }

    /**
     * Completes a page: its fetch's facts, its links (those within --max-depth queued) and its record
     * (JSON, one line, or null for none) in one transaction. Returns false, keeping nothing, when this
     * worker no longer held the page's lease (taken for dead meanwhile): another worker has the page,
     * and its record is that one's to write.
     *
     * @param facts   what the fetch learned, null for nothing to keep
     * @param content what a 2xx answer gave the record, kept for a later run's 304; null for none
     * @param written whether the record goes to the output (not an unchanged page's under --changed-only)
     */
    public boolean complete(Task task, List<String> links, FetchFacts facts, PageContent content, String record,
            boolean written) {
        synchronized (this) {
            started.remove(task.url());
            history.remove(task.url());
        }
        UrlLeases.Completion page = new UrlLeases.Completion(task.url(), task.depth(), links.stream().distinct().toList(),
                Frontier.linksWithin(maxDepth, task.depth()), facts, content == null ? null : ContentCodec.encode(content),
                record, written);
        // On connections of their own, outside this lock: page jobs complete at once, the scheduler leases meanwhile.
        return completions.call("could not record a finished page",
                c -> UrlLeases.complete(c, crawl, run, worker, page, output, freshAfter));
    }

    /** What the URL's last fetch in an earlier run left; the URL must be leased by this worker. */
    public synchronized Optional<Previous> previous(String url) {
        UrlLeases.Lease lease = history.get(url);
        return lease == null ? Optional.empty() : Optional.of(lease.previous());
    }

    /** What the URL's last 2xx answer gave its record, for the record of a 304. */
    public synchronized Optional<PageContent> content(String url) {
        UrlLeases.Lease lease = history.get(url);
        return lease == null || lease.content() == null ? Optional.empty()
                : Optional.of(ContentCodec.decode(lease.content()));
    }

    @Override
    public synchronized boolean claim(String target, Task via) {
        return db.call("could not claim a redirect target", c -> {
            // A URL of an earlier run is the run's now, done, as one new to the crawl is.
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO urls (crawl, url, host, depth, parent, run, state, worker) VALUES (?, ?, ?, ?, ?, ?, 3, ?)
                    ON CONFLICT (crawl, url) DO UPDATE SET depth = excluded.depth, parent = excluded.parent,
                        run = excluded.run, state = 3, worker = excluded.worker
                    WHERE urls.run < excluded.run""")) {
                insert.setLong(1, crawl);
                insert.setString(2, target);
                insert.setString(3, HostKey.of(target));
                insert.setInt(4, via.depth());
                insert.setString(5, via.parent());
                insert.setLong(6, run);
                insert.setLong(7, worker);
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public synchronized Task poll(Predicate<String> hostReady) {
        Task ready = takeReady(hostReady);
        if (ready != null || leased.size() >= batch) {
            return ready;
        }
        List<String> refused = new ArrayList<>();
        for (UrlLeases.Lease lease : db.call("could not lease URLs",
                c -> UrlLeases.claim(c, crawl, run, worker, batch - leased.size()))) {
            // Asked here, once per URL across the crawl (a URL is leased once), so a budget counts URLs, not
            // links; not about seeds, as in every frontier.
            if (lease.parent() != null && !admission.admit(lease.url())) {
                refused.add(lease.url());
                continue;
            }
            if (lease.carried()) {
                // Fetched recently enough (--recrawl-after): done without a fetch or a record, its links
                // followed as its last fetch followed them.
                complete(new Task(lease.url(), HostKey.of(lease.url()), lease.depth(), lease.parent()), lease.follow());
                continue;
            }
            leased.add(new Task(lease.url(), HostKey.of(lease.url()), lease.depth(), lease.parent()));
            if (lease.previous() != null) {
                history.put(lease.url(), lease);
            }
        }
        if (!refused.isEmpty()) {
            db.call("could not drop refused URLs", c -> {
                UrlLeases.refuse(c, crawl, worker, refused);
                return null;
            });
        }
        return takeReady(hostReady);
    }

    private Task takeReady(Predicate<String> hostReady) {
        for (Iterator<Task> tasks = leased.iterator(); tasks.hasNext(); ) {
            Task task = tasks.next();
            if (hostReady.test(task.host())) {
                tasks.remove();
                started.add(task.url());
                return task;
            }
        }
        return null;
    }

    /**
     * This worker has nothing left. The crawl goes on (returns more than 0) while anything is queued or
     * leased by another worker, and this waits a little first: queued URLs its last claim did not get
     * are in another worker's transaction for a moment; leased ones may bring links (and the leases of
     * dead workers go back to the queue). The engine's scheduler cannot hear of work that appears in
     * the database, so it must ask again, and it asks here. Returns 0 once nothing is queued or leased
     * anywhere: the crawl is over for every worker.
     */
    @Override
    public synchronized long queueUnreached() {
        try {
            UrlLeases.Pending counts = db.call("could not read the crawl's progress",
                    c -> UrlLeases.pending(c, crawl, run));
            if (counts.queued() > 0) {
                wait(LOCKED_RETRY.toMillis());
                return counts.queued();
            }
            if (counts.leased() == 0) {
                return db.call("could not end the run",
                        c -> Crawls.drained(c, crawl, run, maxDepth.orElse(Integer.MAX_VALUE), freshAfter));
            }
            wait(OTHERS_POLL.toMillis());
            db.call("could not take back a dead worker's URLs", c -> UrlLeases.reclaim(c, crawl));
            releaseForgotten();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * The URLs this worker has leased and not started. Not the database's queue: the scheduler waits
     * without a deadline while this is above 0 and its hosts may start, expecting a page of its own to
     * wake it, and no page of its own would.
     */
    @Override
    public synchronized long waiting() {
        return leased.size();
    }

    @Override
    public long spilled() {
        return 0;
    }

    /** A started page this worker will not finish (the crawl is stopping) goes back to the queue. */
    public synchronized void giveBack(Task task) {
        started.remove(task.url());
        history.remove(task.url());
        giveBack(List.of(task.url()));
    }

    /**
     * Gives back the URLs the database says this worker holds but it has neither waiting nor started: a
     * claim whose answer the connection lost (the server committed it, the worker never saw it). Live,
     * this worker would hold them for ever, and every worker's crawl would wait for them.
     */
    private void releaseForgotten() {
        List<String> held = db.call("could not read this worker's leases", c -> UrlLeases.heldBy(c, crawl, worker));
        Set<String> known = new HashSet<>(started);
        leased.forEach(task -> known.add(task.url()));
        giveBack(held.stream().filter(url -> !known.contains(url)).toList());
    }

    /** Gives back the URLs leased and not started, so other workers take them at once. */
    @Override
    public synchronized void close() {
        giveBack(leased.stream().map(Task::url).toList());
        leased.clear();
        history.clear();
    }

    private void giveBack(List<String> urls) {
        if (urls.isEmpty()) {
            return;
        }
        try {
            db.callBriefly("could not give URLs back", c -> {
                UrlLeases.giveBack(c, crawl, worker, urls);
                return null;
            });
        } catch (SharedStateException e) {
            // The worker timeout gives them back anyway.
        }
    }
}
