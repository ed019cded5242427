package dev.trawl.pacing;

import dev.trawl.fetch.Sleeper;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code --rate} ceiling: request starts across all hosts are spaced evenly, 1/rate apart, so
 * a user who promised a budget keeps it whatever the concurrency. No bursts: a crawler that was
 * idle does not get to make up for it.
 */
public final class RateLimiter {
    /** No ceiling. */
    public static final RateLimiter UNLIMITED = new RateLimiter(0, Ticker.SYSTEM, Sleeper.SYSTEM);

    private final ReentrantLock lock = new ReentrantLock();
    private final long interval;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private long next;
    private boolean started;

    private RateLimiter(long intervalNanos, Ticker ticker, Sleeper sleeper) {
        this.interval = intervalNanos;
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    /** At most {@code perSecond} starts a second. */
    public static RateLimiter perSecond(double perSecond, Ticker ticker, Sleeper sleeper) {
        return new RateLimiter(Math.max(1, Math.round(1e9 / perSecond)), ticker, sleeper);
    }

    /** Waits for the next start slot. Fair in arrival order. */
    public void acquire() throws InterruptedException {
        if (interval == 0) {
            return;
        }
        long wait;
        lock.lock();
        try {
            long now = ticker.nanos();
            if (!started || now - next > 0) {
                next = now;
                started = true;
            }
            wait = next - now;
            next += interval;
        } finally {
            lock.unlock();
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }
}
