package dev.trawl.crawl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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

    /**
     * Checks that requests to the host (every host when null) started at least {@code gapMillis}
     * apart from {@code since} on, where {@code since} is a {@link System#nanoTime} read before the
     * crawl began: the k-th arrival (counting from 0) came no earlier than k gaps after it.
     *
     * <p>That much arrivals prove on any machine, however loaded. A request reaches the server some
     * time after it started (a new connection, a thread waiting for a CPU, a GC pause), and that
     * time differs from one request to the next: two requests started a gap apart can arrive
     * together, so the gaps between arrivals prove nothing about the gaps between starts. But a
     * paced host's k-th start is at least k gaps after its first, its first is after {@code since},
     * and the k-th arrival is no earlier than the k-th start. Load only delays arrivals, so it can
     * make this check easier to pass, never make it fail. That no two starts are ever closer than
     * the gap is checked on the pacer's own start times, in HostPacerTest.
     */
    void assertPacedSince(String host, long since, long gapMillis) {
        List<Arrival> list = arrivals(host).stream().sorted(Comparator.comparingLong(Arrival::nanos)).toList();
        for (int k = 0; k < list.size(); k++) {
            long earliest = since + k * gapMillis * 1_000_000;
            if (list.get(k).nanos() < earliest) {
                throw new AssertionError("arrival " + k + " came " + (earliest - list.get(k).nanos()) / 1_000_000
                        + "ms before " + k + " gaps of " + gapMillis + "ms had passed; ms since the crawl began: "
                        + list.stream().map(a -> a.path() + " " + (a.nanos() - since) / 1_000_000).toList());
            }
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
        MockResponse response = route == null ? new MockResponse.Builder().code(404).body("not found").build()
                : route.apply(request);
        // MockWebServer would send the body to a HEAD too, and the bytes left on the connection would
        // break the next response on it: a real server sends the headers only.
        return request.getMethod().equals("HEAD") ? response.newBuilder().body("").build() : response;
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
