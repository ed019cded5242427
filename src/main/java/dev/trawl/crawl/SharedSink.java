package dev.trawl.crawl;

import dev.trawl.frontier.Task;
import dev.trawl.output.RecordEncoder;
import dev.trawl.output.RecordWriter;
import dev.trawl.page.PageRecord;
import dev.trawl.postgres.PostgresFrontier;
import java.nio.charset.StandardCharsets;

/**
 * Where a worker of a shared crawl puts its finished pages: the page's completion, its fetch facts,
 * its links and its record go to the database in one transaction, and only then is the record
 * written to this worker's output, so a page another worker took over (this one was taken for dead)
 * is not written twice. A worker killed between the two leaves the record in the database ({@code
 * trawl export}, and the file written anew when a worker starts again on it) but not in its file.
 * With {@code --changed-only}, an unchanged page's record is kept, marked unwritten, and not written.
 */
final class SharedSink implements PageSink {
    private final PostgresFrontier frontier;
    private final Ledger ledger;
    private final RecordWriter writer;
    private final boolean changedOnly;
    private final Runnable maxPagesReached;
    private final RecordEncoder encoder = new RecordEncoder();

    SharedSink(PostgresFrontier frontier, Ledger ledger, RecordWriter writer, boolean changedOnly,
            Runnable maxPagesReached) {
        this.frontier = frontier;
        this.ledger = ledger;
        this.writer = writer;
        this.changedOnly = changedOnly;
        this.maxPagesReached = maxPagesReached;
    }

    @Override
    public void finish(Finished page) throws InterruptedException {
        PageRecord record = page.record();
        boolean written = !changedOnly || !Boolean.FALSE.equals(record.changed());
        // Encoded once: the same bytes go to the database (without the line end) and to the output.
        byte[] line = encoder.encode(record);
        String json = new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
        if (!frontier.complete(page.task(), page.follow(), page.facts(), page.content(), json, written)) {
            return;
        }
        if (written) {
            ledger.write(record, () -> writer.writeEncoded(line), maxPagesReached);
        } else {
            ledger.recordUnwritten(record);
        }
    }

    /** A page this worker will not finish goes back to the queue, for another worker or a later start. */
    @Override
    public void abandon(Task task) {
        frontier.giveBack(task);
    }
}
