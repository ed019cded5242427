package dev.trawl.crawl;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The per-host half of the concurrency limits: requests in flight to each host, and the earliest
 * time the next request to it may start ({@code --delay}). Not thread-safe: the
 * {@link Scheduler} calls it under its lock. Times are {@code System.nanoTime()}-style.
 */
final class HostLimiter {
    private static final class HostState {
        int inFlight;
        long nextStart;
    }

    private final int perHost;
    private final long delayNanos;
    private final Map<String, HostState> hosts = new HashMap<>();

    HostLimiter(int perHost, Duration delay) {
        this.perHost = perHost;
        this.delayNanos = delay.toNanos();
    }

    boolean ready(String host, long now) {
        HostState state = hosts.get(host);
        return state == null || (state.inFlight < perHost && now - state.nextStart >= 0);
    }

    void started(String host, long now) {
        HostState state = hosts.computeIfAbsent(host, h -> new HostState());
        state.inFlight++;
        state.nextStart = now + delayNanos;
    }

    void finished(String host, long now) {
        HostState state = hosts.get(host);
        state.inFlight--;
        if (state.inFlight == 0 && now - state.nextStart >= 0) {
            hosts.remove(host); // an idle host costs nothing, whatever the crawl's breadth
        }
    }

    /**
     * How long until a host that is only waiting out its delay may start again; -1 when no host
     * is waiting on time (then only a finished request can make progress possible).
     */
    long nanosUntilNextStart(long now) {
        long soonest = -1;
        for (Iterator<HostState> it = hosts.values().iterator(); it.hasNext(); ) {
            HostState state = it.next();
            long wait = state.nextStart - now;
            if (wait <= 0) {
                if (state.inFlight == 0) {
                    it.remove();
                }
                continue;
            }
            if (state.inFlight < perHost && (soonest < 0 || wait < soonest)) {
                soonest = wait;
            }
        }
        return soonest;
    }
}
