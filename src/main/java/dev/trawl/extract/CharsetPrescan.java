package dev.trawl.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The HTML Standard's "prescan a byte stream to determine its encoding", over the first
 * {@value #LIMIT} bytes: finds {@code <meta charset>} or {@code <meta http-equiv="Content-Type"
 * content="...charset=...">} while skipping comments, other tags and their attributes, so a
 * {@code charset=} inside a comment, a script-free attribute value or a text run does not count.
 * Works on raw bytes (every label is ASCII), before anything is decoded.
 */
final class CharsetPrescan {
    static final int LIMIT = 1024;

    private final byte[] bytes;
    private final int end;
    private int pos;

    private CharsetPrescan(byte[] bytes, int end) {
        this.bytes = bytes;
        this.end = end;
    }

    /** The charset a meta tag in body[0..min(length, 1024)) declares, if any is supported. */
    static Optional<Charset> scan(byte[] body, int length) {
        return new CharsetPrescan(body, Math.min(length, LIMIT)).run();
    }

    private Optional<Charset> run() {
        while (pos < end) {
            if (startsWith("<!--")) {
                int close = indexOf("-->", pos + 2);
                if (close < 0) {
                    return Optional.empty();
                }
                pos = close + 2;
            } else if (startsWith("<meta") && pos + 5 < end && (isSpace(bytes[pos + 5]) || bytes[pos + 5] == '/')) {
                pos += 5;
                Optional<Charset> declared = meta();
                if (declared.isPresent()) {
                    return declared;
                }
            } else if (at('<') && (isLetterAt(pos + 1) || (byteAt(pos + 1) == '/' && isLetterAt(pos + 2)))) {
                while (pos < end && !isSpace(bytes[pos]) && bytes[pos] != '>') {
                    pos++;
                }
                while (attribute() != null) {
                    // Attributes of other tags are skipped so that their values cannot fool the scan.
                }
            } else if (at('<') && (byteAt(pos + 1) == '!' || byteAt(pos + 1) == '/' || byteAt(pos + 1) == '?')) {
                int close = indexOf(">", pos + 2);
                if (close < 0) {
                    return Optional.empty();
                }
                pos = close;
            }
            pos++;
        }
        return Optional.empty();
    }

    /** The attributes of one meta tag, decided as the standard does (charset= beats content=). */
    private Optional<Charset> meta() {
        Set<String> seen = new HashSet<>();
        boolean gotPragma = false;
        Boolean needPragma = null;
        boolean charsetDecided = false;
        Charset charset = null;
        for (Attribute attribute = attribute(); attribute != null; attribute = attribute()) {
            if (!seen.add(attribute.name())) {
                continue;
            }
            switch (attribute.name()) {
                case "http-equiv" -> gotPragma |= attribute.value().equals("content-type");
                case "content" -> {
                    Optional<Charset> fromContent = fromContent(attribute.value());
                    if (!charsetDecided && fromContent.isPresent()) {
                        charset = fromContent.get();
                        charsetDecided = true;
                        needPragma = true;
                    }
                }
                case "charset" -> {
                    charset = CharsetLabel.lookup(attribute.value()).orElse(null);
                    charsetDecided = true;
                    needPragma = false;
                }
                default -> {
                    // Other attributes do not bear on the encoding.
                }
            }
        }
        if (needPragma == null || (needPragma && !gotPragma) || charset == null) {
            return Optional.empty();
        }
        // Bytes that reached a meta tag through an ASCII-compatible scan cannot be UTF-16.
        boolean utf16 = charset.equals(StandardCharsets.UTF_16LE) || charset.equals(StandardCharsets.UTF_16BE)
                || charset.equals(StandardCharsets.UTF_16);
        return Optional.of(utf16 ? StandardCharsets.UTF_8 : charset);
    }

    /** "Extracting a character encoding from a meta element", on an already lower-cased value. */
    static Optional<Charset> fromContent(String content) {
        int n = content.length();
        int i = 0;
        while (true) {
            int at = content.indexOf("charset", i);
            if (at < 0) {
                return Optional.empty();
            }
            i = at + "charset".length();
            while (i < n && isSpace(content.charAt(i))) {
                i++;
            }
            if (i >= n || content.charAt(i) != '=') {
                continue;
            }
            i++;
            while (i < n && isSpace(content.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return Optional.empty();
            }
            char first = content.charAt(i);
            if (first == '"' || first == '\'') {
                int close = content.indexOf(first, i + 1);
                return close < 0 ? Optional.empty() : CharsetLabel.lookup(content.substring(i + 1, close));
            }
            int stop = i;
            while (stop < n && !isSpace(content.charAt(stop)) && content.charAt(stop) != ';') {
                stop++;
            }
            return CharsetLabel.lookup(content.substring(i, stop));
        }
    }

    /** "Get an attribute": the next name/value pair, lower-cased; null when the tag has no more. */
    private Attribute attribute() {
        while (pos < end && (isSpace(bytes[pos]) || bytes[pos] == '/')) {
            pos++;
        }
        if (pos >= end || bytes[pos] == '>') {
            return null;
        }
        StringBuilder name = new StringBuilder();
        while (true) {
            if (pos >= end) {
                return null;
            }
            byte b = bytes[pos];
            if (b == '=' && !name.isEmpty()) {
                pos++;
                return value(name.toString());
            }
            if (isSpace(b)) {
                break;
            }
            if (b == '/' || b == '>') {
                return new Attribute(name.toString(), "");
            }
            name.append(lower(b));
            pos++;
        }
        while (pos < end && isSpace(bytes[pos])) {
            pos++;
        }
        if (pos >= end) {
            return null;
        }
        if (bytes[pos] != '=') {
            return new Attribute(name.toString(), "");
        }
        pos++;
        return value(name.toString());
    }

    private Attribute value(String name) {
        while (pos < end && isSpace(bytes[pos])) {
            pos++;
        }
        if (pos >= end) {
            return null;
        }
        byte quote = bytes[pos];
        StringBuilder value = new StringBuilder();
        if (quote == '"' || quote == '\'') {
            for (pos++; pos < end; pos++) {
                if (bytes[pos] == quote) {
                    pos++;
                    return new Attribute(name, value.toString());
                }
                value.append(lower(bytes[pos]));
            }
            return null;
        }
        if (quote == '>') {
            return new Attribute(name, "");
        }
        for (; pos < end; pos++) {
            if (isSpace(bytes[pos]) || bytes[pos] == '>') {
                return new Attribute(name, value.toString());
            }
            value.append(lower(bytes[pos]));
        }
        return null;
    }

    private boolean startsWith(String ascii) {
        if (pos + ascii.length() > end) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (lower(bytes[pos + i]) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String ascii, int from) {
        for (int i = from; i + ascii.length() <= end; i++) {
            int j = 0;
            while (j < ascii.length() && bytes[i + j] == ascii.charAt(j)) {
                j++;
            }
            if (j == ascii.length()) {
                return i;
            }
        }
        return -1;
    }

    private boolean at(char c) {
        return bytes[pos] == c;
    }

    /** The byte at i, or -1 past the scanned range. */
    private int byteAt(int i) {
        return i < end ? bytes[i] : -1;
    }

    private boolean isLetterAt(int i) {
        int b = byteAt(i) | 0x20;
        return b >= 'a' && b <= 'z';
    }

    private static char lower(byte b) {
        char c = (char) (b & 0xFF);
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private record Attribute(String name, String value) {
    }
}
