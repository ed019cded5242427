package dev.trawl.state;

import dev.trawl.frontier.FrontierFactory;
import dev.trawl.frontier.FrontierRandomContractTest;

/** The randomised frontier contract for the frontier kept in the state database, with a window of a few URLs. */
class SqliteFrontierRandomTest extends FrontierRandomContractTest {
    @Override
    protected FrontierFactory newFactory() {
        return new SqliteFrontierFactory();
    }
}
