package dev.trawl.cli;

import dev.trawl.config.DurationFormat;
import java.util.regex.Pattern;

/**
 * N options: a whole number within the setting's bounds ({@code must be at least 1, got 0}). Upper
 * bounds catch typos (an extra zero) and keep arithmetic far from overflow; each is well above any
 * polite crawl. Lower bounds are what the setting needs to mean anything. Each bounded setting has
 * its converter below, named for it.
 */
class CountConverter extends FormatConverter<Integer> {
    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");

    private final int min;
    private final int max;

    CountConverter(int min, int max) {
        this.min = min;
        this.max = max;
    }

    @Override
    Integer parse(String text) {
        return (int) within(whole(text, "expected a whole number"), min, max);
    }

    /** A whole number in decimal ASCII digits; {@code expected} starts the message for anything else. */
    static long whole(String text, String expected) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw refuse(expected + ", got " + DurationFormat.quote(text));
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooLong) {
            throw refuse("number too large, got " + text);
        }
    }

    static long within(long value, long min, long max) {
        if (value < min) {
            throw refuse("must be at least " + min + ", got " + value);
        }
        if (value > max) {
            throw refuse("must be at most " + max + ", got " + value);
        }
        return value;
    }

    static final class Connections extends CountConverter {
        Connections() {
            super(1, 1_024);
        }
    }

    static final class Retries extends CountConverter {
        Retries() {
            super(0, 100);
        }
    }

    static final class FrontierMemory extends CountConverter {
        FrontierMemory() {
            super(1, 10_000_000);
        }
    }

    /** Shorter than 64 characters would refuse ordinary links (a scheme, a host and a short path). */
    static final class MaxUrlLength extends CountConverter {
        MaxUrlLength() {
            super(64, 65_536);
        }
    }

    static final class MaxRepeatedSegments extends CountConverter {
        MaxRepeatedSegments() {
            super(1, 1_000);
        }
    }

    static final class MaxQueryVariants extends CountConverter {
        MaxQueryVariants() {
            super(1, 10_000_000);
        }
    }
}
