package dev.trawl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFormatTest {

    @Test
    void parsesEachUnit() {
        assertEquals(Duration.ofMillis(500), DurationFormat.parse("500ms"));
        assertEquals(Duration.ofSeconds(10), DurationFormat.parse("10s"));
        assertEquals(Duration.ofMinutes(2), DurationFormat.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationFormat.parse("1h"));
    }

    @Test
    void parsesZeroWithoutUnit() {
        assertEquals(Duration.ZERO, DurationFormat.parse("0"));
        assertEquals(Duration.ZERO, DurationFormat.parse("0s"));
    }

    @Test
    void parsesFractionsCaseAndSurroundingSpace() {
        assertEquals(Duration.ofMillis(1500), DurationFormat.parse("1.5s"));
        assertEquals(Duration.ofSeconds(90), DurationFormat.parse("1.5m"));
        assertEquals(Duration.ofSeconds(10), DurationFormat.parse(" 10S "));
        assertEquals(Duration.ofMillis(250), DurationFormat.parse("250 ms"));
    }

    @Test
    void rejectsJunkWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationFormat.parse("10 parsecs"));
        assertEquals("expected a duration like 500ms, 10s or 2m, got \"10 parsecs\"", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "ten seconds", "1e3s", "1,5s", "10sec", "1d", "1.s", ".5s", "0x10s"})
    void rejectsMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> DurationFormat.parse(text));
    }

    @Test
    void rejectsNegative() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationFormat.parse("-5s"));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void rejectsANonZeroNumberWithoutUnit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationFormat.parse("10"));
        assertTrue(e.getMessage().contains("needs a unit"), e.getMessage());
    }

    @Test
    void rejectsOverflow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DurationFormat.parse("99999999999999999999h"));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DurationFormat.parse("9".repeat(40) + "s"));
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertEquals("0", DurationFormat.format(Duration.ZERO));
        assertEquals("30s", DurationFormat.format(Duration.ofSeconds(30)));
        assertEquals("2m", DurationFormat.format(Duration.ofMinutes(2)));
        assertEquals("1h", DurationFormat.format(Duration.ofHours(1)));
        assertEquals("1500ms", DurationFormat.format(Duration.ofMillis(1500)));
        assertEquals("0.0000015s", DurationFormat.format(Duration.ofNanos(1500)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1ms", "999ms", "1.5s", "61s", "90m", "25h", "0.000000001s"})
    void formatReadsBackAsTheSameDuration(String text) {
        Duration parsed = DurationFormat.parse(text);
        assertEquals(parsed, DurationFormat.parse(DurationFormat.format(parsed)));
    }

    @Test
    void formatsRoundedForHumans() {
        assertEquals("850ms", DurationFormat.formatRounded(Duration.ofMillis(850)));
        assertEquals("12.3s", DurationFormat.formatRounded(Duration.ofMillis(12_345)));
        assertEquals("4m05s", DurationFormat.formatRounded(Duration.ofSeconds(245)));
        assertEquals("2h07m", DurationFormat.formatRounded(Duration.ofMinutes(127)));
    }
}
