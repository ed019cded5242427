package dev.trawl;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A fake site for MockWebServer, scripted per path (like {@code crawl.FakeSite}, which is
 * package-private there): fixed pages, plus optionally a generated tree of pages
 * {@code /}, {@code /p/1}, {@code /p/2}, ... for crawls that must last. Requests are counted per
 * path; unknown paths are 404, so robots.txt is 404 (allow all).
 */
final class ScriptedSite extends Dispatcher {
    private static final Pattern TREE_PAGE = Pattern.compile("/p/(\\d+)");

    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private volatile int treePages;
    private volatile int fanout;
    private volatile Duration treeDelay = Duration.ZERO;

    ScriptedSite page(String path, String title, String... links) {
        routes.put(path, request -> html(title, links).build());
        return this;
    }

    ScriptedSite route(String path, Function<RecordedRequest, MockResponse> response) {
        routes.put(path, response);
        return this;
    }

    /**
     * A tree of {@code pages} pages: page 0 is {@code /}, page i is {@code /p/i}, and page i links
     * to pages {@code fanout*i+1 .. fanout*i+fanout}. Each answer's headers wait {@code delay}.
     */
    ScriptedSite tree(int pages, int fanout, Duration delay) {
        this.treePages = pages;
        this.fanout = fanout;
        this.treeDelay = delay;
        return this;
    }

    /** The paths of the tree within {@code maxDepth} hops of {@code /}. */
    int treePagesWithin(int maxDepth) {
        int count = 0;
        int levelStart = 0;
        int levelSize = 1;
        for (int depth = 0; depth <= maxDepth && levelStart < treePages; depth++) {
            count += Math.min(levelSize, treePages - levelStart);
            levelStart += levelSize;
            levelSize *= fanout;
        }
        return count;
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath()
                + (request.getUrl().encodedQuery() == null ? "" : "?" + request.getUrl().encodedQuery());
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Function<RecordedRequest, MockResponse> route = routes.get(path);
        if (route != null) {
            return route.apply(request);
        }
        int node = treeNode(path);
        if (node >= 0) {
            return treePage(node);
        }
        return new MockResponse.Builder().code(404).body("not found").build();
    }

    private int treeNode(String path) {
        if (treePages == 0) {
            return -1;
        }
        if (path.equals("/")) {
            return 0;
        }
        Matcher m = TREE_PAGE.matcher(path);
        if (!m.matches() || m.group(1).length() > 9) {
            return -1;
        }
        int node = Integer.parseInt(m.group(1));
        return node > 0 && node < treePages ? node : -1;
    }

    private MockResponse treePage(int node) {
        int first = fanout * node + 1;
        int last = Math.min(fanout * node + fanout, treePages - 1);
        String[] links = new String[Math.max(0, last - first + 1)];
        for (int child = first; child <= last; child++) {
            links[child - first] = "/p/" + child;
        }
        return html("Page " + node, links).headersDelay(treeDelay.toMillis(), TimeUnit.MILLISECONDS).build();
    }

    /** A UTF-8 HTML page; {@code title} is inserted as is, so it may hold entities. */
    static MockResponse.Builder html(String title, String... links) {
        StringBuilder body = new StringBuilder("<!doctype html><html><head><title>").append(title)
                .append("</title></head><body>\n");
        for (String link : links) {
            body.append("<a href=\"").append(link).append("\">").append(link).append("</a>\n");
        }
        body.append("</body></html>\n");
        return new MockResponse.Builder().addHeader("Content-Type", "text/html; charset=utf-8").body(body.toString());
    }
}
