package dev.trawl.archive;

import java.time.Instant;

/**
 * What a URL's last fetch in an earlier run left that the archive can compare with and point at.
 *
 * @param sha256    the SHA-256 of its body (hex, as the crawl state keeps it), or null
 * @param fetchedAt when it was fetched
 * @param record    the response record holding that body in the archive, or null when unknown (it was
 *                  not archived, or by a trawl that did not keep record ids)
 */
public record EarlierCapture(String sha256, Instant fetchedAt, ResponseRecord record) {
}
