package dev.trawl.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses a Retry-After header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3), including the
 * two obsolete date forms that §5.6.7 says recipients must still accept.
 */
public final class RetryAfter {
    // English names, whatever the default locale: HTTP dates are always in English.
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

    private RetryAfter() {
    }

    /** The wait the header asks for, measured from {@code now}; empty when absent or unreadable. A date in the past is zero. */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)); // absurdly large: caller caps it
            }
        }
        return date(value, now).map(at -> {
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait;
        });
    }

    private static Optional<Instant> date(String value, Instant now) {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException notImfFixdate) {
            // fall through to the obsolete forms
        }
        try {
            return Optional.of(LocalDateTime.parse(value, rfc850(now)).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notRfc850) {
            // fall through
        }
        try {
            return Optional.of(LocalDateTime.parse(value, ASCTIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notAsctime) {
            return Optional.empty();
        }
    }

    /** "Sunday, 06-Nov-94 08:49:37 GMT": a two-digit year is the one within 50 years of now (RFC 9110 §5.6.7). */
    private static DateTimeFormatter rfc850(Instant now) {
        int thisYear = now.atZone(ZoneOffset.UTC).getYear();
        return new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, thisYear - 49)
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.ENGLISH);
    }
}
