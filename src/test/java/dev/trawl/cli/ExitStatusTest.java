package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.crawl.CrawlOutcome;
import dev.trawl.crawl.StopReason;
import dev.trawl.output.CrawlSummary;
import dev.trawl.output.RunRecords;
import dev.trawl.page.ErrorType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitStatusTest {

    private static CrawlOutcome outcome(StopReason reason, Map<ErrorType, Long> errors) {
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        return new CrawlOutcome(reason, new CrawlSummary(10, 10 - failed, errors, 0, Duration.ZERO, 0), Optional.empty());
    }

    @Test
    void mapsEveryStopReason() {
        assertEquals(0, ExitStatus.of(StopReason.DRAINED));
        assertEquals(0, ExitStatus.of(StopReason.MAX_PAGES));
        assertEquals(130, ExitStatus.of(StopReason.INTERRUPTED));
        assertEquals(143, ExitStatus.of(StopReason.TERMINATED));
        assertEquals(1, ExitStatus.of(StopReason.OUTPUT_FAILED));
        assertEquals(141, ExitStatus.of(StopReason.OUTPUT_CLOSED));
        assertEquals(2, ExitStatus.of(StopReason.NO_SEEDS));
        assertEquals(75, ExitStatus.of(StopReason.STATE_LOCKED));
        assertEquals(1, ExitStatus.of(StopReason.STATE_FAILED));
    }

    @Test
    void failOnErrorIgnoresRobotsRefusals() {
        assertEquals(0, ExitStatus.of(outcome(StopReason.DRAINED, Map.of(ErrorType.ROBOTS, 3L)), true));
        assertEquals(0, ExitStatus.of(outcome(StopReason.DRAINED, Map.of()), true));
    }

    @Test
    void failOnErrorExitsThreeForAnyOtherPageError() {
        for (ErrorType type : ErrorType.values()) {
            if (type != ErrorType.ROBOTS) {
                assertEquals(3, ExitStatus.of(outcome(StopReason.DRAINED, Map.of(type, 1L, ErrorType.ROBOTS, 2L)), true), type.name());
            }
        }
        assertEquals(3, ExitStatus.of(outcome(StopReason.MAX_PAGES, Map.of(ErrorType.HTTP, 1L)), true));
    }

    @Test
    void failOnErrorCountsTheErrorsOfTheWholeRunWhenThisProcessResumedIt() {
        RunRecords run = new RunRecords(1, 506, 6, Map.of(ErrorType.HTTP, 500L));
        CrawlSummary ownPagesOk = new CrawlSummary(6, 6, Map.of(), 0, Duration.ZERO, 0, Map.of(), List.of(), 6,
                Optional.of(run));
        CrawlOutcome outcome = new CrawlOutcome(StopReason.DRAINED, ownPagesOk, Optional.empty());

        assertEquals(3, ExitStatus.of(outcome, true));
        assertEquals(Map.of(ErrorType.HTTP, 500L), ExitStatus.pageErrors(ownPagesOk));
    }

    /** --check-fragments: a link to a fragment that is not there is a broken link, without any page error. */
    @Test
    void failOnErrorExitsThreeForMissingFragmentsAlone() {
        CrawlSummary fragmentsMissing = new CrawlSummary(4, 4, Map.of(), 0, Duration.ZERO, 0, Map.of(), List.of(), 4,
                Optional.empty(), 0, 0, 2);
        CrawlOutcome outcome = new CrawlOutcome(StopReason.DRAINED, fragmentsMissing, Optional.empty());

        assertEquals(3, ExitStatus.of(outcome, true));
        assertEquals(0, ExitStatus.of(outcome, false));
    }

    @Test
    void withoutFailOnErrorPageErrorsExitZero() {
        assertEquals(0, ExitStatus.of(outcome(StopReason.DRAINED, Map.of(ErrorType.HTTP, 2L, ErrorType.TIMEOUT, 1L)), false));
        assertEquals(0, ExitStatus.of(outcome(StopReason.MAX_PAGES, Map.of(ErrorType.HTTP, 2L)), false));
    }

    @Test
    void aCrawlThatDidNotFinishKeepsItsOwnStatusWhateverItsPageErrors() {
        Map<ErrorType, Long> errors = Map.of(ErrorType.HTTP, 1L);
        assertEquals(130, ExitStatus.of(outcome(StopReason.INTERRUPTED, errors), true));
        assertEquals(143, ExitStatus.of(outcome(StopReason.TERMINATED, errors), true));
        assertEquals(141, ExitStatus.of(outcome(StopReason.OUTPUT_CLOSED, errors), true));
        assertEquals(1, ExitStatus.of(outcome(StopReason.OUTPUT_FAILED, errors), true));
        assertEquals(1, ExitStatus.of(outcome(StopReason.STATE_FAILED, errors), true));
        assertEquals(75, ExitStatus.of(outcome(StopReason.STATE_LOCKED, Map.of()), true));
    }

    @Test
    void zeroCountsAreNoErrors() {
        assertEquals(0, ExitStatus.of(outcome(StopReason.DRAINED, Map.of(ErrorType.HTTP, 0L)), true));
    }

    @Test
    void pageErrorsAreInErrorTypeOrderWithoutRobots() {
        Map<ErrorType, Long> errors = ExitStatus.pageErrors(outcome(StopReason.DRAINED,
                Map.of(ErrorType.IO, 1L, ErrorType.ROBOTS, 4L, ErrorType.TIMEOUT, 2L)).summary());
        assertEquals("{TIMEOUT=2, IO=1}", errors.toString());
    }
}
