package dev.trawl.state;

import java.util.Map;

/**
 * The records a run has made so far, as the state has them committed: every page done with a fetch
 * in the run, written to the output or not ({@code --changed-only}), and how many of them had each
 * error type.
 *
 * @param records pages recorded
 * @param errors  records with an error, by error type as written ({@code http}, {@code timeout}, ...)
 */
public record RecordCounts(long records, Map<String, Long> errors) {
    public static final RecordCounts NONE = new RecordCounts(0, Map.of());

    public RecordCounts {
        errors = Map.copyOf(errors);
    }
}
