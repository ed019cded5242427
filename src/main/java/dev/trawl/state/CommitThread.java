package dev.trawl.state;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's own thread that commits at a steady pace, so that {@code tail -f} on the output and a
 * crash lose at most one interval of work. Owned by the store, which stops and joins it on close.
 */
final class CommitThread {
    private final ReentrantLock lock;
    private final Condition wake;
    private final long intervalNanos;
    private final Runnable commit;
    private final Thread thread;
    private boolean stopping;

    CommitThread(ReentrantLock lock, Duration interval, Runnable commit) {
        this.lock = lock;
        this.wake = lock.newCondition();
        this.intervalNanos = interval.toNanos();
        this.commit = commit;
        this.thread = Thread.ofPlatform().name("trawl-state-commit").daemon(true).unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** Stops the thread and waits for it (a commit it is doing finishes first). */
    void stop() {
        lock.lock();
        try {
            stopping = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() == thread || thread.getState() == Thread.State.NEW) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (true) {
            lock.lock();
            try {
                long left = intervalNanos;
                while (!stopping && left > 0) {
                    left = wake.awaitNanos(left);
                }
                if (stopping) {
                    return;
                }
            } catch (InterruptedException e) {
                return; // nobody but the JVM's shutdown interrupts it
            } finally {
                lock.unlock();
            }
            commit.run();
        }
    }
}
