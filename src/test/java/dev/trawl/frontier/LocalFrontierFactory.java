package dev.trawl.frontier;

import java.util.OptionalInt;

/** Makes {@link LocalFrontier}s for the contract tests; they hold nothing that outlives them. */
final class LocalFrontierFactory implements FrontierFactory {
    @Override
    public Frontier create(OptionalInt maxDepth, int capacity, Admission admission) {
        return new LocalFrontier(maxDepth, capacity, admission);
    }

    @Override
    public long known(Frontier frontier) {
        return ((LocalFrontier) frontier).known();
    }

    @Override
    public void close() {
    }
}
