package dev.trawl.crawl;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import dev.trawl.output.RecordWriter;
import dev.trawl.page.PageRecord;
import java.util.List;

/**
 * Pages of a crawl without {@code --state}: records to the {@link RecordWriter}, links to the frontier.
 * With {@code --check-fragments} a record may wait in the {@link FragmentCheck} for the pages its links
 * point to, while its links go to the frontier at once.
 */
final class MemorySink implements PageSink {
    private final Frontier frontier;
    private final Ledger ledger;
    private final RecordWriter writer;
    private final Runnable maxPagesReached;
    private final FragmentCheck fragments;

    /** @param fragments the check of {@code --check-fragments}, or null without it */
    MemorySink(Frontier frontier, Ledger ledger, RecordWriter writer, Runnable maxPagesReached,
            FragmentCheck fragments) {
        this.frontier = frontier;
        this.ledger = ledger;
        this.writer = writer;
        this.maxPagesReached = maxPagesReached;
        this.fragments = fragments;
    }

    @Override
    public void finish(Finished page) throws InterruptedException {
        if (fragments == null) {
            try {
                ledger.write(page.record(), () -> writer.write(page.record()), maxPagesReached);
            } finally {
                frontier.complete(page.task(), page.follow());
            }
            return;
        }
        List<PageRecord> released;
        try {
            released = fragments.register(page);
        } finally {
            frontier.complete(page.task(), page.follow());
        }
        PageRecord record = fragments.judge(page);
        if (record != null) {
            ledger.write(record, () -> writer.write(record), maxPagesReached);
        }
        writeHeld(released);
    }

    @Override
    public void abandon(Task task) {
        frontier.complete(task, List.of());
    }

    /** Writes the records still held, with what is known; called once the crawl's pages are all done. */
    void release() throws InterruptedException {
        if (fragments != null) {
            writeHeld(fragments.release());
        }
    }

    private void writeHeld(List<PageRecord> records) throws InterruptedException {
        for (PageRecord record : records) {
            ledger.writeHeld(record, () -> writer.write(record), maxPagesReached);
        }
    }
}
