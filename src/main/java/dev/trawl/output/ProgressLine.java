package dev.trawl.output;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live status line on a terminal's stderr, redrawn in place. Only for people watching: it
 * is never started when stderr is not a terminal, so logs and cron mail stay clean.
 */
public final class ProgressLine implements AutoCloseable {
    /** What the line shows. */
    public record Snapshot(long records, long errors, int inFlight, long queued, double pagesPerSecond) {
    }

    private final PrintStream err;
    private final Supplier<Snapshot> source;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private ProgressLine(PrintStream err, Supplier<Snapshot> source, Duration every) {
        this.err = err;
        this.source = source;
        this.thread = Thread.ofPlatform().name("trawl-progress").daemon(true).start(() -> loop(every));
    }

    public static ProgressLine start(PrintStream err, Supplier<Snapshot> source, Duration every) {
        return new ProgressLine(err, source, every);
    }

    private void loop(Duration every) {
        try {
            while (!stop.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
                Snapshot s = source.get();
                err.print(String.format(Locale.ROOT, "\r\033[Ktrawl: %d pages, %d errors, %d in flight, %d queued, %.0f pages/s",
                        s.records(), s.errors(), s.inFlight(), s.queued(), s.pagesPerSecond()));
                err.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops redrawing and erases the line, so the summary starts on a clean line. */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print("\r\033[K");
        err.flush();
    }
}
