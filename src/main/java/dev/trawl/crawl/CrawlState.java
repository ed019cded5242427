package dev.trawl.crawl;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.RequestGate;
import dev.trawl.frontier.Frontier;
import dev.trawl.output.RunRecords;
import dev.trawl.pacing.HostPacer;
import dev.trawl.state.PageContent;
import dev.trawl.state.Previous;
import java.util.Optional;
import java.util.Set;

/**
 * Where a crawl keeps what it is doing: in memory for one run ({@link EphemeralState}), or in a
 * state file across runs and crashes ({@link DurableState}). The engine is the same either way.
 */
interface CrawlState extends AutoCloseable {

    Frontier frontier();

    /** Where finished pages go. */
    PageSink sink(Ledger ledger, Runnable maxPagesReached);

    /** A URL's last fetch in an earlier run; always empty in memory. */
    Optional<Previous> previous(String url);

    /** What a URL's last 2xx answer gave its record, for the record of a 304; always empty in memory. */
    Optional<PageContent> content(String url);

    /** Whether there are earlier runs to compare pages with. */
    boolean remembers();

    /**
     * The records of the run made by other processes, as the state committed them: before this one
     * resumed the run, or, in a shared crawl, by the other workers. Asked as the crawl ends, for the
     * summary and {@code --fail-on-error}. Empty when there were none (a run made by this process
     * alone), and for a state that does not count them.
     */
    default Optional<RunRecords> recordedBefore() {
        return Optional.empty();
    }

    /**
     * Hosts admitted to scope by the run being resumed (empty for a new run); empty for a state that
     * does not keep them: the seeds admit their hosts again as they are read.
     */
    default Set<String> admittedHosts() {
        return Set.of();
    }

    /** A host admitted to scope, to remember for a resume; a state that does not keep them ignores it. */
    default void admitHost(String host) {
    }

    /** The run is over: everything recorded is written and flushed, and the run is marked as it ended. */
    void end(boolean drained);

    /**
     * The gate every request goes through: this process's pacer, or, for a crawl shared with other
     * processes, the pacer and then the host's turn for the whole crawl.
     */
    default RequestGate gate(HostPacer pacer, CrawlConfig config) {
        return pacer;
    }

    /** URLs that overflowed memory to disk (the in-memory frontier's temporary file). */
    long spilled();

    @Override
    void close();
}
