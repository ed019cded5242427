package dev.trawl.crawl;

import dev.trawl.output.CrawlSummary;
import dev.trawl.output.RunRecords;
import dev.trawl.page.ErrorType;
import dev.trawl.page.PageRecord;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Counts what the crawl has recorded, and enforces {@code --max-pages}: a record is written only
 * after the ledger admits it, so exactly N lines come out however many fetchers finish at once.
 * The summary adds the records other processes made in the run (a resumed run's earlier ones, a
 * shared crawl's other workers), so that it and {@code --fail-on-error} count the whole run;
 * {@code --max-pages} counts this process's lines.
 */
final class Ledger {
    /** The answer to "may this record be written?". */
    enum Admission {
        /** Write it. */
        WRITE,
        /** Write it: it is the last one {@code --max-pages} allows, so stop the crawl after it. */
        WRITE_LAST,
        /** Do not write it: the crawl is stopping. */
        DROP
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final OptionalLong maxRecords;
    private final Supplier<Optional<RunRecords>> earlier;
    private final Map<ErrorType, Long> errors = new EnumMap<>(ErrorType.class);
    private long records;
    private long written;
    private long ok;
    private long bytes;
    private long checked;
    private long checkedBroken;
    private long missingFragments;
    /** Nothing more is admitted: the crawl is stopping, or {@code --max-pages} lines were admitted. */
    private boolean closed;

    /**
     * @param maxRecords {@code --max-pages}: lines this process may write
     * @param earlier    the records of the run made by other processes (before this one resumed it, or
     *                   beside it in a shared crawl), asked for the summary; empty for a run it made alone
     */
    Ledger(OptionalLong maxRecords, Supplier<Optional<RunRecords>> earlier) {
        this.maxRecords = maxRecords;
        this.earlier = earlier;
    }

    /** Writing a record's line, however the caller has it. */
    @FunctionalInterface
    interface Line {
        void write() throws InterruptedException;
    }

    /** Writes the record if admitted, and runs {@code lastOne} when it was the last {@code --max-pages} allows. */
    void write(PageRecord record, Line line, Runnable lastOne) throws InterruptedException {
        write(admit(record, false), line, lastOne);
    }

    /**
     * Writes a record that was held back ({@code --check-fragments}) while the pages it links to were
     * crawled, of a page that finished before the crawl stopped: admitted after a stop too, as the
     * records of finished pages are written, but never beyond {@code --max-pages}.
     */
    void writeHeld(PageRecord record, Line line, Runnable lastOne) throws InterruptedException {
        write(admit(record, true), line, lastOne);
    }

    private static void write(Admission admission, Line line, Runnable lastOne) throws InterruptedException {
        switch (admission) {
            case WRITE -> line.write();
            case WRITE_LAST -> {
                line.write();
                lastOne.run();
            }
            case DROP -> { }
        }
    }

    Admission admit(PageRecord record) {
        return admit(record, false);
    }

    private Admission admit(PageRecord record, boolean held) {
        lock.lock();
        try {
            if (held ? full() : closed) {
                return Admission.DROP;
            }
            count(record);
            written++;
            if (full()) {
                closed = true;
                return Admission.WRITE_LAST;
            }
            return Admission.WRITE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A record made without a line ({@code --changed-only}: an unchanged page). It counts in the
     * summary and for {@code --fail-on-error} as the state counts it, not against {@code --max-pages}.
     */
    void recordUnwritten(PageRecord record) {
        lock.lock();
        try {
            count(record);
        } finally {
            lock.unlock();
        }
    }

    /** Nothing is admitted after this: the crawl is stopping and in-flight pages are abandoned. */
    void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    long records() {
        lock.lock();
        try {
            return records;
        } finally {
            lock.unlock();
        }
    }

    long errors() {
        lock.lock();
        try {
            return records - ok;
        } finally {
            lock.unlock();
        }
    }

    CrawlSummary summary(Duration elapsed, long spilled, Map<String, Long> refused, List<String> slowedHosts) {
        lock.lock();
        try {
            return new CrawlSummary(records, ok, errors, bytes, elapsed, spilled, refused, slowedHosts, written,
                    earlier.get().map(before -> before.plus(records, ok, errors)), checked, checkedBroken,
                    missingFragments);
        } finally {
            lock.unlock();
        }
    }

    /** {@code --max-pages} lines were admitted: not even a held record is. Called under the lock. */
    private boolean full() {
        return maxRecords.isPresent() && written >= maxRecords.getAsLong();
    }

    private void count(PageRecord record) {
        records++;
        if (record.error() == null) {
            ok++;
        } else {
            errors.merge(record.error().type(), 1L, Long::sum);
        }
        if (record.checked()) {
            checked++;
            if (record.error() != null && record.error().type() != ErrorType.ROBOTS) {
                checkedBroken++;
            }
        }
        if (record.missingFragments() != null) {
            missingFragments += record.missingFragments().size();
        }
        // A 304's record carries the length of its last full answer: no body was read this time.
        if (record.contentLength() != null && !Integer.valueOf(304).equals(record.status())) {
            bytes += record.contentLength();
        }
    }
}
