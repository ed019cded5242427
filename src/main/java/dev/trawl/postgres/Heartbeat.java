package dev.trawl.postgres;

import java.time.Duration;

/**
 * Tells the other workers this one is alive, on a connection and a thread of its own, a few times per
 * lease timeout; and, any worker being as good as another for it, gives the leases of dead workers
 * back to the queue.
 */
final class Heartbeat implements AutoCloseable {
    private final Database db;
    private final Thread thread;

    private Heartbeat(Database db, Thread thread) {
        this.db = db;
        this.thread = thread;
    }

    static Heartbeat start(Database db, long crawl, long worker, Duration timeout) {
        Duration period = timeout.dividedBy(6);
        Thread thread = Thread.ofPlatform().name("trawl-heartbeat").daemon().unstarted(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(period);
                    try {
                        db.call("heartbeat", c -> Workers.beat(c, worker));
                        db.call("heartbeat", c -> UrlLeases.reclaim(c, crawl));
                    } catch (SharedStateException e) {
                        // The next beat tries again; the frontier's own calls report a database gone for good.
                    }
                }
            } catch (InterruptedException e) {
                // Closed.
            }
        });
        thread.start();
        return new Heartbeat(db, thread);
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
