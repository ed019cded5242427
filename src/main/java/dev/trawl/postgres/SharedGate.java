package dev.trawl.postgres;

import dev.trawl.fetch.AttemptResult;
import dev.trawl.fetch.Idling;
import dev.trawl.fetch.RequestGate;
import dev.trawl.frontier.HostKey;
import dev.trawl.page.ErrorType;
import java.time.Duration;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import okhttp3.HttpUrl;

/**
 * Politeness for a shared crawl: every request waits first for this worker's own turn (the local
 * gate, with its back-off and Retry-After), then for a slot of the host in the database
 * ({@link HostSlots}), so {@code --per-host} and the host's gap hold for all workers together. While
 * it waits for the database, the request lends its {@code -c} slot out. A worker told to slow down (a
 * 429 or 503, its Retry-After, timeouts) holds the host back for every worker as long as its own gate
 * now holds it; the slower pace after that is the told worker's own.
 */
public final class SharedGate implements RequestGate {
    /** The longest sleep between two asks, so that a freed slot is seen soon. */
    private static final Duration MOST_BETWEEN_ASKS = Duration.ofSeconds(1);

    private final RequestGate local;
    private final ToIntFunction<String> perHost;
    private final ToLongFunction<String> gapNanos;
    private final ToLongFunction<String> heldNanos;
    private final Connections db;
    private final long crawl;
    private final long worker;
    private final Duration slotTimeout;

    /**
     * @param perHost     the host's current limit (the local pacer's, which back-off may lower)
     * @param gapNanos    the host's current gap (delay, Crawl-delay, back-off)
     * @param heldNanos   how long from now the local gate holds the host back
     * @param db          connections of the gate's own
     * @param slotTimeout a slot older than this, or held by a worker silent for this long, does not count
     */
    SharedGate(RequestGate local, ToIntFunction<String> perHost, ToLongFunction<String> gapNanos,
            ToLongFunction<String> heldNanos, Connections db, long crawl, long worker, Duration slotTimeout) {
        this.local = local;
        this.perHost = perHost;
        this.gapNanos = gapNanos;
        this.heldNanos = heldNanos;
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
                        if (slowsDown(result)) {
                            holdBack(host, heldNanos.applyAsLong(host));
                        }
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

    /** Answers after which a host may want every worker to wait, not only this one. */
    static boolean slowsDown(AttemptResult result) {
        return switch (result) {
            case AttemptResult.Response response -> response.status() == 429 || response.status() == 503;
            case AttemptResult.Failure failure -> failure.error().type() == ErrorType.TIMEOUT;
            case null -> false;
        };
    }

    private void holdBack(String host, long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            db.call("could not hold " + host + " back", c -> {
                HostSlots.holdBack(c, crawl, host, Duration.ofNanos(nanos));
                return null;
            });
        } catch (SharedStateException e) {
            // This worker still holds back; the others go on at the host's gap.
        }
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
