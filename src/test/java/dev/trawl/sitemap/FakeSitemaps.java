package dev.trawl.sitemap;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;

/** A scripted SitemapSource: answers per URL (unknown URLs are 404) and records what was asked. */
final class FakeSitemaps implements SitemapSource {
    static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private final Map<String, SitemapFetch> files = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    FakeSitemaps answer(String url, SitemapFetch fetch) {
        files.put(HttpUrl.get(url).toString(), fetch);
        return this;
    }

    FakeSitemaps body(String url, byte[] bytes) {
        return answer(url, new SitemapFetch.Body(200, bytes));
    }

    FakeSitemaps body(String url, String body) {
        return body(url, body.getBytes(UTF_8));
    }

    /** URLs asked for, in order. */
    List<String> requested() {
        return List.copyOf(requested);
    }

    @Override
    public SitemapFetch fetch(HttpUrl url) {
        requested.add(url.toString());
        return files.getOrDefault(url.toString(), new SitemapFetch.Body(404, "not found".getBytes(UTF_8)));
    }

    /** A standard urlset listing the locs, without lastmod. */
    static String urlset(String... locs) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"" + NS + "\">\n");
        for (String loc : locs) {
            xml.append("  <url><loc>").append(loc).append("</loc></url>\n");
        }
        return xml.append("</urlset>\n").toString();
    }

    /** A standard sitemap index listing the locs. */
    static String index(String... locs) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"" + NS + "\">\n");
        for (String loc : locs) {
            xml.append("  <sitemap><loc>").append(loc).append("</loc><lastmod>2024-01-01</lastmod></sitemap>\n");
        }
        return xml.append("</sitemapindex>\n").toString();
    }
}
