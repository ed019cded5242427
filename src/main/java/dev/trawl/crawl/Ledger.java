package dev.trawl.crawl;

import dev.trawl.output.CrawlSummary;
import dev.trawl.page.ErrorType;
import dev.trawl.page.PageRecord;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts what the crawl has recorded, and enforces {@code --max-pages}: a record is written only
 * after the ledger admits it, so exactly N lines come out however many fetchers finish at once.
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
    private final Map<ErrorType, Long> errors = new EnumMap<>(ErrorType.class);
    private long records;
    private long ok;
    private long bytes;
    private boolean closed;

    Ledger(OptionalLong maxRecords) {
        this.maxRecords = maxRecords;
    }

    Admission admit(PageRecord record) {
        lock.lock();
        try {
            if (closed) {
                return Admission.DROP;
            }
            records++;
            if (record.error() == null) {
                ok++;
            } else {
                errors.merge(record.error().type(), 1L, Long::sum);
            }
            // A 304's record carries the length of its last full answer: no body was read this time.
            if (record.contentLength() != null && !Integer.valueOf(304).equals(record.status())) {
                bytes += record.contentLength();
            }
            if (maxRecords.isPresent() && records >= maxRecords.getAsLong()) {
                closed = true;
                return Admission.WRITE_LAST;
            }
            return Admission.WRITE;
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
            return new CrawlSummary(records, ok, errors, bytes, elapsed, spilled, refused, slowedHosts);
        } finally {
            lock.unlock();
        }
    }
}
