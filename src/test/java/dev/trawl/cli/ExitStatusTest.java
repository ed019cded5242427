package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.crawl.StopReason;
import org.junit.jupiter.api.Test;

class ExitStatusTest {

    @Test
    void mapsEveryStopReason() {
        assertEquals(0, ExitStatus.of(StopReason.DRAINED));
        assertEquals(0, ExitStatus.of(StopReason.MAX_PAGES));
        assertEquals(130, ExitStatus.of(StopReason.INTERRUPTED));
        assertEquals(143, ExitStatus.of(StopReason.TERMINATED));
        assertEquals(1, ExitStatus.of(StopReason.OUTPUT_FAILED));
        assertEquals(141, ExitStatus.of(StopReason.OUTPUT_CLOSED));
        assertEquals(2, ExitStatus.of(StopReason.NO_SEEDS));
    }
}
