package dev.trawl.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a duration, as in {@code --delay=500ms} and {@code timeout = 30s}: a non-negative
 * number, optionally with a fraction, and a unit {@code ms}, {@code s}, {@code m} or {@code h}
 * (case-insensitive). A bare {@code 0} needs no unit; any other number does, because "10" could
 * mean seconds or milliseconds and a wrong guess is a 1000x mistake. Fractions below a nanosecond
 * are dropped.
 */
public final class DurationFormat {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,30}(?:\\.\\d{1,30})?)\\s*(ms|s|m|h)?");
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private DurationFormat() {
    }

    /** Parses {@code 500ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 1h} or {@code 0}. */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.startsWith("-")) {
            throw new IllegalArgumentException("must not be negative, got " + quote(text));
        }
        Matcher m = SYNTAX.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 500ms, 10s or 2m, got " + quote(text));
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            if (amount.signum() == 0) {
                return Duration.ZERO;
            }
            throw new IllegalArgumentException(
                    "a duration needs a unit (ms, s, m or h), as in " + m.group(1) + "s, got " + quote(text));
        }
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPer(unit))).setScale(0, RoundingMode.DOWN);
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("duration too large, got " + quote(text));
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** The shortest exact text that {@link #parse} reads back as the same duration: {@code 0}, {@code 30s}, {@code 2m}, {@code 1500ms}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        if (duration.isZero()) {
            return "0";
        }
        long nanos = duration.toNanos();
        for (String unit : new String[] {"h", "m", "s", "ms"}) {
            if (nanos % nanosPer(unit) == 0) {
                return nanos / nanosPer(unit) + unit;
            }
        }
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + "s";
    }

    /** A short human form for progress and summary lines, not exact: {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h07m}. */
    public static String formatRounded(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalStateException(unit);
        };
    }

    /** The text in double quotes for a message, or {@code nothing} for null. */
    public static String quote(String text) {
        return text == null ? "nothing" : "\"" + text + "\"";
    }
}
