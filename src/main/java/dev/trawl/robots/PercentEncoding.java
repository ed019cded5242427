package dev.trawl.robots;

import java.nio.charset.StandardCharsets;

/**
 * One canonical spelling for patterns and paths, so that they can be compared byte for byte
 * (RFC 9309 §2.2.2 and §2.2.3):
 * <ul>
 *   <li>every byte that cannot appear literally in a URL (non-ASCII, space, control) is
 *       percent-encoded, and the hex digits of an existing {@code %xx} are upper-cased;</li>
 *   <li>an escaped unreserved character ({@code A-Z a-z 0-9 - . _ ~}) is decoded: {@code /%7Ejoe}
 *       and {@code /~joe} are the same URL (RFC 3986 §2.3);</li>
 *   <li>a {@code *} or {@code $} in a path is written {@code %2A} or {@code %24}, and so is a
 *       {@code $} inside a pattern (only a final one anchors), so that a webmaster can match those
 *       characters with {@code %2A} and {@code %24} (§2.2.3) while a {@code *} in a pattern stays a
 *       wildcard.</li>
 * </ul>
 * Other escapes are kept as they are: {@code %2F} and {@code /} are different URLs.
 */
final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /** The canonical form of a pattern as written in robots.txt, raw bytes. */
    static String pattern(byte[] raw) {
        return canonical(raw, false);
    }

    /**
     * The canonical form of a URL's path and query; always starts with {@code /} (an empty path is
     * {@code /}, and {@code ?q} becomes {@code /?q} as in Google's parser).
     */
    static String path(String pathAndQuery) {
        String path = pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery;
        return isCanonicalPath(path) ? path : canonical(path.getBytes(StandardCharsets.UTF_8), true);
    }

    private static String canonical(byte[] raw, boolean path) {
        StringBuilder out = new StringBuilder(raw.length + 16);
        for (int i = 0; i < raw.length; i++) {
            int b = raw[i] & 0xFF;
            if (b == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
                escape(out, hexValue(raw[i + 1]) << 4 | hexValue(raw[i + 2]));
                i += 2;
            } else if (needsEscape(b) || b == '*' && path || b == '$' && (path || i < raw.length - 1)) {
                appendEscaped(out, b);
            } else {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    // Paths from OkHttp are nearly always canonical already; this saves the copy.
    private static boolean isCanonicalPath(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (needsEscape(c) || c == '*' || c == '$') {
                return false;
            }
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))
                    && (isLowerHex(s.charAt(i + 1)) || isLowerHex(s.charAt(i + 2))
                            || isUnreserved(hexValue(s.charAt(i + 1)) << 4 | hexValue(s.charAt(i + 2))))) {
                return false;
            }
        }
        return true;
    }

    /** An escaped byte as canonical: decoded when unreserved, else escaped in upper case. */
    private static void escape(StringBuilder out, int b) {
        if (isUnreserved(b)) {
            out.append((char) b);
        } else {
            appendEscaped(out, b);
        }
    }

    private static void appendEscaped(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
    }

    private static boolean needsEscape(int b) {
        return b <= 0x20 || b >= 0x7F;
    }

    private static boolean isUnreserved(int b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hexValue(int c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    private static boolean isLowerHex(char c) {
        return c >= 'a' && c <= 'f';
    }
}
