package dev.trawl.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a byte count, as in {@code --max-bytes=10MB}: a non-negative number and a unit,
 * case-insensitive. Units are binary, as most tools that take body or buffer sizes read them:
 * {@code KB} = {@code KiB} = 1024 bytes, {@code MB} = {@code MiB} = 1024², {@code GB} = {@code GiB}
 * = 1024³. {@code B} or no unit means bytes. A fraction is allowed when the result is a whole number
 * of bytes ({@code 1.5KB} is 1536).
 */
public final class SizeFormat {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,30}(?:\\.\\d{1,30})?)\\s*(b|kb|kib|mb|mib|gb|gib)?");
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final long KIB = 1024;

    private SizeFormat() {
    }

    /** Parses {@code 512KB}, {@code 10MB}, {@code 1GiB}, {@code 100B} or plain digits (bytes). */
    public static long parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.startsWith("-")) {
            throw new IllegalArgumentException("must not be negative, got " + DurationFormat.quote(text));
        }
        Matcher m = SYNTAX.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size like 512KB or 10MB, got " + DurationFormat.quote(text));
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(bytesPer(m.group(2))));
        if (bytes.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("size too large, got " + DurationFormat.quote(text));
        }
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException fraction) {
            throw new IllegalArgumentException("not a whole number of bytes, got " + DurationFormat.quote(text));
        }
    }

    /** The shortest exact text that {@link #parse} reads back: {@code 10MB}, {@code 512KB}, {@code 1500B}. */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
        for (String unit : new String[] {"gb", "mb", "kb"}) {
            long per = bytesPer(unit);
            if (bytes != 0 && bytes % per == 0) {
                return bytes / per + unit.toUpperCase(Locale.ROOT);
            }
        }
        return bytes + "B";
    }

    /** A short human form for summary lines, not exact: {@code 900B}, {@code 1.5KB}, {@code 117.7MB}. */
    public static String formatRounded(long bytes) {
        if (bytes < KIB) {
            return bytes + "B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int i = -1;
        while (value >= KIB && i < units.length - 1) {
            value /= KIB;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f%s", value, units[i]);
    }

    private static long bytesPer(String unit) {
        if (unit == null) {
            return 1;
        }
        return switch (unit) {
            case "b" -> 1;
            case "kb", "kib" -> KIB;
            case "mb", "mib" -> KIB * KIB;
            case "gb", "gib" -> KIB * KIB * KIB;
            default -> throw new IllegalStateException(unit);
        };
    }
}
