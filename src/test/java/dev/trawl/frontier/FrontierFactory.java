package dev.trawl.frontier;

import java.util.OptionalInt;

/**
 * How a contract test gets frontiers of the implementation under test; closing it releases
 * whatever the frontiers it made hold (a state database, a temporary directory).
 */
public interface FrontierFactory extends AutoCloseable {
    /** A new, empty frontier (maxDepth empty: no limit); its constructor's argument checks are the implementation's. */
    Frontier create(OptionalInt maxDepth, int capacity, Admission admission);

    /** URLs known to the frontier's crawl (its run): queued, in flight or done. */
    long known(Frontier frontier);

    @Override
    void close();
}
