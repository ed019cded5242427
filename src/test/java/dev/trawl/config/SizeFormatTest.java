package dev.trawl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SizeFormatTest {

    @Test
    void readsKilobytesAsBinary() {
        assertEquals(512 * 1024L, SizeFormat.parse("512KB"));
        assertEquals(10 * 1024 * 1024L, SizeFormat.parse("10MB"));
        assertEquals(1024 * 1024 * 1024L, SizeFormat.parse("1GB"));
        assertEquals(100, SizeFormat.parse("100B"));
    }

    @Test
    void readsPlainDigitsAsBytes() {
        assertEquals(4096, SizeFormat.parse("4096"));
        assertEquals(0, SizeFormat.parse("0"));
    }

    @Test
    void acceptsIecUnitsAndLowerCase() {
        assertEquals(SizeFormat.parse("512KB"), SizeFormat.parse("512KiB"));
        assertEquals(SizeFormat.parse("10MB"), SizeFormat.parse("10mib"));
        assertEquals(SizeFormat.parse("1GB"), SizeFormat.parse("1gib"));
        assertEquals(SizeFormat.parse("10MB"), SizeFormat.parse("10mb"));
        assertEquals(1536, SizeFormat.parse("1.5KB"));
    }

    @Test
    void rejectsJunkWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SizeFormat.parse("ten megs"));
        assertEquals("expected a size like 512KB or 10MB, got \"ten megs\"", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "10 MBs", "10TB", "1e6", "-1", "1.5B", "0.1KB"})
    void rejectsMalformedNegativeAndFractionalBytes(String text) {
        assertThrows(IllegalArgumentException.class, () -> SizeFormat.parse(text));
    }

    @Test
    void rejectsOverflow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SizeFormat.parse("9999999999GB"));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertEquals("10MB", SizeFormat.format(10 * 1024 * 1024L));
        assertEquals("512KB", SizeFormat.format(512 * 1024L));
        assertEquals("1GB", SizeFormat.format(1L << 30));
        assertEquals("1500B", SizeFormat.format(1500));
        assertEquals("0B", SizeFormat.format(0));
        assertEquals(1500, SizeFormat.parse(SizeFormat.format(1500)));
    }

    @Test
    void formatsRoundedForHumans() {
        assertEquals("900B", SizeFormat.formatRounded(900));
        assertEquals("1.5KB", SizeFormat.formatRounded(1536));
        assertEquals("117.7MB", SizeFormat.formatRounded(123_456_789));
    }
}
