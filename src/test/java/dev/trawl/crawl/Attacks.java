package dev.trawl.crawl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hostile answers for a {@link RawServer}, each a {@link RawServer.Handler}. The big ones are
 * generated as they are written, so serving "10 GB" costs the server a few kilobytes: a client that
 * stops reading (as trawl must) ends the stream by hanging up.
 */
public final class Attacks {
    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;
    private static final String HTML = "Content-Type: text/html; charset=utf-8";
    private static final byte[] ZEROS = new byte[64 * 1024];

    private Attacks() {
    }

    /**
     * One big attack: where it is served, and how the page must end: an error type, or "none" for
     * a bounded result.
     */
    public record Big(String path, RawServer.Handler handler, String outcome) {
    }

    /** Every big attack of issue 5, each at its own path, for crawls that take them all at once. */
    public static List<Big> big() {
        return List.of(
                new Big("/endless-headers", endlessHeaders(), "io"),
                new Big("/huge-header", hugeHeader(10 * MIB), "io"),
                new Big("/10-gib", hugeBody(10 * GIB), "too_large"),
                new Big("/10-gib-chunked", hugeChunkedBody(10 * GIB), "too_large"),
                new Big("/gzip-bomb", gzipBomb(), "too_large"),
                new Big("/brotli-bomb", brotliBomb(), "too_large"),
                new Big("/50-mib-title", hugeTitle(50 * MIB), "too_large"),
                new Big(MILLION_LINKS_PATH, millionLinks(), "none"),
                new Big("/deep", deepNesting(100_000, "/bottom"), "none"));
    }

    /** The status line and headers, one byte every {@code gap}: never finished within a deadline. */
    public static RawServer.Handler drippedHeaders(Duration gap) {
        return exchange -> exchange.drip(("HTTP/1.1 200 OK\r\n" + HTML + "\r\nX-Padding: " + "p".repeat(10_000)
                + "\r\n\r\n<title>never</title>").getBytes(StandardCharsets.ISO_8859_1), gap);
    }

    /** Prompt headers, then a body of one byte every {@code gap}, forever. */
    public static RawServer.Handler drippedBody(Duration gap) {
        return exchange -> {
            exchange.head("HTTP/1.1 200 OK", HTML, "Connection: close");
            exchange.write("<html><head><title>dripping</title></head><body>");
            while (true) {
                exchange.drip(new byte[] {'x'}, gap);
            }
        };
    }

    /** Accepts the connection, reads the request, and never answers. */
    public static RawServer.Handler silence() {
        return RawExchange::stall;
    }

    /** A status line, then header lines without end. */
    public static RawServer.Handler endlessHeaders() {
        byte[] line = "X-Again: and again and again and again and again\r\n".getBytes(StandardCharsets.ISO_8859_1);
        return exchange -> {
            exchange.write("HTTP/1.1 200 OK\r\n" + HTML + "\r\n");
            while (true) {
                exchange.repeat(line, line.length * 1024L);
            }
        };
    }

    /** One header whose value is {@code bytes} long. */
    public static RawServer.Handler hugeHeader(long bytes) {
        return exchange -> {
            exchange.write("HTTP/1.1 200 OK\r\n" + HTML + "\r\nX-Huge: ");
            exchange.repeat("a".repeat(64 * 1024).getBytes(StandardCharsets.ISO_8859_1), bytes);
            exchange.write("\r\nContent-Length: 0\r\n\r\n");
        };
    }

    /** A body of {@code length} zero bytes, announced with Content-Length. */
    public static RawServer.Handler hugeBody(long length) {
        return exchange -> {
            exchange.head("HTTP/1.1 200 OK", HTML, "Content-Length: " + length, "Connection: close");
            exchange.repeat(ZEROS, length);
        };
    }

    /** A chunked body of {@code length} zero bytes: no length announced, so only reading tells how big. */
    public static RawServer.Handler hugeChunkedBody(long length) {
        byte[] chunk = chunk(ZEROS);
        return exchange -> {
            exchange.head("HTTP/1.1 200 OK", HTML, "Transfer-Encoding: chunked", "Connection: close");
            exchange.repeat(chunk, length / ZEROS.length * chunk.length);
            exchange.write("0\r\n\r\n");
        };
    }

    /**
     * A gzip body of about 10 MiB that inflates to 10 GiB of zeros, with an honest Content-Length.
     * Built from one deflated MiB of zeros: a full flush empties the compressor's window, so every
     * MiB after it deflates to the same 1 KiB, which is simply repeated.
     */
    public static RawServer.Handler gzipBomb() {
        return exchange -> {
            GzipBomb bomb = GzipBomb.INSTANCE;
            exchange.head("HTTP/1.1 200 OK", HTML, "Content-Encoding: gzip", "Content-Length: " + bomb.length(),
                    "Connection: close");
            exchange.write(GzipBomb.HEADER);
            exchange.repeat(bomb.block, (long) bomb.block.length * GzipBomb.BLOCKS);
            exchange.write(bomb.trailer());
        };
    }

