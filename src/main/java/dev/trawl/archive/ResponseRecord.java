package dev.trawl.archive;

import java.net.URI;
import java.time.Instant;

/**
 * The response record that holds a URL's payload in the archive, for a later revisit record to
 * refer to ({@code WARC-Refers-To}, {@code WARC-Refers-To-Date}).
 *
 * @param id   its WARC-Record-ID
 * @param date its WARC-Date
 */
public record ResponseRecord(URI id, Instant date) {
}
