package dev.trawl.crawl;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * A few platform threads, one per core, on which pages are parsed, while the page jobs that wait
 * for them stay on virtual threads.
 *
 * <p>Two reasons. jsoup keeps its parse buffers in thread-local pools, which a new virtual thread
 * per page never reuses: tens of kilobytes allocated and zeroed for every page. And parsing is
 * CPU work: more pages parsed at once than there are cores only holds more parse trees in memory
 * at the same time, so this also bounds the parse memory by the core count, not by {@code -c}.
 */
final class ParseThreads implements AutoCloseable {
    private final List<Thread> started = new CopyOnWriteArrayList<>();
    private final ExecutorService threads;

    ParseThreads(int count) {
        ThreadFactory factory = Thread.ofPlatform().name("trawl-parse-", 0).daemon().factory();
        threads = Executors.newFixedThreadPool(count, work -> {
            Thread thread = factory.newThread(work);
            started.add(thread);
            return thread;
        });
    }

    /** One per core the JVM may use. */
    static ParseThreads perCore() {
        return new ParseThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs work on a parse thread and returns its result; what it throws is thrown here. Interrupted
     * (the crawl is stopping), the work is cancelled.
     */
    <T> T call(Callable<T> work) throws InterruptedException {
        Future<T> result = threads.submit(work);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException unchecked -> throw unchecked;
                case Error error -> throw error;
                case InterruptedException interrupted -> throw interrupted;
                default -> throw new IllegalStateException(e.getCause()); // the work declares nothing else
            }
        }
    }

    /**
     * Stops the threads and waits until each has ended (the executor's own termination comes a
     * moment before its threads are gone); work still queued is dropped, its page jobs are being
     * abandoned too.
     */
    @Override
    public void close() {
        threads.shutdownNow();
        boolean interrupted = false;
        for (Thread thread : started) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
