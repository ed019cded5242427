package dev.trawl.pacing;

import dev.trawl.fetch.AttemptResult;
import dev.trawl.fetch.Idling;
import dev.trawl.fetch.RequestGate;
import dev.trawl.fetch.RetryAfter;
import dev.trawl.frontier.HostKey;
import dev.trawl.page.ErrorType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import okhttp3.HttpUrl;

/**
 * Per-host politeness for every request the crawl makes (pages, robots.txt, sitemaps, redirect
 * hops, retries): at most the host's current limit in flight, and starts spaced by its current
 * gap (see {@link HostPace}). A Retry-After on a 429 or 503 holds back the whole host, not just
 * the request that got it. Then, across hosts, the optional {@code --rate} ceiling.
 *
 * <p>The scheduler also reads the pace ({@link #limit}, {@link #mayStart}) so that it does not
 * start page jobs that would only wait here. Thread-safe.
 */
public final class HostPacer implements RequestGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Host> hosts = new HashMap<>();
    private final int perHost;
    private final long delay;
    private final Duration maxCrawlDelay;
    private final Duration maxRetryAfter;
    private final RateLimiter rate;
    private final Ticker ticker;
    private final Clock clock;
    private final Consumer<String> warnings;

    private final class Host {
        final HostPace pace = new HostPace(perHost, delay);
        final Condition changed = lock.newCondition();
        int inFlight;
        long lastStart;
        long nextStart;
        boolean crawlDelayApplied;
    }

    /**
     * @param warnings told once per host when its Crawl-delay is longer than the cap
     */
    public HostPacer(int perHost, Duration delay, Duration maxCrawlDelay, Duration maxRetryAfter, RateLimiter rate,
            Ticker ticker, Clock clock, Consumer<String> warnings) {
        this.perHost = perHost;
        this.delay = delay.toNanos();
        this.maxCrawlDelay = maxCrawlDelay;
        this.maxRetryAfter = maxRetryAfter;
        this.rate = rate;
        this.ticker = ticker;
        this.clock = clock;
        this.warnings = warnings;
    }

    @Override
    public Permit acquire(HttpUrl url) throws InterruptedException {
        return acquire(url, Idling.NONE);
    }

    /**
     * Waits for the host's turn with the caller's overall slot lent out. The slot is taken back
     * before the turn is claimed, not after, so that a request's start is when it really goes out
     * and the next one to the host is a whole gap later; if the turn went to another request while
     * this one waited for a slot, it waits again.
     */
    @Override
    public Permit acquire(HttpUrl url, Idling idling) throws InterruptedException {
        String key = HostKey.of(url.toString());
        boolean idle = false;
        lock.lock();
        try {
            Host host = host(key);
            while (true) {
                long now = ticker.nanos();
                boolean turn = mayStart(host, now);
                if (turn && !idle) {
                    host.inFlight++;
                    host.lastStart = now;
                    host.nextStart = now + host.pace.gapNanos();
                    break;
                }
                if (turn || !idle) {
                    // Never call out holding this lock: the scheduler calls in under its own.
                    lock.unlock();
                    try {
                        if (idle) {
                            idling.busy();
                        } else {
                            idling.idle();
                        }
                        idle = !idle;
                    } finally {
                        lock.lock();
                    }
                } else if (host.inFlight < host.pace.limit()) {
                    host.changed.awaitNanos(host.nextStart - now);
                } else {
                    host.changed.await();
                }
            }
        } finally {
            lock.unlock();
            if (idle) {
                idling.busy(); // interrupted while idle: the caller's accounting expects its slot back
            }
        }
        try {
            rate.acquire();
        } catch (InterruptedException e) {
            release(key, null);
            throw e;
        }
        return result -> release(key, result);
    }

    /** Applies a host's robots.txt Crawl-delay (once per host), capped by {@code --max-crawl-delay}. */
    public void crawlDelay(String hostKey, Optional<Duration> crawlDelay) {
        if (crawlDelay.isEmpty() || crawlDelay.get().isZero()) {
            return;
        }
        String warning = null;
        lock.lock();
        try {
            Host host = host(hostKey);
            if (host.crawlDelayApplied) {
                return;
            }
            host.crawlDelayApplied = true;
            Duration asked = crawlDelay.get();
            Duration used = asked.compareTo(maxCrawlDelay) > 0 ? maxCrawlDelay : asked;
            if (used != asked) {
                warning = hostKey + " asks for a Crawl-delay of " + seconds(asked) + "; using " + seconds(used)
                        + " (--max-crawl-delay)";
            }
            host.pace.raiseBaseGap(used.toNanos());
            host.nextStart = Math.max(host.nextStart, host.lastStart + host.pace.gapNanos());
        } finally {
            lock.unlock();
        }
        if (warning != null) {
            warnings.accept(warning);
        }
    }

    /** Requests the host may have in flight now. */
    public int limit(String hostKey) {
        lock.lock();
        try {
            Host host = hosts.get(hostKey);
            return host == null ? perHost : host.pace.limit();
        } finally {
            lock.unlock();
        }
    }

    /** The host's current least gap between request starts, in nanoseconds. */
    public long gapNanos(String hostKey) {
        lock.lock();
        try {
            Host host = hosts.get(hostKey);
            return host == null ? delay : host.pace.gapNanos();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A request to the host has gone out now, some time after its turn (a connection to open, a TLS
     * handshake, a JVM warming up): its host's next start is a whole gap from now, not from the turn,
     * so that the server sees requests at least the gap apart, not only the crawler.
     */
    public void sent(String hostKey) {
        lock.lock();
        try {
            Host host = hosts.get(hostKey);
            if (host != null) {
                host.nextStart = Math.max(host.nextStart, ticker.nanos() + host.pace.gapNanos());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long from now the host is held back, in nanoseconds: until its next start (its gap, or a
     * Retry-After and the hold after a slow-down); 0 when a request may start now.
     */
    public long heldNanos(String hostKey) {
        lock.lock();
        try {
            Host host = hosts.get(hostKey);
            return host == null ? 0 : Math.max(0, host.nextStart - ticker.nanos());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a request to the host could start at {@link Ticker} time {@code now}: its gap since
     * the last start has passed and it has room for one more request in flight.
     */
    public boolean mayStart(String hostKey, long now) {
        lock.lock();
        try {
            Host host = hosts.get(hostKey);
            return host == null || mayStart(host, now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * When a request to the host that cannot start now may start: its next start time ({@link
     * Ticker} time), or now when only its requests in flight are in the way; empty when it may
     * start now.
     */
    public OptionalLong turnIfWaiting(String hostKey) {
        lock.lock();
        try {
            Host host = hosts.get(hostKey);
            long now = ticker.nanos();
            if (host == null || mayStart(host, now)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(now - host.nextStart >= 0 ? now : host.nextStart);
        } finally {
            lock.unlock();
        }
    }

    private static boolean mayStart(Host host, long now) {
        return host.inFlight < host.pace.limit() && now - host.nextStart >= 0;
    }

    /**
     * Nanoseconds until the soonest future start time of any host, or -1 when no host is waiting
     * out a gap. The scheduler sleeps this long when nothing else can start.
     */
    public long nanosUntilNextStart(long now) {
        lock.lock();
        try {
            long soonest = -1;
            for (Host host : hosts.values()) {
                long wait = host.nextStart - now;
                if (wait > 0 && (soonest < 0 || wait < soonest)) {
                    soonest = wait;
                }
            }
            return soonest;
        } finally {
            lock.unlock();
        }
    }

    /** Hosts that were slowed down during the crawl, with why, e.g. {@code example.com (429)}. */
    public List<String> slowedHosts() {
        lock.lock();
        try {
            List<String> slowed = new ArrayList<>();
            hosts.forEach((key, host) -> {
                if (host.pace.slowedBecause() != null) {
                    slowed.add(key + " (" + host.pace.slowedBecause() + ")");
                }
            });
            slowed.sort(null);
            return slowed;
        } finally {
            lock.unlock();
        }
    }

    private void release(String key, AttemptResult result) {
        lock.lock();
        try {
            Host host = hosts.get(key);
            host.inFlight--;
            if (result != null) {
                learn(host, result);
            }
            host.changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void learn(Host host, AttemptResult result) {
        switch (result) {
            case AttemptResult.Response response when response.status() == 429 || response.status() == 503 -> {
                host.pace.throttled(Integer.toString(response.status()));
                holdBack(host, response.retryAfter());
            }
            case AttemptResult.Response response -> host.pace.answered();
            case AttemptResult.Failure failure when failure.error().type() == ErrorType.TIMEOUT -> {
                if (host.pace.timedOut()) {
                    holdBack(host, null);
                }
            }
            case AttemptResult.Failure failure -> {
                // Connection or protocol trouble says nothing about the host's load.
            }
        }
    }

    /**
     * After a slow-down the next start is a whole (new) gap from now, not from the last start; a
     * Retry-After holds back every request to the host, not only the retry of the one that got it.
     */
    private void holdBack(Host host, String retryAfter) {
        long now = ticker.nanos();
        host.nextStart = Math.max(host.nextStart, now + host.pace.gapNanos());
        Optional<Duration> wait = RetryAfter.parse(retryAfter, clock.instant());
        if (wait.isPresent() && wait.get().compareTo(maxRetryAfter) <= 0) {
            host.nextStart = Math.max(host.nextStart, now + wait.get().toNanos());
        }
    }

    private Host host(String key) {
        Host host = hosts.get(key);
        if (host == null) {
            host = new Host();
            host.nextStart = ticker.nanos();
            hosts.put(key, host);
        }
        return host;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
