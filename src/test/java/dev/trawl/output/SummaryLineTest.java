package dev.trawl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.page.ErrorType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummaryLineTest {

    @Test
    void formatsTheReadmeExample() {
        CrawlSummary summary = new CrawlSummary(15, 12, Map.of(ErrorType.ROBOTS, 1L, ErrorType.HTTP, 2L), 4096,
                Duration.ofMillis(857), 0);
        assertEquals("trawl: 15 pages in 0.9s (17.5/s): 12 ok, 3 errors (http 2, robots 1); 4.0 KB",
                SummaryLine.format(summary));
    }

    @Test
    void aResumedRunCountsTheWholeRunThenThisProcess() {
        RunRecords run = new RunRecords(1, 506, 6, Map.of(ErrorType.HTTP, 500L));
        CrawlSummary summary = new CrawlSummary(6, 6, Map.of(), 4096, Duration.ofMillis(900), 0, Map.of(), List.of(),
                6, Optional.of(run));
        assertEquals("trawl: run 1: 506 pages: 6 ok, 500 errors (http 500); 6 in this process in 0.9s (6.7/s); 4.0 KB",
                SummaryLine.format(summary));
    }

    @Test
    void recordsNotWrittenUnderChangedOnlyAreCountedAndTheLinesWrittenSaid() {
        CrawlSummary summary = new CrawlSummary(40, 39, Map.of(ErrorType.HTTP, 1L), 2048, Duration.ofSeconds(2), 0,
                Map.of(), List.of(), 3, Optional.empty());
        assertEquals("trawl: 40 pages in 2.0s (20.0/s): 39 ok, 1 error (http 1); 2.0 KB; 3 written (new or changed)",
                SummaryLine.format(summary));
    }

    @Test
    void oneIsSingular() {
        CrawlSummary summary = new CrawlSummary(1, 0, Map.of(ErrorType.TIMEOUT, 1L), 0, Duration.ofSeconds(1), 0);
        assertEquals("trawl: 1 page in 1.0s (1.0/s): 0 ok, 1 error (timeout 1); 0 B", SummaryLine.format(summary));
    }

    @Test
    void noErrorsHasNoBreakdown() {
        CrawlSummary summary = new CrawlSummary(2, 2, Map.of(), 1023, Duration.ofMillis(2000), 0);
        assertEquals("trawl: 2 pages in 2.0s (1.0/s): 2 ok, 0 errors; 1023 B", SummaryLine.format(summary));
    }

    @Test
    void errorTypesAreListedInTheirFixedOrderAndZeroCountsLeftOut() {
        Map<ErrorType, Long> errors = new LinkedHashMap<>();
        errors.put(ErrorType.INVALID_URL, 1L);
        errors.put(ErrorType.HTTP, 0L);
        errors.put(ErrorType.DNS, 1L);
        errors.put(ErrorType.TIMEOUT, 2L);
        CrawlSummary summary = new CrawlSummary(4, 0, errors, 0, Duration.ofSeconds(2), 0);
        assertEquals("trawl: 4 pages in 2.0s (2.0/s): 0 ok, 4 errors (timeout 2, dns 1, invalid_url 1); 0 B",
                SummaryLine.format(summary));
    }

    @Test
    void overflowToDiskIsMentionedOnlyWhenItHappened() {
        CrawlSummary summary = new CrawlSummary(3, 3, Map.of(), 5 * 1024 * 1024 + 512 * 1024, Duration.ofSeconds(3), 42);
        assertEquals("trawl: 3 pages in 3.0s (1.0/s): 3 ok, 0 errors; 5.5 MB; 42 URLs overflowed to disk",
                SummaryLine.format(summary));
    }

    @Test
    void zeroElapsedTimeIsZeroPerSecond() {
        CrawlSummary summary = new CrawlSummary(0, 0, Map.of(), 0, Duration.ZERO, 0);
        assertEquals("trawl: 0 pages in 0.0s (0.0/s): 0 ok, 0 errors; 0 B", SummaryLine.format(summary));
    }

    @Test
    void numbersUseADotWhateverTheLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            CrawlSummary summary = new CrawlSummary(15, 15, Map.of(), 1536, Duration.ofMillis(857), 0);
            assertEquals("trawl: 15 pages in 0.9s (17.5/s): 15 ok, 0 errors; 1.5 KB", SummaryLine.format(summary));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0           | 0 B
            1           | 1 B
            1023        | 1023 B
            1024        | 1.0 KB
            1536        | 1.5 KB
            1048576     | 1.0 MB
            10485760    | 10.0 MB
            5368709120  | 5120.0 MB
            """)
    void bytesAreShownInTheLargestFittingUnit(long bytes, String shown) {
        assertEquals(shown, SummaryLine.bytes(bytes));
    }

    @Test
    void sizeJustUnderAMegabyteIsNotShownAs1024Kilobytes() {
        assertEquals("1.0 MB", SummaryLine.bytes(1024 * 1024 - 1));
    }

    @Test
    void linksCheckedAreCountedWithTheBrokenOnes() {
        CrawlSummary summary = new CrawlSummary(12, 9, Map.of(ErrorType.HTTP, 2L, ErrorType.DNS, 1L), 2048,
                Duration.ofSeconds(2), 0, Map.of(), List.of(), 12, Optional.empty(), 8, 3, 1);
        assertEquals("trawl: 12 pages in 2.0s (6.0/s): 9 ok, 3 errors (dns 1, http 2); 8 links checked, 3 broken; "
                + "1 missing fragment; 2.0 KB", SummaryLine.format(summary));
    }
}
