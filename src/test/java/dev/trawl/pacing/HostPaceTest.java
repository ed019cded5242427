package dev.trawl.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostPaceTest {
    private static final long MS = 1_000_000;

    @Test
    void startsAtTheConfiguredPace() {
        HostPace pace = new HostPace(4, 250 * MS);

        assertEquals(4, pace.limit());
        assertEquals(250 * MS, pace.gapNanos());
        assertNull(pace.slowedBecause());
    }

    @Test
    void aThrottleHalvesTheRequestsInFlightAndWaitsAtLeastASecond() {
        HostPace pace = new HostPace(8, 0);

        pace.throttled("429");

        assertEquals(4, pace.limit());
        assertEquals(Duration.ofSeconds(1).toNanos(), pace.gapNanos());
        assertEquals("429", pace.slowedBecause());
    }

    @Test
    void repeatedThrottlesBackOffToOneRequestAndAMinuteAtMost() {
        HostPace pace = new HostPace(8, 0);
        for (int i = 0; i < 20; i++) {
            pace.throttled("503");
        }

        assertEquals(1, pace.limit());
        assertEquals(Duration.ofSeconds(60).toNanos(), pace.gapNanos());
    }

    @Test
    void oneTimeoutIsNotASlowDownButARunOfThemIs() {
        HostPace pace = new HostPace(4, 0);
        pace.timedOut();
        pace.timedOut();
        assertEquals(4, pace.limit());

        pace.timedOut();

        assertEquals(2, pace.limit());
        assertEquals("timeouts", pace.slowedBecause());
    }

    @Test
    void anAnswerBreaksARunOfTimeouts() {
        HostPace pace = new HostPace(4, 0);
        pace.timedOut();
        pace.timedOut();
        pace.answered();
        pace.timedOut();
        pace.timedOut();

        assertEquals(4, pace.limit());
    }

    @Test
    void recoversAStepOfGapPerGoodAnswerAndARequestPerFiveUntilBackAtThePace() {
        HostPace pace = new HostPace(4, 100 * MS);
        pace.throttled("429"); // limit 2, gap 1s

        pace.answered();
        assertEquals(100 * MS + 900 * MS * 9 / 10, pace.gapNanos(), "a tenth of the extra gap per good answer");
        for (int i = 0; i < 3; i++) {
            pace.answered();
        }
        assertEquals(2, pace.limit(), "four good answers are not yet a request more");

        pace.answered();

        assertEquals(3, pace.limit());
        for (int i = 0; i < 200; i++) {
            pace.answered();
        }
        assertEquals(4, pace.limit());
        assertEquals(100 * MS, pace.gapNanos(), "back to the configured gap exactly");
        assertEquals("429", pace.slowedBecause(), "the summary still knows it was slowed");
    }

    @Test
    void aCrawlDelayRaisesTheFloorButNeverLowersIt() {
        HostPace pace = new HostPace(4, 250 * MS);

        pace.raiseBaseGap(100 * MS);
        assertEquals(250 * MS, pace.gapNanos());

        pace.raiseBaseGap(2000 * MS);
        assertEquals(2000 * MS, pace.gapNanos());

        pace.throttled("429");
        for (int i = 0; i < 300; i++) {
            pace.answered();
        }
        assertEquals(2000 * MS, pace.gapNanos(), "recovery stops at the crawl delay");
    }
}
