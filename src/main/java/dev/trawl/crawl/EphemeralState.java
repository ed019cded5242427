package dev.trawl.crawl;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.LocalFrontier;
import dev.trawl.output.RecordWriter;
import java.io.IOException;

/** A crawl without {@code --state}: the in-memory frontier and the {@link RecordWriter}. Nothing survives the process. */
final class EphemeralState extends StateWithoutHistory {
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
