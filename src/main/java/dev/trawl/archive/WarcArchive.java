package dev.trawl.archive;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * The crawl's WARC file ({@code --warc}, ISO 28500, WARC/1.1): a {@code warcinfo} record first, then
 * for every HTTP exchange a {@code request} and a {@code response} record, the response holding the
 * status line, headers and body as received, with block and payload digests (SHA-1, base32, as
 * archive tools expect). A name ending in {@code .gz} gets each record as its own gzip member, so
 * readers can seek to any record. Records come from many fetchers at once and are written whole, one
 * exchange at a time. A failed write is reported once and the archive stops: the crawl decides what
 * that means.
 */
public final class WarcArchive implements AutoCloseable {
    private final WarcWriter writer;
    private final URI warcinfoId;
    private final Consumer<IOException> failed;
    private boolean broken;

    private WarcArchive(WarcWriter writer, URI warcinfoId, Consumer<IOException> failed) {
        this.writer = writer;
        this.warcinfoId = warcinfoId;
        this.failed = failed;
    }

    /**
     * Creates (or replaces) the file and writes its warcinfo record.
     *
     * @param fields the warcinfo's fields (software, format, the crawl's options, ...), in order
     * @param failed told of the first write that fails
     */
    public static WarcArchive create(Path file, Map<String, String> fields, Instant now, Consumer<IOException> failed)
            throws IOException {
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            WarcWriter writer = new WarcWriter(channel, gzip ? WarcCompression.GZIP : WarcCompression.NONE);
            Map<String, List<String>> info = new LinkedHashMap<>();
            fields.forEach((name, value) -> info.put(name, List.of(value)));
            Warcinfo warcinfo = new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(now).filename(file.getFileName().toString()).fields(info)
                    .build();
            writer.write(warcinfo);
            return new WarcArchive(writer, warcinfo.id(), failed);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Writes the exchange's request and response records, one after the other. */
    public void record(Exchange exchange) {
        byte[] requestBlock = requestBlock(exchange);
        byte[] responseHead = responseHead(exchange);
        byte[] responseBlock = new byte[responseHead.length + exchange.body().length];
        System.arraycopy(responseHead, 0, responseBlock, 0, responseHead.length);
        System.arraycopy(exchange.body(), 0, responseBlock, responseHead.length, exchange.body().length);
        WarcRequest.Builder request = new WarcRequest.Builder(exchange.uri()).version(MessageVersion.WARC_1_1)
                .date(exchange.started())
                .warcinfoId(warcinfoId).blockDigest(sha1(requestBlock))
                .body(MediaType.HTTP_REQUEST, requestBlock);
        if (exchange.address() != null) {
            request.ipAddress(exchange.address());
        }
        WarcRequest requestRecord = request.build();
        WarcResponse.Builder response = new WarcResponse.Builder(exchange.uri()).version(MessageVersion.WARC_1_1)
                .date(exchange.started())
                .warcinfoId(warcinfoId).concurrentTo(requestRecord.id())
                .blockDigest(sha1(responseBlock)).payloadDigest(sha1(exchange.body()))
                .body(MediaType.HTTP_RESPONSE, responseBlock);
        if (exchange.address() != null) {
            response.ipAddress(exchange.address());
        }
        if (exchange.truncated() != null) {
            response.truncated(WarcTruncationReason.valueOf(exchange.truncated().name()));
        }
        WarcResponse responseRecord = response.build();
        synchronized (this) {
            if (broken) {
                return;
            }
            try {
                writer.write(requestRecord);
                writer.write(responseRecord);
            } catch (IOException e) {
                broken = true;
                failed.accept(e);
            }
        }
    }

    /** The request line and headers as sent (a GET has no body). */
    private static byte[] requestBlock(Exchange exchange) {
        StringBuilder head = new StringBuilder(exchange.method()).append(' ').append(exchange.requestTarget())
                .append(' ').append(exchange.version()).append("\r\n");
        return headers(head, exchange.requestHeaders());
    }

    private static byte[] responseHead(Exchange exchange) {
        StringBuilder head = new StringBuilder(exchange.version()).append(' ').append(exchange.status());
        if (!exchange.reason().isEmpty()) {
            head.append(' ').append(exchange.reason());
        }
        head.append("\r\n");
        return headers(head, exchange.responseHeaders());
    }

    private static byte[] headers(StringBuilder head, List<String[]> headers) {
        for (String[] header : headers) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        head.append("\r\n");
        // Header bytes as they were on the wire: OkHttp keeps them as Latin-1 characters.
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static WarcDigest sha1(byte[] bytes) {
        try {
            return new WarcDigest("sha1", MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Closes the file; a failure is told like a failed write. */
    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            if (!broken) {
                broken = true;
                failed.accept(e);
            }
        }
    }
}
