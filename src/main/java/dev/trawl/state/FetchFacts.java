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
 * @param error          the record's error type as written ({@code http}, {@code timeout}, ...), null when none;
 *                       a resumed run counts its errors from these
 */
public record FetchFacts(Integer status, String etag, String lastModified, String contentHash, Instant fetchedAt,
        String sitemapLastmod, String error) {
    public FetchFacts {
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /** Facts of a record without an error. */
    public FetchFacts(Integer status, String etag, String lastModified, String contentHash, Instant fetchedAt,
            String sitemapLastmod) {
        this(status, etag, lastModified, contentHash, fetchedAt, sitemapLastmod, null);
    }
}
