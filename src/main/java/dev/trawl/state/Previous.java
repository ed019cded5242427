package dev.trawl.state;

import dev.trawl.archive.ResponseRecord;
import java.time.Instant;

/**
 * What the previous fetch of a URL left behind, in an earlier run or earlier in this one: the
 * validators for a conditional request and the content hash that decides {@code changed}.
 *
 * @param status       the HTTP status, null when there was no response
 * @param etag         the ETag header, null when absent
 * @param lastModified the Last-Modified header as sent, null when absent
 * @param contentHash  the hash of the body, null when unknown
 * @param fetchedAt    when it was fetched (millisecond precision)
 * @param run          the run that fetched it
 * @param hasContent   whether its {@link PageContent} is stored, so that a 304 can carry it: false
 *                     for a fetch without a 2xx answer, and for one made before the state's schema
 *                     version 2
 * @param archived     the WARC response record holding the body {@code contentHash} is of, or null
 *                     when unknown
 */
public record Previous(Integer status, String etag, String lastModified, String contentHash, Instant fetchedAt,
        long run, boolean hasContent, ResponseRecord archived) {

    /** A fetch whose body is in no archive the state knows of. */
    public Previous(Integer status, String etag, String lastModified, String contentHash, Instant fetchedAt, long run,
            boolean hasContent) {
        this(status, etag, lastModified, contentHash, fetchedAt, run, hasContent, null);
    }
}
