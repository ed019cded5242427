package dev.trawl.archive;

import java.time.Instant;

/**
 * What a URL's last fetch in an earlier run left that the archive can compare with: the SHA-256 of
 * its body (hex, as the crawl state keeps it) and when it was fetched.
 */
public record EarlierCapture(String sha256, Instant fetchedAt) {
}
