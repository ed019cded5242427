package dev.trawl.archive;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCaptureRecord;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * The crawl's WARC file ({@code --warc}, ISO 28500, WARC/1.1): a {@code warcinfo} record first, then
 * for every HTTP exchange a {@code request} and a {@code response} record, the response holding the
 * status line, headers and body as received, with block and payload digests (SHA-1, base32, as
 * archive tools expect). A name ending in {@code .gz} gets each record as its own gzip member, so
 * readers can seek to any record. With a size limit the archive rolls over to numbered files, each
 * with its own warcinfo; records are never split. Records come from many fetchers at once and are written whole, one
 * exchange at a time. A failed write is reported once and the archive stops: the crawl decides what
 * that means.
 */
public final class WarcArchive implements AutoCloseable {
    private final Path file;
    private final OptionalLong maxSize;
    private final boolean keep;
    private final Map<String, List<String>> info;
    private final Clock clock;
    private final Consumer<IOException> failed;
    private WarcWriter writer;
    private URI warcinfoId;
    private int index;
    private boolean broken;

    private WarcArchive(Path file, OptionalLong maxSize, boolean keep, Map<String, List<String>> info, Clock clock,
            Consumer<IOException> failed) {
        this.file = file;
        this.maxSize = maxSize;
        this.keep = keep;
        this.info = info;
        this.clock = clock;
        this.failed = failed;
    }

    /**
     * Creates (or replaces) the file and writes its warcinfo record.
     *
     * @param maxSize a file this large is closed and the next one begun (FILE-00000.warc.gz, FILE-00001...);
     *                empty: one file, named FILE
     * @param keep    keep the files there are and go on in the next numbered one (FILE-00001.warc.gz after
     *                FILE.warc.gz): a crawl that goes on from a state does not throw away what its earlier
     *                processes archived, nor write after a record a kill may have torn
     * @param fields  the warcinfo's fields (software, format, the crawl's options, ...), in order
     * @param failed  told of the first write that fails
     */
    public static WarcArchive create(Path file, OptionalLong maxSize, boolean keep, Map<String, String> fields,
            Clock clock, Consumer<IOException> failed) throws IOException {
        Map<String, List<String>> info = new LinkedHashMap<>();
        fields.forEach((name, value) -> info.put(name, List.of(value)));
        WarcArchive archive = new WarcArchive(file, maxSize, keep, info, clock, failed);
        while (keep && Files.exists(archive.path())) {
            archive.index++;
        }
        archive.begin();
        return archive;
    }

    /** The file being written: FILE itself, unless the archive rolls over or goes on after earlier files. */
    private Path path() {
        return maxSize.isEmpty() && index == 0 ? file : numbered(file, index);
    }

    /** The file a roll-over numbers: "crawl.warc.gz" gives "crawl-00001.warc.gz", as wget names them. */
    static Path numbered(Path file, int index) {
        String name = file.getFileName().toString();
        int dot = name.toLowerCase(Locale.ROOT).indexOf(".warc");
        String stem = dot < 0 ? name : name.substring(0, dot);
        String extension = dot < 0 ? "" : name.substring(dot);
        return file.resolveSibling(String.format(Locale.ROOT, "%s-%05d%s", stem, index, extension));
    }

