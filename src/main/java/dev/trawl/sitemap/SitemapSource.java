package dev.trawl.sitemap;

import okhttp3.HttpUrl;

/** How the reader gets a sitemap file; the engine supplies one that uses its HTTP client and pacing. */
@FunctionalInterface
public interface SitemapSource {

    /**
     * Fetches one sitemap file, following redirects. Called at most once per distinct URL in one
     * {@link SitemapReader#read} call.
     *
     * <p>Failures should be returned as {@link SitemapFetch.Failed}; a {@code RuntimeException} (or
     * {@code null}) is read the same way. If the calling thread is interrupted, throw
     * {@code InterruptedException} (or leave the interrupt flag set): the read then ends with that
     * exception instead of carrying on with the next sitemap.
     */
    SitemapFetch fetch(HttpUrl url) throws InterruptedException;
}
