package dev.trawl.crawl;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.RequestGate;
import dev.trawl.frontier.Frontier;
import dev.trawl.output.RecordWriter;
import dev.trawl.pacing.HostPacer;
import dev.trawl.postgres.SharedCrawl;

/**
 * A crawl with {@code --state postgresql://...}: the frontier and the seen set are the database's,
 * shared with every other trawl started on it, and this process writes the records of the pages it
 * fetched to its own output. No history yet: every run is a first run (no conditional requests).
 */
final class SharedState extends StateWithoutHistory {
    private final SharedCrawl crawl;
    private final RecordWriter writer;

    SharedState(SharedCrawl crawl, RecordWriter writer) {
        this.crawl = crawl;
        this.writer = writer;
    }

    @Override
    public Frontier frontier() {
        return crawl.frontier();
    }

    @Override
    public PageSink sink(Ledger ledger, Runnable maxPagesReached) {
        return new SharedSink(crawl.frontier(), ledger, writer, maxPagesReached);
    }

    @Override
    public void end(boolean drained) {
        writer.close();
    }

    @Override
    public RequestGate gate(HostPacer pacer, CrawlConfig config) {
        return crawl.gate(pacer, pacer::limit, pacer::gapNanos, config.timeout());
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
