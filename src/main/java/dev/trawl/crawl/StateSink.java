package dev.trawl.crawl;

import dev.trawl.frontier.Task;
import dev.trawl.output.RecordEncoder;
import dev.trawl.page.PageRecord;
import dev.trawl.state.StateStore;

/**
 * Pages of a crawl with {@code --state}: the record's line, the page's fetch facts, its links and
 * its WARC records go to the {@link StateStore} in one step, so a commit holds whole pages only and
 * a crash at any instant leaves every page either recorded, archived and done, or none of them (it
 * is fetched again on resume).
 * With {@code --changed-only}, an unchanged page is done without a line, and recorded all the same:
 * the state and the {@link Ledger} count it, and its content stays stored.
 */
final class StateSink implements PageSink {
    private final StateStore store;
    private final Ledger ledger;
    private final RecordEncoder encoder = new RecordEncoder();
    private final boolean changedOnly;
    private final Runnable maxPagesReached;

    StateSink(StateStore store, Ledger ledger, boolean changedOnly, Runnable maxPagesReached) {
        this.store = store;
        this.ledger = ledger;
        this.changedOnly = changedOnly;
        this.maxPagesReached = maxPagesReached;
    }

    @Override
    public void finish(Finished page) {
        PageRecord record = page.record();
        byte[] line = null;
        boolean last = false;
        if (!changedOnly || !Boolean.FALSE.equals(record.changed())) {
            switch (ledger.admit(record)) {
                case WRITE -> line = encoder.encode(record);
                case WRITE_LAST -> {
                    line = encoder.encode(record);
                    last = true;
                }
                case DROP -> {
                    return; // stopping: not recorded, so not done either; a resume fetches it again
                }
            }
        } else {
            ledger.recordUnwritten(record);
        }
        store.finish(page.task(), page.follow(), page.facts(), line, page.archived().exchanges());
        if (last) {
            maxPagesReached.run();
        }
    }

    @Override
    public void abandon(Task task) {
        // Nothing to do: the page stays queued in the state, and a resumed run hands it out again.
    }
}
