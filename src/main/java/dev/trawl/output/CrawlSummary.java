package dev.trawl.output;

import dev.trawl.page.ErrorType;
import java.time.Duration;
import java.util.Map;

/**
 * The counts behind the summary line.
 *
 * @param records  lines written
 * @param ok       records without error
 * @param errors   records with an error, by type
 * @param bytes    body bytes read, after decompression
 * @param elapsed  wall time of the crawl
 * @param spilled  URLs that overflowed the in-memory frontier to disk (and came back)
 */
public record CrawlSummary(long records, long ok, Map<ErrorType, Long> errors, long bytes, Duration elapsed, long spilled) {
    public CrawlSummary {
        errors = Map.copyOf(errors);
    }

    public double pagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? records / seconds : 0;
    }
}
