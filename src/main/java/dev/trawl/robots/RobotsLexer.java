package dev.trawl.robots;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a robots.txt body into key/value lines the way Google's parser does, byte by byte so that a
 * pattern's bytes reach {@link PercentEncoding} unchanged whatever the file's encoding.
 *
 * <p>Lines end at CR, LF or CRLF. A leading UTF-8 byte order mark, or any prefix of one, is skipped.
 * {@code #} (or a NUL byte) ends the line's content. A line is {@code key: value}, or {@code key value}
 * when the colon is missing and there are exactly two words. Keys are recognised case-insensitively by
 * their start, with the typos Google accepts. Lines without a key are dropped.
 */
final class RobotsLexer {
    /** RFC 9309 §2.5: crawlers must parse at least 500 KiB; more is ignored. */
    static final int MAX_BODY_BYTES = 500 * 1024;
    /** Google keeps 8 × 2083 (a long URL) − 1 bytes of a line and ignores the rest of it. */
    static final int MAX_LINE_BYTES = 2083 * 8 - 1;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    enum Key { USER_AGENT, ALLOW, DISALLOW, CRAWL_DELAY, SITEMAP, UNKNOWN }

    /** One recognised line; the value is trimmed, comment removed, bytes as in the file. */
    record Line(Key key, byte[] value) {
        String text() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private RobotsLexer() {
    }

    static void lex(byte[] body, Consumer<Line> sink) {
        int limit = Math.min(body.length, MAX_BODY_BYTES);
        int lineStart = bomLength(body, limit);
        for (int i = lineStart; i < limit; i++) {
            byte b = body[i];
            if (b == '\n' || b == '\r') {
                line(body, lineStart, i, sink);
                if (b == '\r' && i + 1 < limit && body[i + 1] == '\n') {
                    i++;
                }
                lineStart = i + 1;
            }
        }
        // A line cut by the size limit is dropped: "Disallow: /private" cut to "Disallow: /pr" would
        // block more than the webmaster asked, "Allow: /" cut from "Allow: /public" would allow more.
        boolean cut = body.length > limit && body[limit] != '\n' && body[limit] != '\r';
        if (lineStart < limit && !cut) {
            line(body, lineStart, limit, sink);
        }
    }

    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C;
    }

    private static int bomLength(byte[] body, int limit) {
        int n = 0;
        while (n < BOM.length && n < limit && body[n] == BOM[n]) {
            n++;
        }
        return n;
    }

    private static void line(byte[] b, int start, int end, Consumer<Line> sink) {
        end = Math.min(end, start + MAX_LINE_BYTES);
        for (int i = start; i < end; i++) {
            if (b[i] == '#' || b[i] == 0) {
                end = i;
                break;
            }
        }
        while (start < end && isSpace(b[start])) {
            start++;
        }
        while (end > start && isSpace(b[end - 1])) {
            end--;
        }
        int separator = indexOf(b, start, end, ':');
        if (separator < 0) {
            separator = separatingBlank(b, start, end);
            if (separator < 0) {
                return;
            }
        }
        int keyEnd = separator;
        while (keyEnd > start && isSpace(b[keyEnd - 1])) {
            keyEnd--;
        }
        if (keyEnd == start) {
            return;
        }
        int valueStart = separator + 1;
        while (valueStart < end && isSpace(b[valueStart])) {
            valueStart++;
        }
        sink.accept(new Line(keyOf(b, start, keyEnd), Arrays.copyOfRange(b, valueStart, end)));
    }

    /*
     * Google accepts "disallow /" for "disallow: /", but only when the line is exactly two words: with
     * more there is no telling where the key ends.
     */
    private static int separatingBlank(byte[] b, int start, int end) {
        int blank = start;
        while (blank < end && !isBlank(b[blank])) {
            blank++;
        }
        if (blank == end) {
            return -1;
        }
        int value = blank;
        while (value < end && isBlank(b[value])) {
            value++;
        }
        for (int i = value; i < end; i++) {
            if (isBlank(b[i])) {
                return -1;
            }
        }
        return blank;
    }

    private static Key keyOf(byte[] b, int start, int end) {
        if (startsWith(b, start, end, "user-agent", "useragent", "user agent")) {
            return Key.USER_AGENT;
        }
        if (startsWith(b, start, end, "allow")) {
            return Key.ALLOW;
        }
        if (startsWith(b, start, end, "disallow", "dissallow", "dissalow", "disalow", "diasllow", "disallaw")) {
            return Key.DISALLOW;
        }
        if (startsWith(b, start, end, "sitemap", "site-map")) {
            return Key.SITEMAP;
        }
        if (startsWith(b, start, end, "crawl-delay")) {
            return Key.CRAWL_DELAY;
        }
        return Key.UNKNOWN;
    }

    // Google compares by prefix, so "Disallowed:" and "User-agents:" count too.
    private static boolean startsWith(byte[] b, int start, int end, String... prefixes) {
        for (String prefix : prefixes) {
            if (end - start >= prefix.length() && asciiPrefixIgnoringCase(b, start, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean asciiPrefixIgnoringCase(byte[] b, int start, String lowerPrefix) {
        for (int i = 0; i < lowerPrefix.length(); i++) {
            int c = b[start + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerPrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }

    private static int indexOf(byte[] b, int start, int end, char c) {
        for (int i = start; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
