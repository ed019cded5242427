package dev.trawl.crawl;

import dev.trawl.pacing.HostPacer;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the scheduler from starting page jobs that would only wait in the {@link HostPacer}: a
 * host gets no more jobs than its current limit, none before its next start time, and no two
 * jobs closer together than its gap. The pacer stays the authority for every request; this only
 * saves overall slots ({@code -c}) for hosts that can use them. Not thread-safe: the
 * {@link Scheduler} calls it under its lock.
 */
final class HostLimiter {
    private static final class Jobs {
        int running;
        long lastStart;
    }

    private final HostPacer pacer;
    private final Map<String, Jobs> hosts = new HashMap<>();

    HostLimiter(HostPacer pacer) {
        this.pacer = pacer;
    }

    boolean ready(String host, long now) {
        Jobs jobs = hosts.get(host);
        if (jobs != null && (jobs.running >= pacer.limit(host) || now - jobs.lastStart < pacer.gapNanos(host))) {
            return false;
        }
        return pacer.mayStart(host, now);
    }

    void started(String host, long now) {
        Jobs jobs = hosts.computeIfAbsent(host, key -> new Jobs());
        jobs.running++;
        jobs.lastStart = now;
    }

    void finished(String host) {
        Jobs jobs = hosts.get(host);
        if (--jobs.running == 0) {
            hosts.remove(host); // the pacer remembers the host's next start from here on
        }
    }

    /** How long until some host's gap has passed; -1 when none is waiting on time. */
    long nanosUntilNextStart(long now) {
        long soonest = pacer.nanosUntilNextStart(now);
        for (Map.Entry<String, Jobs> entry : hosts.entrySet()) {
            long wait = entry.getValue().lastStart + pacer.gapNanos(entry.getKey()) - now;
            if (wait > 0 && (soonest < 0 || wait < soonest)) {
                soonest = wait;
            }
        }
        return soonest;
    }
}
