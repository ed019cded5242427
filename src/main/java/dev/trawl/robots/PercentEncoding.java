package dev.trawl.robots;

import java.nio.charset.StandardCharsets;

/**
 * One canonical spelling for patterns and paths, so that they can be compared byte for byte: the hex
 * digits of an existing {@code %xx} are upper-cased and every byte that cannot appear literally in a
 * URL (non-ASCII, space, control) is percent-encoded. Nothing is decoded: {@code %7E} and {@code ~}
 * stay different, as in Google's parser, because deciding which escapes are equivalent would need
 * knowledge of the server.
 */
final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /** The canonical form of raw bytes, e.g. a pattern as written in robots.txt. */
    static String canonical(byte[] raw) {
        StringBuilder out = new StringBuilder(raw.length + 16);
        for (int i = 0; i < raw.length; i++) {
            int b = raw[i] & 0xFF;
            if (b == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
                out.append('%').append(upper(raw[i + 1])).append(upper(raw[i + 2]));
                i += 2;
            } else if (needsEscape(b)) {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            } else {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    /**
     * The canonical form of a URL's path and query; always starts with {@code /} (an empty path is
     * {@code /}, and {@code ?q} becomes {@code /?q} as in Google's parser).
     */
    static String canonicalPath(String pathAndQuery) {
        String path = pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery;
        return isCanonical(path) ? path : canonical(path.getBytes(StandardCharsets.UTF_8));
    }

    // Paths from OkHttp are nearly always canonical already; this saves the copy.
    private static boolean isCanonical(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (needsEscape(c)) {
                return false;
            }
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))
                    && (isLowerHex(s.charAt(i + 1)) || isLowerHex(s.charAt(i + 2)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean needsEscape(int b) {
        return b <= 0x20 || b >= 0x7F;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isLowerHex(char c) {
        return c >= 'a' && c <= 'f';
    }

    private static char upper(byte c) {
        return (char) (c >= 'a' && c <= 'f' ? c - ('a' - 'A') : c);
    }
}
