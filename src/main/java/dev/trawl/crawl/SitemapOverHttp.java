package dev.trawl.crawl;

import dev.trawl.fetch.BodyPolicy;
import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.RedirectGate;
import dev.trawl.sitemap.SitemapFetch;
import dev.trawl.sitemap.SitemapSource;
import java.util.Arrays;
import okhttp3.HttpUrl;

/**
 * Fetches sitemaps with the crawl's client, pacing and retries. Bodies are read up to the
 * sitemap reader's own cap (compressed files are inflated by the reader, which caps them again),
 * any content type, with redirects followed like robots.txt's.
 */
final class SitemapOverHttp implements SitemapSource {
    private static final int MAX_HOPS = 5;

    private final Fetcher fetcher;
    private final BodyPolicy body;

    SitemapOverHttp(Fetcher fetcher, long maxBytes) {
        this.fetcher = fetcher;
        this.body = new BodyPolicy(maxBytes, true, type -> true);
    }

    @Override
    public SitemapFetch fetch(HttpUrl url) throws InterruptedException {
        return switch (fetcher.fetch(url, RedirectGate.FOLLOW_ALL, body, MAX_HOPS)) {
            case FetchResult.Fetched fetched -> new SitemapFetch.Body(fetched.status(), fetched.body() == null
                    ? new byte[0] : Arrays.copyOf(fetched.body().bytes(), fetched.body().length()));
            case FetchResult.Redirected redirected -> new SitemapFetch.Failed("redirected to " + redirected.finalUrl());
            case FetchResult.NotModified unchanged -> new SitemapFetch.Failed("304 to an unconditional request");
            case FetchResult.Failed failed -> failed.status() != null
                    ? new SitemapFetch.Body(failed.status(), new byte[0])
                    : new SitemapFetch.Failed(failed.error().message());
        };
    }
}
