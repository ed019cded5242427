package dev.trawl.frontier;

/** The randomised frontier contract for {@link LocalFrontier}. */
class LocalFrontierRandomTest extends FrontierRandomContractTest {
    @Override
    protected FrontierFactory newFactory() {
        return new LocalFrontierFactory();
    }
}
