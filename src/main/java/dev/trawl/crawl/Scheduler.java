package dev.trawl.crawl;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The crawl's accounting and its one decision point: which URL starts next, and whether the
 * crawl is over. It holds the overall cap on requests in flight ({@code -c}) and, through the
 * {@link HostLimiter}, the per-host cap and delay.
 *
 * <p>The crawl is over when nothing is queued and nothing is in flight, checked under one lock, and
 * the frontier has no URLs left from earlier runs that this run did not reach (a recrawl fetches
 * those last, when its own discovery is complete). Fetchers offer a page's links to the frontier
 * before reporting the page finished, so the two counts are never both zero while work remains.
 * No timer decides the end.
 */
final class Scheduler {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Frontier frontier;
    private final HostLimiter hosts;
    private final int concurrency;
    private final LongSupplier nanoTime;
    private int inFlight;
    private boolean stopped;

    Scheduler(Frontier frontier, HostLimiter hosts, int concurrency, LongSupplier nanoTime) {
        this.frontier = frontier;
        this.hosts = hosts;
        this.concurrency = concurrency;
        this.nanoTime = nanoTime;
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
                if (inFlight < concurrency) {
                    Task task = frontier.poll(host -> hosts.ready(host, now));
                    if (task != null) {
                        inFlight++;
                        hosts.started(task.host(), now);
                        return task;
                    }
                }
                if (inFlight == 0 && frontier.waiting() == 0) {
                    // Drained: a recrawl's URLs that nothing links to any more are fetched now, once.
                    if (frontier.queueUnreached() == 0) {
                        return null;
                    }
                    continue;
                }
                long wait = inFlight < concurrency ? hosts.nanosUntilNextStart(now) : -1;
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
            changed.signal();
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
}
