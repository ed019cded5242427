package dev.trawl.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a request rate, as in {@code --rate=10/s}: a non-negative number, optionally
 * with a fraction, and a unit {@code /s}, {@code /m} or {@code /h} (case-insensitive). A bare
 * number is per second, since that is what "rate" means to most tools; unlike a duration there is
 * no other reading to confuse it with. Held as requests per second, a {@code double}, because
 * {@code 1/m} is not a whole number of anything smaller.
 */
public final class RateFormat {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,30}(?:\\.\\d+)?)\\s*(?:/\\s*(s|m|h))?");

    private RateFormat() {
    }

    /** Parses {@code 10/s}, {@code 600/m}, {@code 2.5/s}, {@code 3600/h} or {@code 10}, into requests per second. */
    public static double parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.startsWith("-")) {
            throw new IllegalArgumentException("must not be negative, got " + DurationFormat.quote(text));
        }
        Matcher m = SYNTAX.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a rate like 10/s, 600/m or 2.5 (per second), got "
                    + DurationFormat.quote(text));
        }
        return new BigDecimal(m.group(1)).doubleValue() / secondsPer(m.group(2) == null ? "s" : m.group(2));
    }

    /**
     * The text that {@link #parse} reads back as the same rate: per second when that needs at most
     * three decimals ({@code 10/s}, {@code 2.5/s}), else a whole number per minute or per hour
     * ({@code 7/m}, {@code 1/h}), else a decimal per second.
     */
    public static String format(double perSecond) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("not a rate: " + perSecond);
        }
        if (BigDecimal.valueOf(perSecond).stripTrailingZeros().scale() <= 3) {
            return plain(perSecond) + "/s";
        }
        for (String unit : new String[] {"m", "h"}) {
            double count = Math.rint(perSecond * secondsPer(unit));
            if (count / secondsPer(unit) == perSecond) {
                return plain(count) + "/" + unit;
            }
        }
        return plain(perSecond) + "/s";
    }

    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    private static int secondsPer(String unit) {
        return switch (unit) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> throw new IllegalStateException(unit);
        };
    }
}
