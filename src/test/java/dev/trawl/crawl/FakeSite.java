package dev.trawl.crawl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A site scripted per path for MockWebServer: each path maps to a response factory; every
 * request is counted by path; unknown paths are 404. robots.txt is 404 (allow all) unless set.
 */
final class FakeSite extends Dispatcher {
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());

    /** A request as the server saw it arrive. */
    record Arrival(long nanos, String host, String path) {
    }

    FakeSite page(String path, String title, String... links) {
        return route(path, request -> html(title, links));
    }

    FakeSite route(String path, Function<RecordedRequest, MockResponse> response) {
        routes.put(path, response);
        return this;
    }

    FakeSite fixed(String path, MockResponse response) {
        return route(path, request -> response);
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    /** Requests for anything but robots.txt. */
    int pageHits() {
        return hits.entrySet().stream().filter(e -> !e.getKey().equals("/robots.txt"))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** Requests in arrival order, optionally only those for one host. */
    List<Arrival> arrivals(String host) {
        synchronized (arrivals) {
            return arrivals.stream().filter(a -> host == null || a.host().equals(host)).toList();
        }
    }

    /** The shortest time between two consecutive arrivals for the host, in milliseconds. */
    long shortestGapMillis(String host) {
        return shortestGapMillis(host, 1);
    }

    /**
     * The same from the arrival at index {@code from} on. Skipping the first gap leaves out the
     * time the first request spent opening the connection, which the server does not see.
     */
    long shortestGapMillis(String host, int from) {
        List<Arrival> list = arrivals(host);
        long shortest = Long.MAX_VALUE;
        for (int i = Math.max(1, from); i < list.size(); i++) {
            shortest = Math.min(shortest, list.get(i).nanos() - list.get(i - 1).nanos());
        }
        return shortest / 1_000_000;
    }

    /**
     * Checks that arrivals for the host from index {@code from} on are spaced by {@code gapMillis}:
     * on average (the whole span, with 10% for timer slack), and never closer than half of it (two
     * requests sent together would be). Arrival times carry the machine's jitter; the average and the
     * floor tell a paced crawler from an unpaced one without depending on it.
     */
    void assertSpaced(String host, int from, long gapMillis) {
        List<Arrival> list = arrivals(host);
        int gaps = list.size() - 1 - from;
        if (gaps < 1) {
            throw new AssertionError("too few requests to " + host + ": " + list);
        }
        long span = (list.getLast().nanos() - list.get(from).nanos()) / 1_000_000;
        if (span < gaps * gapMillis * 9 / 10) {
            throw new AssertionError(gaps + " gaps of " + gapMillis + "ms took only " + span + "ms: " + list);
        }
        long shortest = shortestGapMillis(host, from + 1);
        if (shortest < gapMillis / 2) {
            throw new AssertionError("two requests " + shortest + "ms apart: " + list);
        }
    }

    Map<String, AtomicInteger> allHits() {
        return hits;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath()
                + (request.getUrl().encodedQuery() == null ? "" : "?" + request.getUrl().encodedQuery());
        arrivals.add(new Arrival(System.nanoTime(), request.getUrl().host(), path));
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Function<RecordedRequest, MockResponse> route = routes.get(path);
        if (route == null) {
            return new MockResponse.Builder().code(404).body("not found").build();
        }
        return route.apply(request);
    }

    static MockResponse html(String title, String... links) {
        StringBuilder body = new StringBuilder("<!doctype html><html><head><title>").append(title)
                .append("</title></head><body>");
        for (String link : links) {
            body.append("<a href=\"").append(link).append("\">").append(link).append("</a>\n");
        }
        body.append("</body></html>");
        return new MockResponse.Builder().addHeader("Content-Type", "text/html; charset=utf-8")
                .body(body.toString()).build();
    }
}
