package dev.trawl.crawl;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Measures, at the server, how many requests are in progress at once. Each request is held until
 * {@code limit} are in progress together (or every expected request has arrived, for the tail),
 * so a crawler that keeps the limit busy is seen reaching it, and one that exceeds it is seen
 * exceeding it. A hold that times out means the crawler never reached the limit.
 */
final class ConcurrencyProbe {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int limit;
    private final int expected;
    private int current;
    private int arrived;
    private int maxSeen;
    private boolean timedOut;

    ConcurrencyProbe(int limit, int expected) {
        this.limit = limit;
        this.expected = expected;
    }

    <T> T hold(Supplier<T> response) {
        lock.lock();
        try {
            current++;
            arrived++;
            maxSeen = Math.max(maxSeen, current);
            changed.signalAll();
            long left = TimeUnit.SECONDS.toNanos(10);
            while (current < limit && arrived < expected) {
                if (left <= 0) {
                    timedOut = true;
                    break;
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        try {
            return response.get();
        } finally {
            lock.lock();
            try {
                current--;
            } finally {
                lock.unlock();
            }
        }
    }

    int maxSeen() {
        lock.lock();
        try {
            return maxSeen;
        } finally {
            lock.unlock();
        }
    }

    boolean timedOut() {
        lock.lock();
        try {
            return timedOut;
        } finally {
            lock.unlock();
        }
    }
}
