package dev.trawl.sitemap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The uncompressed content of one sitemap body, as a stream that ends in an {@code IOException}
 * after {@code maxBytes} bytes if there is more.
 *
 * <p>gzip is recognised by its magic bytes ({@code 1f 8b}), never by the URL or a header: servers
 * label {@code .xml.gz} files every which way, and a fetcher may already have undone a
 * {@code Content-Encoding}. Inflating is lazy and stops at the cap, so a gzip bomb costs
 * {@code maxBytes} of work and a small buffer, never its full size. Why reading stopped early is
 * kept ({@link #failure()}), because a parser wraps the exception in its own. Not thread-safe.
 */
final class SitemapBody extends InputStream {
    private final byte[] bytes;
    private final long maxBytes;
    private InputStream source; // opened on first read: GZIPInputStream reads the header in its constructor
    private long count;
    private String failure;

    SitemapBody(byte[] bytes, long maxBytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.maxBytes = maxBytes;
    }

    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /** Why reading stopped before the end: over the cap, or broken gzip. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (failure != null) {
            throw new IOException(failure);
        }
        if (length == 0) {
            return 0;
        }
        long room = maxBytes - count;
        // At the cap, read one byte more to tell "exactly maxBytes" from "too large".
        int n = uncompressed(buffer, offset, (int) Math.max(1, Math.min(length, room)));
        if (n > 0 && room == 0) {
            throw fail("larger than " + maxBytes + " bytes uncompressed (max per file)");
        }
        count += Math.max(n, 0);
        return n;
    }

    @Override
    public void close() throws IOException {
        if (source != null) {
            source.close(); // frees the Inflater's native memory
        }
    }

    private int uncompressed(byte[] buffer, int offset, int length) throws IOException {
        try {
            if (source == null) {
                ByteArrayInputStream raw = new ByteArrayInputStream(bytes);
                source = isGzip(bytes) ? new GZIPInputStream(raw, 8192) : raw;
            }
            return source.read(buffer, offset, length);
        } catch (IOException e) {
            // Only inflating can fail here: a body cut by the fetcher's size limit, or not gzip after all.
            throw fail("gzip data cut short or corrupt (" + e.getMessage() + ")");
        }
    }

    private IOException fail(String reason) {
        failure = reason;
        return new IOException(reason);
    }
}
