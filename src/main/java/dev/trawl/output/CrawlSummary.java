package dev.trawl.output;

import dev.trawl.page.ErrorType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The counts behind the summary line.
 *
 * @param records      lines written
 * @param ok           records without error
 * @param errors       records with an error, by type
 * @param bytes        body bytes read, after decompression
 * @param elapsed      wall time of the crawl
 * @param spilled      URLs that overflowed the in-memory frontier to disk (and came back)
 * @param refused      links not followed because a trap guard refused them, by reason
 * @param slowedHosts  hosts the crawl slowed down for, with why, e.g. {@code example.com (429)}
 */
public record CrawlSummary(long records, long ok, Map<ErrorType, Long> errors, long bytes, Duration elapsed, long spilled,
        Map<String, Long> refused, List<String> slowedHosts) {

    public CrawlSummary {
        errors = Map.copyOf(errors);
        refused = Map.copyOf(refused);
        slowedHosts = List.copyOf(slowedHosts);
    }

    public CrawlSummary(long records, long ok, Map<ErrorType, Long> errors, long bytes, Duration elapsed, long spilled) {
        this(records, ok, errors, bytes, elapsed, spilled, Map.of(), List.of());
    }

    public double pagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? records / seconds : 0;
    }
}