    /** The test resource zeros-1GiB.br: 809 bytes of brotli that decode to 1 GiB of zeros. */
    public static RawServer.Handler brotliBomb() {
        byte[] bomb = resource("/dev/trawl/fetch/zeros-1GiB.br");
        return exchange -> {
            exchange.head("HTTP/1.1 200 OK", HTML, "Content-Encoding: br", "Content-Length: " + bomb.length,
                    "Connection: close");
            exchange.write(bomb);
        };
    }

    /** A page whose title is {@code bytes} long, sent without a length (it ends when the connection does). */
    public static RawServer.Handler hugeTitle(long bytes) {
        return exchange -> {
            exchange.head("HTTP/1.1 200 OK", HTML, "Connection: close");
            exchange.write("<!doctype html><html><head><title>");
            exchange.repeat("Title ".repeat(10_000).getBytes(StandardCharsets.US_ASCII), bytes);
            exchange.write("</title></head><body></body></html>");
        };
    }

    /**
     * A million {@code <a>} elements in under 10 MB, the default --max-bytes: they cycle through the
     * 36 hrefs {@code /0}..{@code /z}, so the page has 36 distinct links.
     */
    public static RawServer.Handler millionLinks() {
        StringBuilder cycle = new StringBuilder();
        for (char c : LINK_NAMES.toCharArray()) {
            cycle.append("<a href=").append(c).append('>');
        }
        byte[] links = cycle.toString().getBytes(StandardCharsets.US_ASCII);
        long total = (long) links.length * (LINK_COUNT / LINK_NAMES.length());
        byte[] prefix = "<!doctype html><title>A million links</title>".getBytes(StandardCharsets.US_ASCII);
        return exchange -> {
            exchange.head("HTTP/1.1 200 OK", HTML, "Content-Length: " + (prefix.length + total), "Connection: close");
            exchange.write(prefix);
            exchange.repeat(links, total);
        };
    }

    /** The hrefs of {@link #millionLinks()}, relative to the page's directory. */
    public static final String LINK_NAMES = "0123456789abcdefghijklmnopqrstuvwxyz";
    /** Where {@link #big()} serves {@link #millionLinks()}. */
    public static final String MILLION_LINKS_PATH = "/million-links";
    static final int LINK_COUNT = 1_000_008; // a whole number of cycles of 36

    /** {@code levels} nested divs with a link at the bottom: the link still counts, the stack does not overflow. */
    public static RawServer.Handler deepNesting(int levels, String link) {
        return exchange -> {
            byte[] open = "<div>".repeat(levels).getBytes(StandardCharsets.US_ASCII);
            byte[] close = "</div>".repeat(levels).getBytes(StandardCharsets.US_ASCII);
            byte[] inner = ("<a href=\"" + link + "\">deep</a>").getBytes(StandardCharsets.US_ASCII);
            byte[] start = "<!doctype html><title>Deep</title>".getBytes(StandardCharsets.US_ASCII);
            exchange.head("HTTP/1.1 200 OK", HTML,
                    "Content-Length: " + (start.length + open.length + inner.length + close.length), "Connection: close");
            exchange.write(start).write(open).write(inner).write(close);
        };
    }

    static byte[] resource(String name) {
        try (InputStream in = Attacks.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] chunk(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The gzip bomb's parts, built once on first use. */
    private static final class GzipBomb {
        static final GzipBomb INSTANCE = new GzipBomb();
        /** Magic, deflate, no flags, no time, best compression, unknown OS. */
        static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 0xff};
        /** An empty final block with fixed codes: BFINAL 1, BTYPE 01, then end-of-block. */
        static final byte[] LAST_BLOCK = {3, 0};
        static final int BLOCKS = 10 * 1024; // MiB of zeros: 10 GiB
        final byte[] block;

        private GzipBomb() {
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            byte[] mib = new byte[(int) MIB];
            deflate(deflater, mib); // the first block may differ; the second is what every later one is
            block = deflate(deflater, mib);
            deflater.end();
        }

        long length() {
            return HEADER.length + (long) block.length * BLOCKS + LAST_BLOCK.length + 8;
        }

        /** The final block and the CRC-32 and size of the 10 GiB: computed only if a client reads that far. */
        byte[] trailer() {
            CRC32 crc = new CRC32();
            byte[] mib = new byte[(int) MIB];
            for (int i = 0; i < BLOCKS; i++) {
                crc.update(mib);
            }
            long size = BLOCKS * MIB;
            long value = crc.getValue();
            return new byte[] {LAST_BLOCK[0], LAST_BLOCK[1],
                (byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24),
                (byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)};
        }

        private static byte[] deflate(Deflater deflater, byte[] input) {
            deflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length || !deflater.needsInput());
            return out.toByteArray();
        }
    }
}
