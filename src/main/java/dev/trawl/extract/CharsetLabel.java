package dev.trawl.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a charset label from a header or a meta tag into a decoder, the way browsers do: labels
 * that the WHATWG Encoding Standard maps to a superset decode with that superset. The common case
 * is a page labelled ISO-8859-1 that really holds windows-1252 curly quotes; decoding it as
 * ISO-8859-1 would put C1 control characters into titles.
 */
final class CharsetLabel {
    /** Canonical JDK name of the labelled charset → what browsers decode it with. */
    private static final Map<String, Charset> SUPERSETS = supersets();

    private CharsetLabel() {
    }

    /** The charset a label names; empty for blank, illegal or unsupported labels. Never throws. */
    static Optional<Charset> lookup(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String name = label.strip();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try {
            Charset named = Charset.forName(name);
            return Optional.of(SUPERSETS.getOrDefault(named.name().toLowerCase(Locale.ROOT), named));
        } catch (IllegalArgumentException unknown) {
            // IllegalCharsetNameException and UnsupportedCharsetException both land here.
            return Optional.empty();
        }
    }

    private static Map<String, Charset> supersets() {
        Map<String, Charset> map = new HashMap<>();
        put(map, "ISO-8859-1", "windows-1252");
        put(map, "US-ASCII", "windows-1252");
        put(map, "ISO-8859-9", "windows-1254");
        put(map, "TIS-620", "x-windows-874");
        put(map, "x-iso-8859-11", "x-windows-874");
        put(map, "GB2312", "GBK");
        put(map, "EUC-KR", "x-windows-949");
        put(map, "Shift_JIS", "windows-31j");
        put(map, "Big5", "Big5-HKSCS");
        // Not a superset: the standard reads a bare "utf-16" label (no BOM) as little-endian,
        // where the JDK's UTF-16 decoder assumes big-endian.
        map.put(StandardCharsets.UTF_16.name().toLowerCase(Locale.ROOT), StandardCharsets.UTF_16LE);
        return Map.copyOf(map);
    }

    /** Skips pairs the running JDK lacks (a jlink'ed runtime may have no jdk.charsets module). */
    private static void put(Map<String, Charset> map, String labelled, String superset) {
        if (Charset.isSupported(labelled) && Charset.isSupported(superset)) {
            map.put(Charset.forName(labelled).name().toLowerCase(Locale.ROOT), Charset.forName(superset));
        }
    }
}
