package dev.trawl.state;

import java.time.Instant;
import java.util.Objects;

/**
 * What to remember about a finished URL; it replaces what an earlier fetch left.
 *
 * @param status         the HTTP status, null when there was no response
 * @param etag           null when unknown
 * @param lastModified   null when unknown
 * @param contentHash    null when unknown
 * @param fetchedAt      when it was fetched; required (stored to the millisecond)
 * @param sitemapLastmod the sitemap's lastmod for the URL, null when none
 */
public record FetchFacts(Integer status, String etag, String lastModified, String contentHash, Instant fetchedAt,
        String sitemapLastmod) {
    public FetchFacts {
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }
}
