package dev.trawl.config;

import dev.trawl.config.RequestOptions.Header;
import java.util.Locale;
import java.util.Map;

/**
 * The text form of a request header, {@code -H 'Name: value'} as curl writes it, and the rules a
 * header must keep. {@link #parse} only splits at the first colon; the command's converter then
 * applies {@link #check}, so a bad header is reported with its origin (flag or settings-file line)
 * like any other setting. Messages quote names but never values, which may be secrets
 * ({@code Authorization}) and would end up in logs.
 */
public final class HeaderFormat {
    /** RFC 9110 section 5.6.2: the characters of a token, besides letters and digits. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    /** Headers trawl must set itself, each with the reason, as the user is told it. */
    private static final Map<String, String> REFUSED = Map.of(
            "host", "trawl sends each request to the host in its URL, and another Host would ask that server for a different site",
            "content-length", "trawl's requests have no body, and a length that does not match the body breaks the connection",
            "transfer-encoding", "trawl's requests have no body, and a framing header without one breaks the connection",
            "connection", "the HTTP client manages connections itself (keep-alive, HTTP/2, where this header is forbidden)");

    private HeaderFormat() {
    }

    /** Splits {@code Name: value} at the first colon; white space around the value is dropped. */
    public static Header parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            String name = text == null ? null : text.strip().split("\\s", 2)[0];
            throw new IllegalArgumentException("expected 'Name: value', got no colon after " + DurationFormat.quote(name));
        }
        return new Header(text.substring(0, colon), text.substring(colon + 1).strip());
    }

    /** {@code Name: value}, as {@link #parse} reads it. */
    public static String format(Header header) {
        return header.name() + ": " + header.value();
    }

    /** Throws when the name is not an HTTP token, is one trawl sets itself, or the value could not be sent. */
    public static void check(Header header) {
        String name = header.name();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("missing header name before the colon");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isTokenChar(c)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "header name %s has %s at position %d; a name is letters, digits and %s only",
                        DurationFormat.quote(name), describe(c), i + 1, TOKEN_SYMBOLS));
            }
        }
        String refused = REFUSED.get(name.toLowerCase(Locale.ROOT));
        if (refused != null) {
            throw new IllegalArgumentException("cannot set " + name + ": " + refused);
        }
        try {
            checkValue(header.value());
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(name + " value " + bad.getMessage(), bad);
        }
    }

    /**
     * Throws unless the text is printable ASCII or tab: what OkHttp sends in a header value. A CR or
     * LF would end the header and start another, so it gets its own message.
     */
    public static void checkValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("must not contain a line break");
            }
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "must be printable ASCII, got character U+%04X at position %d", (int) c, i + 1));
            }
        }
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    private static String describe(char c) {
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format(Locale.ROOT, "character U+%04X", (int) c);
    }
}
