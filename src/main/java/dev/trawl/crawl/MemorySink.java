package dev.trawl.crawl;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import dev.trawl.output.RecordWriter;
import java.util.List;

/** Pages of a crawl without {@code --state}: records to the {@link RecordWriter}, links to the frontier. */
final class MemorySink implements PageSink {
    private final Frontier frontier;
    private final Ledger ledger;
    private final RecordWriter writer;
    private final Runnable maxPagesReached;

    MemorySink(Frontier frontier, Ledger ledger, RecordWriter writer, Runnable maxPagesReached) {
        this.frontier = frontier;
        this.ledger = ledger;
        this.writer = writer;
        this.maxPagesReached = maxPagesReached;
    }

    @Override
    public void finish(Finished page) throws InterruptedException {
        try {
            ledger.write(page.record(), () -> writer.write(page.record()), maxPagesReached);
        } finally {
            frontier.complete(page.task(), page.follow());
        }
    }

    @Override
    public void abandon(Task task) {
        frontier.complete(task, List.of());
    }
}
