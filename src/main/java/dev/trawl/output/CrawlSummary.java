package dev.trawl.output;

import dev.trawl.page.ErrorType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The counts behind the summary line: this process's, and for a resumed run the whole run's.
 *
 * @param records      pages recorded by this process, written to the output or not
 * @param ok           records without error
 * @param errors       records with an error, by type
 * @param bytes        body bytes read, after decompression
 * @param elapsed      wall time of the crawl
 * @param spilled      URLs that overflowed the in-memory frontier to disk (and came back)
 * @param refused      links not followed because a trap guard refused them, by reason
 * @param slowedHosts  hosts the crawl slowed down for, with why, e.g. {@code example.com (429)}
 * @param written      lines written; fewer than {@code records} with {@code --changed-only}
 * @param run          the whole run's records when this process resumed it (earlier processes' included);
 *                     empty when the run began in this process
 * @param checked      of this process's records, links only checked ({@code --check-links})
 * @param checkedBroken of those, the ones with an error other than a robots refusal
 * @param missingFragments links listed in the records' {@code missing_fragments} ({@code --check-fragments})
 */
public record CrawlSummary(long records, long ok, Map<ErrorType, Long> errors, long bytes, Duration elapsed, long spilled,
        Map<String, Long> refused, List<String> slowedHosts, long written, Optional<RunRecords> run, long checked,
        long checkedBroken, long missingFragments) {

    public CrawlSummary {
        errors = Map.copyOf(errors);
        refused = Map.copyOf(refused);
        slowedHosts = List.copyOf(slowedHosts);
    }

    public CrawlSummary(long records, long ok, Map<ErrorType, Long> errors, long bytes, Duration elapsed, long spilled,
            Map<String, Long> refused, List<String> slowedHosts) {
        this(records, ok, errors, bytes, elapsed, spilled, refused, slowedHosts, records, Optional.empty());
    }

    public CrawlSummary(long records, long ok, Map<ErrorType, Long> errors, long bytes, Duration elapsed, long spilled,
            Map<String, Long> refused, List<String> slowedHosts, long written, Optional<RunRecords> run) {
        this(records, ok, errors, bytes, elapsed, spilled, refused, slowedHosts, written, run, 0, 0, 0);
    }

    public CrawlSummary(long records, long ok, Map<ErrorType, Long> errors, long bytes, Duration elapsed, long spilled) {
        this(records, ok, errors, bytes, elapsed, spilled, Map.of(), List.of());
    }

    public double pagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? records / seconds : 0;
    }

    /** The errors of the whole run, those recorded before a resume included: what {@code --fail-on-error} counts. */
    public Map<ErrorType, Long> runErrors() {
        return run.map(RunRecords::errors).orElse(errors);
    }
}
