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
    private final boolean checkFragments;
    private MemorySink sink;

    /** @param checkFragments {@code --check-fragments}: records may wait for the pages their links point to */
    EphemeralState(LocalFrontier frontier, RecordWriter writer, boolean checkFragments) {
        this.frontier = frontier;
        this.writer = writer;
        this.checkFragments = checkFragments;
    }

    @Override
    public Frontier frontier() {
        return frontier;
    }

    @Override
    public PageSink sink(Ledger ledger, Runnable maxPagesReached) {
        sink = new MemorySink(frontier, ledger, writer, maxPagesReached,
                checkFragments ? new FragmentCheck(frontier::pending) : null);
        return sink;
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

    /** Writes the records still held for fragments (after a stop, with what is known), then closes the output. */
    @Override
    public void end(boolean drained) {
        try {
            if (sink != null) {
                sink.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped hard: what is held is lost, what is queued is written
        } finally {
            writer.close();
        }
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
