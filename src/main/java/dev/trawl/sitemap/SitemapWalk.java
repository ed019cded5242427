package dev.trawl.sitemap;

import dev.trawl.url.UrlNormalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.HttpUrl;

/**
 * One {@link SitemapReader#read} call: the state of a depth-first walk through one host's sitemaps.
 * Used once, by one thread.
 */
final class SitemapWalk {
    private final SitemapSource source;
    private final SitemapLimits limits;
    private final Consumer<String> warnings;
    private final HttpUrl site;
    private final Map<String, SitemapEntry> entries = new LinkedHashMap<>();
    private final Set<String> fetched = new HashSet<>();
    private final Deque<String> indexes = new ArrayDeque<>(); // the indexes being read, outermost first
    private boolean stopped;

    SitemapWalk(SitemapSource source, SitemapLimits limits, Consumer<String> warnings, HttpUrl site) {
        this.source = source;
        this.limits = limits;
        this.warnings = warnings;
        this.site = site;
    }

    List<SitemapEntry> walk(List<String> sitemapUrls) throws InterruptedException {
        for (HttpUrl root : roots(sitemapUrls)) {
            if (stopped) {
                break;
            }
            visit(root, 0);
        }
        return List.copyOf(entries.values());
    }

    /** The robots.txt sitemaps, on any host (listing them there is how a site cross-submits), else /sitemap.xml. */
    private List<HttpUrl> roots(List<String> sitemapUrls) {
        if (sitemapUrls.isEmpty()) {
            return List.of(new HttpUrl.Builder().scheme(site.scheme()).host(site.host()).port(site.port())
                    .encodedPath("/sitemap.xml").build());
        }
        List<HttpUrl> roots = new ArrayList<>();
        for (String url : sitemapUrls) {
            Optional<HttpUrl> parsed = UrlNormalizer.parse(url);
            parsed.ifPresentOrElse(roots::add, () -> warn(String.valueOf(url), "not an http(s) URL; skipped"));
        }
        return roots;
    }

    private void visit(HttpUrl sitemap, int depth) throws InterruptedException {
        String key = UrlNormalizer.key(sitemap);
        if (!fetched.add(key)) {
            return; // listed twice (robots.txt and an index, or two indexes): its URLs are in already
        }
        if (fetched.size() > limits.maxFilesPerHost()) {
            warn(key, "not read, nor any sitemap after it: " + limits.maxFilesPerHost() + " files read (max per host)");
            stopped = true;
            return;
        }
        SitemapFetch fetch = fetchQuietly(sitemap);
        switch (fetch) {
            case SitemapFetch.Failed failed -> warn(key, "fetch failed: " + failed.reason());
            case SitemapFetch.Body body when body.status() < 200 || body.status() > 299 -> warn(key, "HTTP " + body.status());
            case SitemapFetch.Body body -> read(sitemap, key, depth, SitemapParser.parse(body.bytes(), sitemap, limits));
        }
    }

    private SitemapFetch fetchQuietly(HttpUrl sitemap) throws InterruptedException {
        SitemapFetch fetch;
        try {
            fetch = source.fetch(sitemap);
        } catch (RuntimeException e) {
            fetch = new SitemapFetch.Failed(e.toString()); // one sitemap's failure must not end the read
        }
        if (Thread.interrupted()) { // a source that swallowed the interrupt: don't carry on with the next file
            throw new InterruptedException("interrupted while fetching " + sitemap);
        }
        return fetch == null ? new SitemapFetch.Failed("sitemap source returned nothing") : fetch;
    }

    private void read(HttpUrl sitemap, String key, int depth, SitemapDocument document) throws InterruptedException {
        if (document.skipped() > 0) {
            warn(key, document.skipped() + " entries skipped: <loc> missing, too long or not an absolute http(s) URL");
        }
        int kept = document.urls().size() + document.sitemaps().size();
        document.stopped().ifPresent(reason -> warn(key, kept == 0 ? reason : reason + "; kept the " + kept + " entries before it"));
        switch (document.kind()) {
            case URLSET -> add(key, document.urls());
            case INDEX -> follow(sitemap, key, depth, document.sitemaps());
        }
    }

    private void add(String key, List<SitemapEntry> urls) {
        for (SitemapEntry entry : urls) {
            if (entries.containsKey(entry.url())) {
                continue; // the first sitemap to list a URL wins
            }
            if (entries.size() == limits.maxUrlsPerHost()) {
                warn(key, "more than " + limits.maxUrlsPerHost() + " URLs for the host (max per host);"
                        + " the rest of this sitemap and any sitemap after it not read");
                stopped = true;
                return;
            }
            entries.put(entry.url(), entry);
        }
    }

    /**
     * Reads an index's children depth-first, in document order, so the entries come out in the order
     * a person reading the files would meet them. A child must be on the host being read or on the
     * index's own host (a cross-submitted index names its siblings); the others are skipped.
     */
    private void follow(HttpUrl index, String key, int depth, List<HttpUrl> children) throws InterruptedException {
        if (children.isEmpty()) {
            return;
        }
        if (depth >= limits.maxIndexDepth()) {
            warn(key, "index at depth " + depth + " (max " + limits.maxIndexDepth() + "); its "
                    + children.size() + " sitemaps not read");
            return;
        }
        List<HttpUrl> sameHost = new ArrayList<>();
        HttpUrl otherHost = null;
        for (HttpUrl child : children) {
            if (child.host().equals(site.host()) || child.host().equals(index.host())) {
                sameHost.add(child);
            } else if (otherHost == null) {
                otherHost = child;
            }
        }
        if (otherHost != null) {
            warn(key, (children.size() - sameHost.size()) + " sitemaps on other hosts skipped, e.g. "
                    + UrlNormalizer.key(otherHost));
        }
        indexes.addLast(key);
        try {
            for (HttpUrl child : sameHost) {
                if (stopped) {
                    return;
                }
                String childKey = UrlNormalizer.key(child);
                if (indexes.contains(childKey)) {
                    warn(key, "lists " + childKey + ", an index that leads here (cycle); not read again");
                } else {
                    visit(child, depth + 1);
                }
            }
        } finally {
            indexes.removeLast();
        }
    }

    private void warn(String sitemap, String message) {
        warnings.accept(("sitemap " + sitemap + ": " + message).replaceAll("[\\s\\p{Cntrl}]+", " ").strip());
    }
}
