package dev.trawl.output;

import dev.trawl.page.ErrorType;
import java.util.EnumMap;
import java.util.Map;

/**
 * The records of a whole run that more than one process took part in: a crawl with {@code --state}
 * resumed after a crash or a stop. Pages recorded, written to the output or not
 * ({@code --changed-only}).
 *
 * @param run     the run's number in the state
 * @param records pages recorded in the run
 * @param ok      records without error
 * @param errors  records with an error, by type
 */
public record RunRecords(long run, long records, long ok, Map<ErrorType, Long> errors) {
    public RunRecords {
        errors = Map.copyOf(errors);
    }

    /** These and another process's records of the same run. */
    public RunRecords plus(long moreRecords, long moreOk, Map<ErrorType, Long> moreErrors) {
        Map<ErrorType, Long> sum = new EnumMap<>(ErrorType.class);
        sum.putAll(errors);
        moreErrors.forEach((type, count) -> sum.merge(type, count, Long::sum));
        return new RunRecords(run, records + moreRecords, ok + moreOk, sum);
    }
}
