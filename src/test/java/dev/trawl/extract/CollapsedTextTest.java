package dev.trawl.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CollapsedTextTest {

    @Test
    void collapsesRunsAndTrimsEnds() {
        assertEquals("a b c", CollapsedText.of(" \t a \n\r b\u00A0\f c  ", 100));
    }

    @Test
    void aCutNeverEndsInASpace() {
        assertEquals("abc", CollapsedText.of("abc def", 4));
        assertEquals("abc", CollapsedText.of("abc def", 3));
        assertEquals("abc d", CollapsedText.of("abc def", 5));
        assertEquals("abc def", CollapsedText.of("abc def", 7));
    }

    @Test
    void appendingStopsOnceFullAndSpansParts() {
        CollapsedText text = new CollapsedText(6, 0);
        assertTrue(text.append("ab "));
        assertTrue(text.append(" cd"));
        assertFalse(text.append(" efgh"));
        assertFalse(text.append("more"));
        assertEquals("ab cd", text.toString());
    }
}
