package dev.trawl.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.RequestOptions.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderFormatTest {

    private static String problem(String name, String value) {
        return assertThrows(IllegalArgumentException.class, () -> HeaderFormat.check(new Header(name, value))).getMessage();
    }

    @Test
    void splitsAtTheFirstColonAndTrimsTheValue() {
        assertEquals(new Header("Accept-Language", "en"), HeaderFormat.parse("Accept-Language: en"));
        assertEquals(new Header("X-Time", "12:30"), HeaderFormat.parse("X-Time:12:30"));
        assertEquals(new Header("X-Empty", ""), HeaderFormat.parse("X-Empty:"));
    }

    @Test
    void needsAColonAndSaysSoWithoutEchoingTheValue() {
        assertEquals("expected 'Name: value', got no colon after \"Authorization\"",
                assertThrows(IllegalArgumentException.class, () -> HeaderFormat.parse("Authorization Bearer s3cret")).getMessage());
    }

    @Test
    void acceptsEveryTokenCharacterInTheName() {
        assertDoesNotThrow(() -> HeaderFormat.check(new Header("X-a_b.c!#$%&'*+^`|~9", "v")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X Y", "X\tY", "X(Y)", "X/Y", "X@Y", "Ä", "X\"Y", "X,Y", "X;Y"})
    void refusesANameThatIsNotAToken(String name) {
        assertTrue(problem(name, "v").startsWith("header name \"" + name + "\" has "), problem(name, "v"));
    }

    @Test
    void saysWhichCharacterOfTheNameIsWrong() {
        assertEquals("header name \"X Y\" has character U+0020 at position 2; a name is letters, digits and "
                + "!#$%&'*+-.^_`|~ only", problem("X Y", "v"));
        assertTrue(problem("X(Y)", "v").contains(" has '(' at position 2"), problem("X(Y)", "v"));
    }

    @Test
    void refusesAnEmptyName() {
        assertEquals("missing header name before the colon", problem("", "secret"));
    }

    @Test
    void refusesTheHeadersTrawlSetsItselfSayingWhy() {
        assertTrue(problem("Host", "other.example").startsWith("cannot set Host: trawl sends each request to the host in its URL"));
        assertTrue(problem("content-length", "0").startsWith("cannot set content-length: trawl's requests have no body"));
        assertTrue(problem("Transfer-Encoding", "chunked").startsWith("cannot set Transfer-Encoding: "));
        assertTrue(problem("CONNECTION", "close").startsWith("cannot set CONNECTION: the HTTP client manages connections"));
    }

    @Test
    void refusesALineBreakInTheValue() {
        assertEquals("X-A value must not contain a line break", problem("X-A", "1\r\nX-Evil: 2"));
        assertEquals("X-A value must not contain a line break", problem("X-A", "1\n"));
    }

    @Test
    void refusesAValueThatIsNotPrintableAscii() {
        assertEquals("X-A value must be printable ASCII, got character U+00E9 at position 3", problem("X-A", "ab\u00e9"));
        assertEquals("X-A value must be printable ASCII, got character U+0000 at position 1", problem("X-A", "\0"));
    }

    @Test
    void allowsTabsAndAnEmptyValue() {
        assertDoesNotThrow(() -> HeaderFormat.check(new Header("X-A", "a\tb")));
        assertDoesNotThrow(() -> HeaderFormat.check(new Header("X-A", "")));
    }

    @Test
    void formatReadsBack() {
        Header header = new Header("X-A", "b: c");
        assertEquals(header, HeaderFormat.parse(HeaderFormat.format(header)));
    }
}
