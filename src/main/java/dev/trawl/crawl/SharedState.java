package dev.trawl.crawl;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.RequestGate;
import dev.trawl.frontier.Frontier;
import dev.trawl.output.RecordWriter;
import dev.trawl.pacing.HostPacer;
import dev.trawl.output.RunRecords;
import dev.trawl.postgres.SharedCrawl;
import dev.trawl.postgres.SharedStateException;
import dev.trawl.state.PageContent;
import dev.trawl.state.Previous;
import java.util.Optional;

/**
 * A crawl with {@code --state postgresql://...}: the frontier, the seen set and the fetch history are
 * the database's, shared with every other trawl started on it, and this process writes the records of
 * the pages it fetched to its own output. A run after a finished one is a recrawl with conditional
 * requests, as with a state file. A worker's summary and {@code --fail-on-error} count the whole run:
 * its own records and, as the crawl ends, those the other workers (and its earlier incarnations) committed.
 */
final class SharedState implements CrawlState {
    private final SharedCrawl crawl;
    private final RecordWriter writer;
    private final boolean changedOnly;

    /** @param changedOnly write only the records of new or changed pages */
    SharedState(SharedCrawl crawl, RecordWriter writer, boolean changedOnly) {
        this.crawl = crawl;
        this.writer = writer;
        this.changedOnly = changedOnly;
    }

    @Override
    public Frontier frontier() {
        return crawl.frontier();
    }

    @Override
    public PageSink sink(Ledger ledger, Runnable maxPagesReached) {
        return new SharedSink(crawl.frontier(), ledger, writer, changedOnly, maxPagesReached);
    }

    /** Known for the URLs this worker leased, which are the only ones it asks about. */
    @Override
    public Optional<Previous> previous(String url) {
        return crawl.frontier().previous(url);
    }

    @Override
    public Optional<PageContent> content(String url) {
        return crawl.frontier().content(url);
    }

    @Override
    public boolean remembers() {
        return true;
    }

    /** The run's records made by other workers, read as the crawl ends (the Ledger asks then). */
    @Override
    public Optional<RunRecords> recordedBefore() {
        try {
            return DurableState.runRecords(crawl.run(), crawl.recordedByOthers());
        } catch (SharedStateException e) {
            return Optional.empty(); // the database is gone: the crawl fails on that, and says so
        }
    }

    @Override
    public void end(boolean drained) {
        writer.close();
    }

    @Override
    public RequestGate gate(HostPacer pacer, CrawlConfig config) {
        return crawl.gate(pacer, pacer::limit, pacer::gapNanos, pacer::heldNanos, config.timeout());
    }

    @Override
    public long spilled() {
        return 0;
    }

    @Override
    public void close() {
        writer.close();
        crawl.close();
    }
}
