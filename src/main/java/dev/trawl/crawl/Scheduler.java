package dev.trawl.crawl;

import dev.trawl.fetch.Idling;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The crawl's accounting and its one decision point: which URL starts next, and whether the
 * crawl is over. It holds the overall cap on requests in flight ({@code -c}) and, through the
 * {@link HostLimiter}, the per-host cap and delay. A started page holds a slot only while it is
 * working: one that must wait for its host's turn before its first request is handed back and
 * waits in the {@link TurnQueue}; one that waits mid-fetch (a backoff, a Retry-After) is idle
 * ({@link Idling}) until it takes a slot again. Both are bounded, so the frontier is not drained
 * into waiting pages.
 *
 * <p>The crawl is over when nothing is queued, waiting for its turn, in flight or idle, checked
 * under one lock, and the frontier has no URLs left from earlier runs that this run did not reach
 * (a recrawl fetches those last, when its own discovery is complete). Fetchers offer a page's links
 * to the frontier before reporting the page finished, so the counts are never all zero while work
 * remains.
 * No timer decides the end.
 */
final class Scheduler implements Idling {
    /**
     * Tasks that may wait for their host's turn, per request slot. A task waits about one host gap
     * after its host's robots.txt; to keep every slot busy through that gap on a list of many
     * one-page sites, the queue must hold what the slots fetch in one gap: at 250ms and a few ms a
     * request, some ten tasks a slot.
     */
    static final int TASKS_WAITING_PER_SLOT = 16;
    /**
     * Started pages that may wait idle (a retry's backoff, a Retry-After, a redirect hop's host turn)
     * per request slot: each is a parked thread with its page so far, so fewer than tasks.
     */
    static final int IDLE_JOBS_PER_SLOT = 4;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Frontier frontier;
    private final HostLimiter hosts;
    private final int concurrency;
    private final LongSupplier nanoTime;
    private final TurnQueue turns;
    private int inFlight;
    /** Started pages waiting without a slot ({@link #idle}). */
    private int idle;
    /** Of those, the ones whose wait is over, waiting for a slot: they go before any new page. */
    private int resuming;
    private boolean stopped;

    Scheduler(Frontier frontier, HostLimiter hosts, int concurrency, LongSupplier nanoTime) {
        this.frontier = frontier;
        this.hosts = hosts;
        this.concurrency = concurrency;
        this.nanoTime = nanoTime;
        this.turns = new TurnQueue(TASKS_WAITING_PER_SLOT * concurrency);
    }

    /**
     * Waits until a URL may start and returns it, counted as in flight; returns null when the
     * crawl is over: drained, or stopped.
     */
    Task next() throws InterruptedException {
        lock.lock();
        try {
            while (!stopped) {
                long now = nanoTime.getAsLong();
                if (inFlight < concurrency && resuming == 0 && idle < IDLE_JOBS_PER_SLOT * concurrency) {
                    // Tasks whose turn has come go first; while too many wait, nothing new is taken.
                    Task task = turns.take(now, host -> hosts.ready(host, now));
                    if (task == null && !turns.full()) {
                        task = frontier.poll(host -> hosts.ready(host, now));
                    }
                    if (task != null) {
                        inFlight++;
                        hosts.started(task.host(), now);
                        return task;
                    }
                }
                if (inFlight == 0 && idle == 0 && turns.isEmpty() && frontier.waiting() == 0) {
                    // Drained: a recrawl's URLs that nothing links to any more are fetched now, once.
                    if (frontier.queueUnreached() == 0) {
                        return null;
                    }
                    continue;
                }
                long wait = inFlight < concurrency && resuming == 0
                        ? soonest(hosts.nanosUntilNextStart(now), turns.nanosUntilDue(now)) : -1;
                if (wait < 0) {
                    changed.await();
                } else {
                    changed.awaitNanos(wait);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** A started URL is finished (its links already offered to the frontier). */
    void finished(Task task) {
        lock.lock();
        try {
            inFlight--;
            hosts.finished(task.host());
            slotFreed();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A started URL gives back its slot to wait for its host's turn, which comes at {@code readyAt}
     * (scheduler clock): it is handed out again then, and counts as waiting, not in flight.
     */
    void deferred(Task task, long readyAt) {
        lock.lock();
        try {
            inFlight--;
            hosts.finished(task.host());
            turns.add(task, readyAt);
            slotFreed();
        } finally {
            lock.unlock();
        }
    }

    /** A started page gives back its slot while it only waits; it counts as idle, not in flight. */
    @Override
    public void idle() {
        lock.lock();
        try {
            inFlight--;
            idle++;
            slotFreed();
        } finally {
            lock.unlock();
        }
    }

    /**
     * An idle page's wait is over: returns when it holds a slot again, ahead of any new page. Returns
     * at once after a stop, when nothing more is sent; not interruptible, as a stop comes first.
     */
    @Override
    public void busy() {
        lock.lock();
        try {
            resuming++;
            while (!stopped && inFlight >= concurrency) {
                changed.awaitUninterruptibly();
            }
            resuming--;
            idle--;
            inFlight++;
            changed.signalAll(); // the dispatcher may have held back for this page
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the tasks still waiting for their host's turn: after a stop, once no job
     * is left to defer one, so that they can be abandoned like the pages that were in flight.
     */
    List<Task> takeDeferred() {
        lock.lock();
        try {
            return turns.drain();
        } finally {
            lock.unlock();
        }
    }

    /** No URL starts after this; {@link #next} returns null. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean stopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes one waiter for the freed slot: an idle page resuming if any (they wait beside the dispatcher). */
    private void slotFreed() {
        if (resuming > 0) {
            changed.signalAll();
        } else {
            changed.signal();
        }
    }

    /** The sooner of two waits, where -1 means none. */
    private static long soonest(long a, long b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}
