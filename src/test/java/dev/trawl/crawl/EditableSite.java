package dev.trawl.crawl;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A site that is edited between crawls, served as a cache-aware server does: each page has an ETag
 * or a Last-Modified that changes when the page does, and a conditional request for an unchanged
 * page gets a 304. The 304 of a Last-Modified page carries no headers at all (as Python's
 * {@code http.server} answers), so a crawler has to keep the validators it had. Unknown paths and
 * removed pages are 404 (robots.txt too: everything is allowed). Every request but robots.txt's is
 * noted with the conditional header it carried.
 */
final class EditableSite extends Dispatcher {
    /** How a page tells a client whether it changed. */
    enum Validator { ETAG, LAST_MODIFIED }

    /**
     * One page as it is now. {@code html} null: a text/plain file whose body is {@code title}.
     *
     * @param header an extra response header of the full answer ({@code "X-Robots-Tag: noarchive"}), or null
     */
    record Page(String html, String title, List<String> links, Validator validator, String header) {
    }

    /** A request as the site saw it: the path, and the If-None-Match or If-Modified-Since it carried (or null). */
    record Request(String path, String conditional, int status) {
    }

    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** Adds or replaces an HTML page: {@code head} goes into its head (meta tags, canonical), then a link to each of {@code links}. */
    EditableSite html(String path, Validator validator, String title, String head, String... links) {
        StringBuilder body = new StringBuilder("<!doctype html><html><head><title>").append(title).append("</title>")
                .append(head).append("</head><body>\n");
        for (String link : links) {
            body.append("<a href=\"").append(link).append("\">").append(link).append("</a>\n");
        }
        body.append("</body></html>\n");
        return put(path, new Page(body.toString(), title, List.of(links), validator, null));
    }

    /** The same with an extra header on its full answers. */
    EditableSite withHeader(String path, String header) {
        Page page = pages.get(path);
        return put(path, new Page(page.html(), page.title(), page.links(), page.validator(), header));
    }

    EditableSite text(String path, Validator validator, String body) {
        return put(path, new Page(null, body, List.of(), validator, null));
    }

    EditableSite remove(String path) {
        pages.remove(path);
        versions.merge(path, 1, Integer::sum);
        return this;
    }

    private EditableSite put(String path, Page page) {
        if (!page.equals(pages.put(path, page))) {
            versions.merge(path, 1, Integer::sum);
        }
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void forgetRequests() {
        requests.clear();
    }

    /** Link hops from {@code seed} to every page reachable now (links to missing pages count as reached). */
    Map<String, Integer> distances(String seed) {
        Map<String, Integer> depth = new LinkedHashMap<>();
        depth.put(seed, 0);
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(seed));
        while (!queue.isEmpty()) {
            String path = queue.poll();
            Page page = pages.get(path);
            for (String link : page == null ? List.<String>of() : page.links()) {
                if (!depth.containsKey(link)) {
                    depth.put(link, depth.get(path) + 1);
                    queue.add(link);
                }
            }
        }
        return depth;
    }

    /** The pages that link to {@code path} now. */
    Set<String> linkingTo(String path) {
        return pages.entrySet().stream().filter(entry -> entry.getValue().links().contains(path))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        Page page = pages.get(path);
        if (page == null && path.equals("/robots.txt")) {
            return new MockResponse.Builder().code(404).build();
        }
        if (page == null) {
            requests.add(new Request(path, null, 404));
            return new MockResponse.Builder().code(404).body("not found").build();
        }
        int version = Objects.requireNonNull(versions.get(path));
        String etag = "\"" + path.hashCode() + "-" + version + "\"";
        // One version a day since 2025-07-01: a later version is a later date.
        String lastModified = String.format("Tue, %02d Jul 2025 10:00:00 GMT", version);
        String conditional = page.validator() == Validator.ETAG ? request.getHeaders().get("If-None-Match")
                : request.getHeaders().get("If-Modified-Since");
        String current = page.validator() == Validator.ETAG ? etag : lastModified;
        if (current.equals(conditional)) {
            requests.add(new Request(path, conditional, 304));
            MockResponse.Builder notModified = new MockResponse.Builder().code(304);
            if (page.validator() == Validator.ETAG) {
                notModified.addHeader("ETag", etag);
            }
            return notModified.build();
        }
        requests.add(new Request(path, conditional, 200));
        MockResponse.Builder full = new MockResponse.Builder()
                .addHeader("Content-Type", page.html() == null ? "text/plain" : "text/html; charset=utf-8")
                .body(page.html() == null ? page.title() : page.html());
        full.addHeader(page.validator() == Validator.ETAG ? "ETag" : "Last-Modified", current);
        if (page.header() != null) {
            full.addHeader(page.header());
        }
        return full.build();
    }
}
