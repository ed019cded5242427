package dev.trawl.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("1994-11-06T08:49:30Z");

    @ParameterizedTest(name = "\"{0}\" -> {1}s")
    @CsvSource(delimiter = '|', textBlock = """
            0           | 0
            7           | 7
            120         | 120
            '  5 '      | 5
            007         | 7
            86400       | 86400
            """)
    void delaySecondsAreReadAsSeconds(String header, long seconds) {
        assertEquals(Optional.of(Duration.ofSeconds(seconds)), RetryAfter.parse(header, NOW));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "soon", "-5", "+5", "1.5", "5s", "1e3", "0x10", "Sun, 06 Nov 1994", "Sun, 32 Nov 1994 08:49:37 GMT"})
    void absentOrUnreadableIsEmpty(String header) {
        assertEquals(Optional.empty(), RetryAfter.parse(header, NOW));
    }

    @Test
    void httpDateIsTheWaitFromNow() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW));
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(3600).atOffset(ZoneOffset.UTC));
        assertEquals(Optional.of(Duration.ofHours(1)), RetryAfter.parse(inAnHour, NOW));
    }

    @Test
    void httpDateInThePastOrNowIsZero() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sun, 06 Nov 1994 08:49:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sat, 05 Nov 1994 08:49:37 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Thu, 01 Jan 1970 00:00:00 GMT", NOW));
    }

    @Test
    void numberTooLargeForALongIsStillAVeryLongWait() {
        Optional<Duration> wait = RetryAfter.parse("99999999999999999999999", NOW);
        assertTrue(wait.isPresent());
        assertTrue(wait.get().compareTo(Duration.ofDays(365 * 100)) > 0, "got " + wait);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"})
    void obsoleteHttpDateFormsAreRead(String header) {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(header, NOW));
    }
}
