package dev.trawl.state;

import dev.trawl.frontier.FrontierContractTest;
import dev.trawl.frontier.FrontierFactory;

/** The frontier contract for the frontier kept in the state database. */
class SqliteFrontierTest extends FrontierContractTest {
    @Override
    protected FrontierFactory newFactory() {
        return new SqliteFrontierFactory();
    }
}
