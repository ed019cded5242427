package dev.trawl.state;

import dev.trawl.archive.ResponseRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * What to remember about a finished URL; it replaces what an earlier fetch left, except after a
 * 304 ({@code notModified}): the page is as it was, so its stored content and content hash stay,
 * and so does a validator the 304 did not repeat (a server may answer 304 with no headers at all).
 *
 * @param status         the HTTP status, null when there was no response
 * @param etag           null when unknown
 * @param lastModified   null when unknown
 * @param contentHash    null when unknown
 * @param fetchedAt      when it was fetched; required (stored to the millisecond)
 * @param sitemapLastmod the sitemap's lastmod for the URL, null when none
 * @param error          the record's error type as written ({@code http}, {@code timeout}, ...), null when none;
 *                       a resumed run counts its errors from these
 * @param content        what a 2xx answer gave the record, for a later 304's record; null when there
 *                       is none (an error, a redirect, a robots.txt refusal) and for a 304
 * @param notModified    a 304 in answer to a conditional request
 * @param archived       the WARC response record that holds the body, for a later revisit to refer to;
 *                       null when the fetch was not archived (then one of an earlier fetch is kept
 *                       while the content hash stays the same) or has no body to refer to
 */
public record FetchFacts(Integer status, String etag, String lastModified, String contentHash, Instant fetchedAt,
        String sitemapLastmod, String error, PageContent content, boolean notModified, ResponseRecord archived) {
    public FetchFacts {
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        if (notModified && content != null) {
            throw new IllegalArgumentException("a 304 keeps the stored content");
        }
    }

    /** Facts of a record without an error, and without content to store. */
    public FetchFacts(Integer status, String etag, String lastModified, String contentHash, Instant fetchedAt,
            String sitemapLastmod) {
        this(status, etag, lastModified, contentHash, fetchedAt, sitemapLastmod, null, null, false, null);
    }
}
