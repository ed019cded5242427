package dev.trawl.robots;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import okhttp3.HttpUrl;

/**
 * robots.txt rules per origin (scheme, host, port), fetched once and shared by all threads for the
 * life of the crawl. Thread-safe.
 *
 * <p>What a fetch means (RFC 9309 §2.3.1):
 * <table>
 *   <caption>Fetch outcome to rules</caption>
 *   <tr><th>Outcome</th><th>Rules</th></tr>
 *   <tr><td>2xx</td><td>the body, parsed</td></tr>
 *   <tr><td>3xx as final status (redirects exhausted)</td><td>allow all ("unavailable")</td></tr>
 *   <tr><td>4xx except 429: 400, 401, 403, 404, 410 …</td><td>allow all ("unavailable")</td></tr>
 *   <tr><td>429 Too Many Requests</td><td>disallow all: the server is asking us to back off, so it
 *       is treated like a 5xx, as Google does</td></tr>
 *   <tr><td>5xx, and any status outside 200–599</td><td>disallow all ("unreachable")</td></tr>
 *   <tr><td>{@link RobotsFetch.Unreachable}, or the source threw a {@code RuntimeException} or
 *       returned {@code null}</td><td>disallow all ("unreachable")</td></tr>
 * </table>
 * Every outcome, failures included, is kept for the rest of the crawl: a CLI crawl is short, and
 * asking a failing server again for each URL would be neither polite nor useful. The one exception is
 * an interrupted fetch, which is not an answer from the server and is not kept.
 */
public final class RobotsCache {
    private final RobotsSource source;
    private final ProductToken productToken;
    private final ConcurrentMap<Origin, CompletableFuture<RobotsRules>> byOrigin = new ConcurrentHashMap<>();

    /**
     * @param source       fetches a robots.txt; called at most once per origin (again only after an
     *                     interrupted fetch)
     * @param productToken the crawler's robots.txt name, e.g. {@code trawl}
     * @throws IllegalArgumentException if the product token is blank
     */
    public RobotsCache(RobotsSource source, String productToken) {
        this.source = Objects.requireNonNull(source, "source");
        this.productToken = new ProductToken(productToken);
    }

    /**
     * Rules for the URL's origin, fetching {@code /robots.txt} on first use. Concurrent callers for
     * the same origin wait for the one fetch; callers for other origins are never blocked by it (no
     * lock is held while fetching).
     *
     * @throws InterruptedException if this thread is interrupted while fetching or waiting; nothing
     *                              is cached for an interrupted fetch, so the next caller fetches again
     */
    public RobotsRules rulesFor(HttpUrl url) throws InterruptedException {
        Origin origin = Origin.of(url);
        while (true) {
            CompletableFuture<RobotsRules> existing = byOrigin.get(origin);
            if (existing == null) {
                CompletableFuture<RobotsRules> mine = new CompletableFuture<>();
                existing = byOrigin.putIfAbsent(origin, mine);
                if (existing == null) {
                    return fetchInto(origin, mine);
                }
            }
            try {
                return existing.get();
            } catch (CancellationException | ExecutionException e) {
                // The fetching thread was interrupted and has removed its entry: try again, maybe as
                // the fetcher this time.
            }
        }
    }

    /** Whether the crawler may fetch the URL: {@code rulesFor(url).allows(pathAndQuery(url))}. */
    public boolean allows(HttpUrl url) throws InterruptedException {
        return rulesFor(url).allows(pathAndQuery(url));
    }

    /** What robots.txt rules are matched against: the URL's encoded path, and {@code ?query} if any. */
    public static String pathAndQuery(HttpUrl url) {
        String query = url.encodedQuery();
        return query == null ? url.encodedPath() : url.encodedPath() + "?" + query;
    }

    /** Origins with rules cached or being fetched. */
    public int size() {
        return byOrigin.size();
    }

    private RobotsRules fetchInto(Origin origin, CompletableFuture<RobotsRules> slot) throws InterruptedException {
        boolean completed = false;
        try {
            RobotsFetch fetch = fetchQuietly(origin.robotsUrl());
            // A source that swallowed the interrupt (e.g. reported it as Unreachable) must not make us
            // remember "disallow all" for the whole crawl.
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while fetching " + origin.robotsUrl());
            }
            RobotsRules rules = rulesFrom(fetch);
            slot.complete(rules);
            completed = true;
            return rules;
        } finally {
            if (!completed) {
                // Remove before waking the waiters, so that their retry does not find this entry.
                byOrigin.remove(origin, slot);
                slot.cancel(false);
            }
        }
    }

    private RobotsFetch fetchQuietly(HttpUrl robotsUrl) throws InterruptedException {
        try {
            RobotsFetch fetch = source.fetch(robotsUrl);
            return fetch == null ? new RobotsFetch.Unreachable("robots source returned nothing") : fetch;
        } catch (RuntimeException e) {
            // One origin's failure must not reach the caller as an exception, nor poison the cache.
            return new RobotsFetch.Unreachable(e.toString());
        }
    }

    private RobotsRules rulesFrom(RobotsFetch fetch) {
        return switch (fetch) {
            case RobotsFetch.Response r when r.status() >= 200 && r.status() < 300 ->
                    RobotsParser.parse(r.body(), productToken);
            case RobotsFetch.Response r when r.status() == 429 -> RobotsRules.unreachable("HTTP 429");
            case RobotsFetch.Response r when r.status() >= 300 && r.status() < 500 -> RobotsRules.allowAll();
            case RobotsFetch.Response r -> RobotsRules.unreachable("HTTP " + r.status());
            case RobotsFetch.Unreachable u -> RobotsRules.unreachable(u.reason(), u.failure());
        };
    }

    /** The scope of one robots.txt (RFC 9309 §2.3). */
    private record Origin(String scheme, String host, int port) {
        static Origin of(HttpUrl url) {
            return new Origin(url.scheme(), url.host(), url.port());
        }

        HttpUrl robotsUrl() {
            return new HttpUrl.Builder().scheme(scheme).host(host).port(port).encodedPath("/robots.txt").build();
        }
    }
}
