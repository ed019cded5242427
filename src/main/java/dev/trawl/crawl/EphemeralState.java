package dev.trawl.crawl;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.LocalFrontier;
import dev.trawl.output.RecordWriter;
import dev.trawl.state.PageContent;
import dev.trawl.state.Previous;
import java.io.IOException;
import java.util.Optional;

/** A crawl without {@code --state}: the in-memory frontier and the {@link RecordWriter}. Nothing survives the process. */
final class EphemeralState implements CrawlState {
    private final LocalFrontier frontier;
    private final RecordWriter writer;

    EphemeralState(LocalFrontier frontier, RecordWriter writer) {
        this.frontier = frontier;
        this.writer = writer;
    }

    @Override
    public Frontier frontier() {
        return frontier;
    }

    @Override
    public PageSink sink(Ledger ledger, Runnable maxPagesReached) {
        return new MemorySink(frontier, ledger, writer, maxPagesReached);
    }

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
    public void end(boolean drained) {
        writer.close();
    }

    @Override
    public long spilled() {
        return frontier.spilled();
    }

    @Override
    public void close() {
        writer.close();
        try {
            frontier.close();
        } catch (IOException e) {
            // Only a temporary file left behind; deleteOnExit still covers it.
        }
    }
}
