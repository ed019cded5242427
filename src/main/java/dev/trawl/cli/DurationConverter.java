package dev.trawl.cli;

import dev.trawl.config.DurationFormat;
import java.time.Duration;

/**
 * DURATION options ({@code 500ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 0}) with
 * the setting's bounds; each setting's converter is below, named for what it bounds.
 */
class DurationConverter extends FormatConverter<Duration> {
    private final boolean positive;
    private final Duration max;

    /** @param max the longest accepted, or null for no bound */
    DurationConverter(boolean positive, Duration max) {
        this.positive = positive;
        this.max = max;
    }

    @Override
    Duration parse(String text) {
        Duration value = DurationFormat.parse(text);
        if (positive && value.isZero()) {
            throw refuse("must be more than 0, got 0");
        }
        if (max != null && value.compareTo(max) > 0) {
            throw refuse("must be at most " + DurationFormat.format(max) + ", got " + DurationFormat.format(value));
        }
        return value;
    }

    /** A wait trawl sits through (--delay, --max-crawl-delay, --retry-backoff): 0 to 1h. */
    static final class Wait extends DurationConverter {
        Wait() {
            super(false, Duration.ofHours(1));
        }
    }

    /** --worker-timeout: at least a second (workers beat six times per timeout), at most 1h. */
    static final class WorkerTimeout extends DurationConverter {
        WorkerTimeout() {
            super(true, Duration.ofHours(1));
        }

        @Override
        Duration parse(String text) {
            Duration value = super.parse(text);
            if (value.compareTo(Duration.ofSeconds(1)) < 0) {
                throw refuse("must be at least 1s, got " + DurationFormat.format(value));
            }
            return value;
        }
    }

    /** --timeout: more than 0, at most 1h. */
    static final class Timeout extends DurationConverter {
        Timeout() {
            super(true, Duration.ofHours(1));
        }
    }

    /** --max-retry-after: 0 to a day; a server asking for longer gets its page failed. */
    static final class RetryAfter extends DurationConverter {
        RetryAfter() {
            super(false, Duration.ofDays(1));
        }
    }

    /** --recrawl-after: 0 or more; empty (null) refetches every known URL. */
    static final class RecrawlAfter extends DurationConverter {
        RecrawlAfter() {
            super(false, null);
        }

        @Override
        Duration parse(String text) {
            return text != null && text.isEmpty() ? null : super.parse(text);
        }
    }
}
