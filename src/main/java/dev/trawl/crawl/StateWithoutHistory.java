package dev.trawl.crawl;

import dev.trawl.output.RunRecords;
import dev.trawl.state.PageContent;
import dev.trawl.state.Previous;
import java.util.Optional;
import java.util.Set;

/**
 * A crawl state that remembers no earlier run (in memory, or shared through PostgreSQL for now):
 * no fetch history, no stored content, no records of an earlier process, no hosts admitted before.
 */
abstract class StateWithoutHistory implements CrawlState {
    @Override
    public Optional<Previous> previous(String url) {
        return Optional.empty();
    }

    @Override
    public Optional<PageContent> content(String url) {
        return Optional.empty();
    }

    @Override
    public boolean remembers() {
        return false;
    }

    @Override
    public Optional<RunRecords> recordedBefore() {
        return Optional.empty();
    }

    /** Nothing to restore: the seeds admit their hosts again as they are read. */
    @Override
    public Set<String> admittedHosts() {
        return Set.of();
    }

    @Override
    public void admitHost(String host) {
    }
}
