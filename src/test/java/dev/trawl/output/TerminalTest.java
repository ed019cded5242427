package dev.trawl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void detectAnswersWithoutThrowing() {
        Terminal terminal = Terminal.detect();
        assertNotNull(terminal);
        assertEquals(terminal, Terminal.detect(), "the streams do not change between two calls");
    }

    @Test
    void isAPlainValue() {
        Terminal terminal = new Terminal(true, false);
        assertTrue(terminal.stderrIsTerminal());
        assertFalse(terminal.stdoutIsPipe());
        assertEquals(new Terminal(true, false), terminal);
        assertEquals(new Terminal(true, false).hashCode(), terminal.hashCode());
        assertNotEquals(new Terminal(false, false), terminal);
        assertNotEquals(new Terminal(true, true), terminal);
    }
}
