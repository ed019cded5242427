package dev.trawl.state;

import java.util.Set;

/**
 * How a run began.
 *
 * @param run           the run's id ({@code runs.id})
 * @param resumed       true when an unfinished run is continued
 * @param outputLength  bytes of the output that are committed ({@code runs.output_length}), the last
 *                      commit's lines included, which a crash may have kept from the file; 0 for a new run
 * @param admittedHosts hosts admitted to scope by {@link StateStore#admitHost} so far in this run
 */
public record RunStart(long run, boolean resumed, long outputLength, Set<String> admittedHosts) {
    public RunStart {
        admittedHosts = Set.copyOf(admittedHosts);
    }
}
