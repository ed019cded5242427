package dev.trawl.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
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

/**
 * One exchange as WARC records: a {@code request} record and, linked to it by {@code
 * WARC-Concurrent-To}, a {@code response} record with the status line, headers and body as received,
 * or a {@code revisit} record where the response repeats an earlier capture. Block and payload
 * digests are SHA-1, base32, as archive tools expect. The digests are computed when this is made,
 * before a writer takes its lock: they are the costly part.
 */
final class WarcRecords {
    private final Exchange exchange;
    private final byte[] requestBlock;
    private final byte[] responseHead;
    private final byte[] responseBlock;
    private final WarcDigest requestDigest;
    private final WarcDigest headDigest;
    private final WarcDigest responseDigest;
    private final WarcDigest payloadDigest;

    WarcRecords(Exchange exchange) {
        this.exchange = exchange;
        requestBlock = requestBlock(exchange);
        responseHead = responseHead(exchange);
        responseBlock = new byte[responseHead.length + exchange.body().length];
        System.arraycopy(responseHead, 0, responseBlock, 0, responseHead.length);
        System.arraycopy(exchange.body(), 0, responseBlock, responseHead.length, exchange.body().length);
        requestDigest = sha1(requestBlock);
        headDigest = sha1(responseHead);
        responseDigest = sha1(responseBlock);
        payloadDigest = sha1(exchange.body());
    }

    /**
     * The request record and the response or revisit record.
     *
     * @param warcinfoId the warcinfo record of the file they go to, or null to name none (a record
     *                   built before its file is chosen)
     */
    List<WarcRecord> build(URI warcinfoId) {
        WarcRequest.Builder request = new WarcRequest.Builder(exchange.uri()).version(MessageVersion.WARC_1_1)
                .date(exchange.started()).blockDigest(requestDigest).body(MediaType.HTTP_REQUEST, requestBlock);
        if (warcinfoId != null) {
            request.warcinfoId(warcinfoId);
        }
        if (exchange.address() != null) {
            request.ipAddress(exchange.address());
        }
        WarcRequest requestRecord = request.build();
        EarlierCapture earlier = exchange.earlier();
        WarcRecord response;
        if (notModified(exchange)) {
            WarcRevisit.Builder revisit = capture(new WarcRevisit.Builder(exchange.uri(),
                    WarcRevisit.SERVER_NOT_MODIFIED_1_1), requestRecord, warcinfoId, responseHead, headDigest);
            if (earlier != null && earlier.record() != null) {
                revisit.refersTo(earlier.record().id(), exchange.uri(), earlier.record().date());
            }
            response = revisit.build();
        } else if (sameAsBefore(exchange)) {
            WarcRevisit.Builder revisit = capture(new WarcRevisit.Builder(exchange.uri(),
                    WarcRevisit.IDENTICAL_PAYLOAD_DIGEST_1_1), requestRecord, warcinfoId, responseHead, headDigest)
                    .payloadDigest(payloadDigest);
            if (earlier.record() != null) {
                revisit.refersTo(earlier.record().id(), exchange.uri(), earlier.record().date());
            } else {
                revisit.addHeader("WARC-Refers-To-Target-URI", exchange.uri().toString())
                        .addHeader("WARC-Refers-To-Date", earlier.fetchedAt().toString());
            }
            response = revisit.build();
        } else {
            response = capture(new WarcResponse.Builder(exchange.uri()), requestRecord, warcinfoId, responseBlock,
                    responseDigest).payloadDigest(payloadDigest).build();
        }
        return List.of(requestRecord, response);
    }

    /**
     * The response record that holds this exchange's payload, for a later revisit to refer to: the
     * response record of a 2xx, the earlier capture a revisit stands for (null when it is unknown),
     * null for any other answer.
     *
     * @param response the response or revisit record {@link #build} made
     */
    ResponseRecord payloadRecord(WarcRecord response) {
        if (response instanceof WarcRevisit) {
            return exchange.earlier() == null ? null : exchange.earlier().record();
        }
        if (exchange.status() < 200 || exchange.status() >= 300) {
            return null;
        }
        return new ResponseRecord(response.id(), response.date());
    }

    /** Records as they are stored: one after the other, each its own gzip member when {@code gzip}. */
    static byte[] bytes(List<? extends WarcRecord> records, boolean gzip) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            WarcWriter writer = new WarcWriter(Channels.newChannel(bytes),
                    gzip ? WarcCompression.GZIP : WarcCompression.NONE);
            for (WarcRecord record : records) {
                writer.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * A 304 in answer to a conditional request: a revisit record (server-not-modified profile), the
     * response's head with no payload, standing for the URL's last capture.
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
    private <B extends WarcCaptureRecord.AbstractBuilder<?, B>> B capture(B builder, WarcRequest request,
            URI warcinfoId, byte[] block, WarcDigest blockDigest) {
        builder.version(MessageVersion.WARC_1_1);
        builder.date(exchange.started()).concurrentTo(request.id()).blockDigest(blockDigest)
                .body(MediaType.HTTP_RESPONSE, block);
        if (warcinfoId != null) {
            builder.warcinfoId(warcinfoId);
        }
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
}
