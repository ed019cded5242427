package dev.trawl.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Which charset a page's bytes are in, decided as browsers decide it (HTML Standard "encoding
 * sniffing", without the statistical guessing): a byte order mark, then the Content-Type charset,
 * then a meta tag in the first 1024 bytes, then UTF-8.
 *
 * <p>The BOM comes first, before the header, because that is what the WHATWG decode algorithm and
 * every browser do: a BOM is unambiguous, while servers often label files with a configured
 * default charset they were not written in (a UTF-16 file sent as {@code charset=utf-8} would
 * otherwise decode to garbage).
 *
 * <p>Labels that the Encoding Standard maps to a superset decode with the superset, notably
 * ISO-8859-1 and US-ASCII as windows-1252 (see {@link CharsetLabel}).
 */
public final class CharsetDetector {
    private CharsetDetector() {
    }

    /**
     * The charset of body[0..length). contentType may be null; a body that is null or a length out
     * of range is treated as the bytes that exist. Never throws: unknown or illegal charset names
     * fall through to the next step.
     */
    public static Charset detect(String contentType, byte[] body, int length) {
        byte[] bytes = body == null ? new byte[0] : body;
        int end = Math.clamp(length, 0, bytes.length);
        Optional<ByteOrderMark> bom = ByteOrderMark.sniff(bytes, end);
        if (bom.isPresent()) {
            return bom.get().charset();
        }
        return headerCharset(contentType)
                .or(() -> CharsetPrescan.scan(bytes, end))
                .orElse(StandardCharsets.UTF_8);
    }

    /** The supported charset the first {@code charset} parameter of a Content-Type names. */
    static Optional<Charset> headerCharset(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        while (semicolon >= 0) {
            int next = contentType.indexOf(';', semicolon + 1);
            String parameter = contentType.substring(semicolon + 1, next < 0 ? contentType.length() : next);
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                return CharsetLabel.lookup(unquote(parameter.substring(equals + 1).strip()));
            }
            semicolon = next;
        }
        return Optional.empty();
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"';
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
