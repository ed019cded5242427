package dev.trawl.pacing;

import java.time.Duration;

/**
 * How hard one host may be pushed right now: requests in flight and the least gap between two
 * request starts. It starts at the configured pace ({@code --per-host}, and {@code --delay} or the
 * host's Crawl-delay, whichever is longer) and adapts to how the host answers: a 429 or 503, or a
 * run of timeouts, halves the requests in flight and doubles the gap (at least 1s); then every good
 * answer takes a tenth off the extra gap, and every {@value #RECOVERY_STREAK} good answers in a row
 * give back one request in flight, until the host is back at the configured pace: from a 1s gap
 * that takes about 30 answers and 10 seconds. Not thread-safe: {@link HostPacer} guards it.
 */
final class HostPace {
    /** Timeouts in a row that count as the host struggling. */
    static final int TIMEOUT_STREAK = 3;
    /** Good answers in a row before one more request in flight is allowed again. */
    static final int RECOVERY_STREAK = 5;
    /** The least gap after a slow-down: a struggling host gets at least a second between requests. */
    static final long MIN_SLOW_GAP = Duration.ofSeconds(1).toNanos();
    /** The longest gap back-off reaches: a crawl never waits more than this between requests to one host. */
    static final long MAX_GAP = Duration.ofSeconds(60).toNanos();
    /** Extra gap small enough to drop at once during recovery. */
    private static final long NEGLIGIBLE_GAP = Duration.ofMillis(50).toNanos();

    private final int maxInFlight;
    private long baseGap;
    private int limit;
    private long gap;
    private int timeoutsInARow;
    private int goodInARow;
    private String slowedBecause;

    HostPace(int maxInFlight, long baseGapNanos) {
        this.maxInFlight = maxInFlight;
        this.baseGap = baseGapNanos;
        this.limit = maxInFlight;
        this.gap = baseGapNanos;
    }

    int limit() {
        return limit;
    }

    long gapNanos() {
        return gap;
    }

    /** Why the host was ever slowed down ("429", "503", "timeouts"), or null. */
    String slowedBecause() {
        return slowedBecause;
    }

    /** A longer floor for the gap, e.g. from robots.txt Crawl-delay. Never lowers it below the configured delay. */
    void raiseBaseGap(long nanos) {
        if (nanos > baseGap) {
            gap = Math.max(gap, nanos);
            baseGap = nanos;
        }
    }

    /** The host said "too many requests" or "unavailable". */
    void throttled(String why) {
        slowDown(why);
    }

    /** A request to the host timed out; true when that made a run long enough to slow down. */
    boolean timedOut() {
        goodInARow = 0;
        if (++timeoutsInARow >= TIMEOUT_STREAK) {
            timeoutsInARow = 0;
            slowDown("timeouts");
            return true;
        }
        return false;
    }

    /** The host answered normally. */
    void answered() {
        timeoutsInARow = 0;
        if (limit == maxInFlight && gap == baseGap) {
            return;
        }
        long extra = (gap - baseGap) * 9 / 10;
        gap = extra < NEGLIGIBLE_GAP ? baseGap : baseGap + extra;
        if (++goodInARow >= RECOVERY_STREAK) {
            goodInARow = 0;
            limit = Math.min(maxInFlight, limit + 1);
        }
    }

    private void slowDown(String why) {
        goodInARow = 0;
        limit = Math.max(1, limit / 2);
        gap = Math.min(MAX_GAP, Math.max(Math.max(gap * 2, MIN_SLOW_GAP), baseGap));
        if (slowedBecause == null) {
            slowedBecause = why;
        }
    }
}
