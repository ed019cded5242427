package dev.trawl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateFormatTest {

    @Test
    void parsesEachUnitIntoRequestsPerSecond() {
        assertEquals(10.0, RateFormat.parse("10/s"));
        assertEquals(10.0, RateFormat.parse("600/m"));
        assertEquals(1.0, RateFormat.parse("3600/h"));
        assertEquals(2.5, RateFormat.parse("2.5/s"));
    }

    @Test
    void readsABareNumberAsPerSecond() {
        assertEquals(10.0, RateFormat.parse("10"));
        assertEquals(0.5, RateFormat.parse("0.5"));
    }

    @Test
    void parsesCaseAndSpaces() {
        assertEquals(10.0, RateFormat.parse(" 10/S "));
        assertEquals(10.0, RateFormat.parse("600 / m"));
    }

    @Test
    void parsesZeroLeavingTheRangeToTheBuilder() {
        assertEquals(0.0, RateFormat.parse("0/s"));
    }

    @Test
    void rejectsJunkWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RateFormat.parse("fast"));
        assertEquals("expected a rate like 10/s, 600/m or 2.5 (per second), got \"fast\"", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/s", "10/", "10/d", "10s", "10/sec", "1e3/s", ".5/s", "1./s", "1,5/s", "10//s", "NaN", "Infinity"})
    void rejectsMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> RateFormat.parse(text));
    }

    @Test
    void rejectsNegative() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RateFormat.parse("-1/s"));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void formatsPerSecondWhenThatIsShort() {
        assertEquals("10/s", RateFormat.format(10));
        assertEquals("2.5/s", RateFormat.format(2.5));
        assertEquals("0.5/s", RateFormat.format(RateFormat.parse("30/m")));
        assertEquals("100000/s", RateFormat.format(100_000));
        assertEquals("0/s", RateFormat.format(0));
    }

    @Test
    void formatsAWholeNumberPerMinuteOrHourOtherwise() {
        assertEquals("1/m", RateFormat.format(RateFormat.parse("1/m")));
        assertEquals("7/m", RateFormat.format(RateFormat.parse("7/m")));
        assertEquals("1/h", RateFormat.format(RateFormat.parse("1/h")));
        assertEquals("5/h", RateFormat.format(RateFormat.parse("5/h")));
    }

    @Test
    void formatsAnyOtherRateAsADecimalPerSecond() {
        assertEquals("0.0001/s", RateFormat.format(0.0001));
        assertEquals("1.23456/s", RateFormat.format(1.23456));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10/s", "600/m", "2.5/s", "3600/h", "1/h", "7/m", "0.001/s", "123.456/s", "0.25", "99999.99/h", "1/m", "59/m", "3599/h"})
    void formatReadsBackAsTheSameRate(String text) {
        double rate = RateFormat.parse(text);
        assertEquals(rate, RateFormat.parse(RateFormat.format(rate)), RateFormat.format(rate));
    }

    @Test
    void refusesToFormatWhatIsNotARate() {
        assertThrows(IllegalArgumentException.class, () -> RateFormat.format(-1));
        assertThrows(IllegalArgumentException.class, () -> RateFormat.format(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RateFormat.format(Double.POSITIVE_INFINITY));
    }
}
