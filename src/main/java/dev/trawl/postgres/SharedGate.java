package dev.trawl.postgres;

import dev.trawl.fetch.Idling;
import dev.trawl.fetch.RequestGate;
import dev.trawl.frontier.HostKey;
import java.time.Duration;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import okhttp3.HttpUrl;

/**
 * Politeness for a shared crawl: every request waits first for this worker's own turn (the local
 * gate, with its back-off and Retry-After), then for a slot of the host in the database
 * ({@link HostSlots}), so {@code --per-host} and the host's gap hold for all workers together. While
 * it waits for the database, the request lends its {@code -c} slot out.
 */
public final class SharedGate implements RequestGate {
    /** The longest sleep between two asks, so that a freed slot is seen soon. */
    private static final Duration MOST_BETWEEN_ASKS = Duration.ofSeconds(1);

    private final RequestGate local;
    private final ToIntFunction<String> perHost;
    private final ToLongFunction<String> gapNanos;
    private final Connections db;
    private final long crawl;
    private final long worker;
    private final Duration slotTimeout;

    /**
     * @param perHost     the host's current limit (the local pacer's, which back-off may lower)
     * @param gapNanos    the host's current gap (delay, Crawl-delay, back-off)
     * @param db          connections of the gate's own
     * @param slotTimeout a slot older than this, or held by a worker silent for this long, does not count
     */
    SharedGate(RequestGate local, ToIntFunction<String> perHost, ToLongFunction<String> gapNanos, Connections db,
            long crawl, long worker, Duration slotTimeout) {
        this.local = local;
        this.perHost = perHost;
        this.gapNanos = gapNanos;
        this.db = db;
        this.crawl = crawl;
        this.worker = worker;
        this.slotTimeout = slotTimeout;
    }

    @Override
    public Permit acquire(HttpUrl url) throws InterruptedException {
        return acquire(url, Idling.NONE);
    }

    @Override
    public Permit acquire(HttpUrl url, Idling idling) throws InterruptedException {
        Permit own = local.acquire(url, idling);
        String host = HostKey.of(url.toString());
        boolean idle = false;
        try {
            while (true) {
                HostSlots.Turn turn = take(host);
                if (turn instanceof HostSlots.Turn.Granted(long slot)) {
                    if (idle) {
                        idle = false;
                        idling.busy();
                    }
                    return result -> {
                        release(slot);
                        own.release(result);
                    };
                }
                if (!idle) {
                    idle = true;
                    idling.idle();
                }
                Duration wait = ((HostSlots.Turn.Wait) turn).atLeast();
                Thread.sleep(wait.compareTo(MOST_BETWEEN_ASKS) < 0 ? wait : MOST_BETWEEN_ASKS);
            }
        } catch (InterruptedException | RuntimeException e) {
            if (idle) {
                idling.busy();
            }
            own.release(null);
            throw e;
        }
    }

    private HostSlots.Turn take(String host) {
        int limit = perHost.applyAsInt(host);
        Duration gap = Duration.ofNanos(gapNanos.applyAsLong(host));
        return db.call("could not take a turn for " + host,
                c -> HostSlots.take(c, crawl, host, worker, limit, gap, slotTimeout));
    }

    private void release(long slot) {
        try {
            db.call("could not give a host's slot back", c -> {
                HostSlots.release(c, slot);
                return null;
            });
        } catch (SharedStateException e) {
            // The slot stops counting after the slot timeout.
        }
    }
}
