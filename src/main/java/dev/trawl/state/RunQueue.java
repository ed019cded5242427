package dev.trawl.state;

import dev.trawl.frontier.HostKey;
import java.util.List;
import java.util.function.Predicate;

/**
 * The run's queued URLs: rows with {@code state} 0 in {@code queue_seq} order, of which at most
 * {@code capacity} are held in a {@link HostWindow} behind a cursor, the rest read back from the
 * database as the window empties. Not thread-safe: the store's lock guards it.
 */
final class RunQueue {
    private static final int LOAD_BATCH = 1024;

    private final Journal journal;
    private final UrlTable urls;
    private final long run;
    private final int capacity;
    private final HostWindow window = new HostWindow();
    /** Every queued URL up to this queue_seq is in the window or handed out. */
    private long loadedSeq;
    /** Queued URLs after {@link #loadedSeq}: in the database only. */
    private long beyond;
    private long nextSeq;
    private long spilled;

    /** @param queued URLs of the run queued already (a resume), all after queue_seq 0 and up to {@code lastSeq} */
    RunQueue(Journal journal, UrlTable urls, long run, long queued, long lastSeq, int capacity) {
        this.journal = journal;
        this.urls = urls;
        this.run = run;
        this.beyond = queued;
        this.nextSeq = lastSeq + 1;
        this.capacity = capacity;
    }

    /** Queues the URL in the run at {@code depth} with {@code parent}, in the row an earlier run left if there is one. */
    void add(UrlTable.Row existing, String url, int depth, String parent) {
        long seq = nextSeq++;
        String host = HostKey.of(url);
        long id = urls.put(existing, url, host, run, UrlTable.QUEUED, depth, parent, seq, 0);
        journal.changed();
        if (beyond > 0 || window.size() >= capacity) {
            beyond++; // behind older URLs in the database: the window reads it in its turn
            spilled++;
        } else {
            window.add(host, new UrlTable.Queued(id, url, parent, seq));
            loadedSeq = seq;
        }
    }

    /** The next queued URL of the first ready host in rotation, or null. */
    UrlTable.Queued poll(Predicate<String> hostReady) {
        refill();
        return window.poll(hostReady);
    }

    long waiting() {
        return window.size() + beyond;
    }

    /** URLs this process queued beyond the window. */
    long spilled() {
        return spilled;
    }

    private void refill() {
        while (beyond > 0 && window.size() < capacity) {
            List<UrlTable.Queued> batch = urls.queuedAfter(run, loadedSeq,
                    Math.min(LOAD_BATCH, capacity - window.size()));
            if (batch.isEmpty()) {
                beyond = 0; // cannot happen: only handed-out URLs leave the queue
                return;
            }
            for (UrlTable.Queued entry : batch) {
                window.add(HostKey.of(entry.url()), entry);
                loadedSeq = entry.seq();
                beyond--;
            }
        }
    }
}
