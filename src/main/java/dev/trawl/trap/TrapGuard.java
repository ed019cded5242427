package dev.trawl.trap;

import dev.trawl.config.TrapLimits;
import dev.trawl.frontier.HostKey;
import dev.trawl.frontier.UrlFingerprint;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Decides whether a URL new to the crawl may be queued, so that calendars, session ids in paths and
 * relative-link loops cannot grow the crawl without end. Thread-safe.
 *
 * <p>The stateless checks run first (length, then repeated path segments); the budgets (per host,
 * then query variants per path) are checked and charged together under one lock, and only when
 * the URL is admitted, so a refused URL never uses up a budget and concurrent callers never
 * overshoot one.
 *
 * <p>Callers offer each URL once, when it is first seen (the frontier's seen set filters repeats),
 * so counting admitted URLs counts distinct URLs: a path's query budget is a plain counter, with no
 * set of the query strings seen.
 *
 * <p>Memory: nothing per URL. Per host, one map entry (the host string and a counter) while
 * {@code --max-pages-per-host} is set, none without it. Per distinct path that has been admitted
 * with a query, one map entry keyed by the 64-bit {@link UrlFingerprint} of scheme, authority and
 * path, so a long path costs no more than a short one: about 80 bytes (map node, boxed key,
 * one-element counter array, table slot). Paths without a query cost nothing. Two paths whose
 * fingerprints collide (about n²/2⁶⁵) share a query budget.
 */
public final class TrapGuard {
    private final int maxUrlLength;
    private final int maxRepeatedSegments;
    private final long maxPagesPerHost; // Long.MAX_VALUE when unlimited
    private final boolean hostBudget;
    private final int maxQueryVariants;
    private final BiConsumer<String, TrapReason> onRefusal;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, int[]> admittedPerHost = new HashMap<>();
    private final Map<Long, int[]> queriesPerPath = new HashMap<>();
    private final AtomicLongArray refused = new AtomicLongArray(TrapReason.values().length);

    /**
     * @param onRefusal told about each refused URL (for {@code -v}); called outside any lock, on the
     *                  caller's thread; may be a no-op
     */
    public TrapGuard(TrapLimits limits, BiConsumer<String, TrapReason> onRefusal) {
        this.maxUrlLength = limits.maxUrlLength();
        this.maxRepeatedSegments = limits.maxRepeatedSegments();
        this.hostBudget = limits.maxPagesPerHost().isPresent();
        this.maxPagesPerHost = limits.maxPagesPerHost().orElse(Long.MAX_VALUE);
        this.maxQueryVariants = limits.maxQueryVariants();
        this.onRefusal = Objects.requireNonNull(onRefusal, "onRefusal");
    }

    /**
     * Null when the URL may be queued, and then it is counted against its host's and its path's
     * budgets; otherwise the reason it may not. Call only for URLs new to the crawl.
     */
    public TrapReason admit(String normalizedUrl) {
        TrapReason reason = check(normalizedUrl);
        if (reason != null) {
            refused.incrementAndGet(reason.ordinal());
            onRefusal.accept(normalizedUrl, reason);
        }
        return reason;
    }

    /** URLs refused so far, by reason: only reasons with refusals, in {@link TrapReason} order. */
    public Map<TrapReason, Long> refusals() {
        Map<TrapReason, Long> snapshot = new EnumMap<>(TrapReason.class);
        for (TrapReason reason : TrapReason.values()) {
            long count = refused.get(reason.ordinal());
            if (count > 0) {
                snapshot.put(reason, count);
            }
        }
        return Collections.unmodifiableMap(snapshot);
    }

    private TrapReason check(String url) {
        if (url.length() > maxUrlLength) {
            return TrapReason.URL_TOO_LONG;
        }
        UrlParts parts = UrlParts.of(url);
        if (PathSegments.repeatMoreThan(url, parts.pathStart(), parts.pathEnd(), maxRepeatedSegments)) {
            return TrapReason.REPEATED_SEGMENTS;
        }
        String host = hostBudget ? HostKey.of(url) : null;
        Long path = parts.hasQuery() ? UrlFingerprint.of(url.substring(0, parts.pathEnd())) : null;
        lock.lock();
        try {
            if (host != null && count(admittedPerHost.get(host)) >= maxPagesPerHost) {
                return TrapReason.HOST_BUDGET;
            }
            if (path != null && count(queriesPerPath.get(path)) >= maxQueryVariants) {
                return TrapReason.QUERY_VARIANTS;
            }
            if (host != null) {
                admittedPerHost.computeIfAbsent(host, h -> new int[1])[0]++;
            }
            if (path != null) {
                queriesPerPath.computeIfAbsent(path, p -> new int[1])[0]++;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private static int count(int[] counter) {
        return counter == null ? 0 : counter[0];
    }

    /** Where the path of a URL string ends and whether a query follows, read without parsing the URL. */
    private record UrlParts(int pathStart, int pathEnd, boolean hasQuery) {
        static UrlParts of(String url) {
            int authority = url.indexOf("://");
            authority = authority < 0 ? 0 : authority + 3;
            int end = url.indexOf('#', authority); // normalized URLs have none; be safe anyway
            end = end < 0 ? url.length() : end;
            int query = url.indexOf('?', authority);
            query = query < 0 || query > end ? -1 : query;
            int pathEnd = query < 0 ? end : query;
            int slash = url.indexOf('/', authority);
            int pathStart = slash < 0 || slash > pathEnd ? pathEnd : slash;
            return new UrlParts(pathStart, pathEnd, query >= 0);
        }
    }
}