    /** Opens the next file and writes its warcinfo. */
    private void begin() throws IOException {
        Path path = path();
        boolean gzip = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writer = new WarcWriter(channel, gzip ? WarcCompression.GZIP : WarcCompression.NONE);
            Warcinfo warcinfo = new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(clock.instant())
                    .filename(path.getFileName().toString()).fields(info).build();
            writer.write(warcinfo);
            warcinfoId = warcinfo.id();
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
        // Digests outside the lock: they are the costly part, and the records name the file's warcinfo,
        // which a roll-over changes, so they are built under it.
        Digests digests = new Digests(sha1(requestBlock), sha1(responseHead), sha1(responseBlock),
                sha1(exchange.body()));
        synchronized (this) {
            if (broken) {
                return;
            }
            WarcRequest.Builder request = new WarcRequest.Builder(exchange.uri()).version(MessageVersion.WARC_1_1)
                    .date(exchange.started()).warcinfoId(warcinfoId).blockDigest(digests.request())
                    .body(MediaType.HTTP_REQUEST, requestBlock);
            if (exchange.address() != null) {
                request.ipAddress(exchange.address());
            }
            WarcRequest requestRecord = request.build();
            WarcRecord responseRecord;
            if (notModified(exchange)) {
                responseRecord = capture(new WarcRevisit.Builder(exchange.uri(), WarcRevisit.SERVER_NOT_MODIFIED_1_1),
                        exchange, requestRecord, responseHead, digests.head()).build();
            } else if (sameAsBefore(exchange)) {
                responseRecord = capture(new WarcRevisit.Builder(exchange.uri(),
                        WarcRevisit.IDENTICAL_PAYLOAD_DIGEST_1_1), exchange, requestRecord, responseHead, digests.head())
                        .payloadDigest(digests.payload())
                        .addHeader("WARC-Refers-To-Target-URI", exchange.uri().toString())
                        .addHeader("WARC-Refers-To-Date", exchange.earlier().fetchedAt().toString()).build();
            } else {
                responseRecord = capture(new WarcResponse.Builder(exchange.uri()), exchange, requestRecord, responseBlock,
                        digests.response()).payloadDigest(digests.payload()).build();
            }
            try {
                writer.write(requestRecord);
                writer.write(responseRecord);
                if (maxSize.isPresent() && writer.position() >= maxSize.getAsLong()) {
                    writer.close();
                    index++;
                    begin();
                }
            } catch (IOException e) {
                broken = true;
                failed.accept(e);
            }
        }
    }

    private record Digests(WarcDigest request, WarcDigest head, WarcDigest response, WarcDigest payload) {
    }

    /**
     * A 304 in answer to a conditional request: a revisit record (server-not-modified profile), the
     * response's head with no payload; the earlier capture it stands for is the URI's last in the
     * archive of the run that fetched it.
     */
    private static boolean notModified(Exchange exchange) {
        return exchange.status() == 304 && exchange.requestHeaders().stream().anyMatch(header ->
                header[0].equalsIgnoreCase("If-None-Match") || header[0].equalsIgnoreCase("If-Modified-Since"));
    }

    /**
     * A whole 2xx body, not content-encoded, whose SHA-256 is that of the URL's body in an earlier run:
     * the page has not changed, so the archive keeps the response's head and points at that capture
     * (identical-payload-digest profile) instead of storing the body again.
     */
    private static boolean sameAsBefore(Exchange exchange) {
        if (exchange.earlier() == null || exchange.earlier().sha256() == null || exchange.truncated() != null
                || exchange.status() < 200 || exchange.status() >= 300) {
            return false;
        }
        boolean encoded = exchange.responseHeaders().stream()
                .anyMatch(header -> header[0].equalsIgnoreCase("Content-Encoding"));
        return !encoded && exchange.earlier().sha256().equals(sha256(exchange.body()));
    }

    /** What a response and a revisit record share: target, date, concurrent request, address, block, truncation. */
    private <B extends WarcCaptureRecord.AbstractBuilder<?, B>> B capture(B builder, Exchange exchange,
            WarcRequest request, byte[] block, WarcDigest blockDigest) {
        builder.version(MessageVersion.WARC_1_1);
        builder.date(exchange.started()).warcinfoId(warcinfoId).concurrentTo(request.id())
                .blockDigest(blockDigest).body(MediaType.HTTP_RESPONSE, block);
        if (exchange.address() != null) {
            builder.ipAddress(exchange.address());
        }
        if (exchange.truncated() != null) {
            builder.truncated(WarcTruncationReason.valueOf(exchange.truncated().name()));
        }
        return builder;
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

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
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
