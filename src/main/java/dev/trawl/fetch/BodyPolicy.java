package dev.trawl.fetch;

import java.util.function.Predicate;

/**
 * How much of a response body to read.
 *
 * @param maxBytes  the most bytes read, after decompression
 * @param truncate  when more arrive: keep the first {@code maxBytes} (robots.txt) or fail with {@code too_large} (pages)
 * @param readIf    whether to read the body of a 2xx response with this media type (may be null)
 */
public record BodyPolicy(long maxBytes, boolean truncate, Predicate<String> readIf) {
}
