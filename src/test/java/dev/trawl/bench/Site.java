package dev.trawl.bench;

import java.io.IOException;

/** A site under crawl that counts what it was asked for: the in-process server or an external one. */
interface Site extends AutoCloseable {
    String startUrl();

    String describe();

    /** Zeroes the counters before a run. */
    void reset() throws IOException, InterruptedException;

    /** Now, on the clock of {@link Counts#firstNs()} and {@link Counts#lastNs()}. */
    long clockNanos();

    Counts counts() throws IOException, InterruptedException;

    /** CPU time the server has used so far, or -1 when it cannot be told. */
    long cpuNanos();

    @Override
    void close();

    /**
     * What the site saw since the last reset: GETs answered per page, robots.txt requests, any
     * other request, and the first request's arrival and the last response's end (0 when none).
     */
    record Counts(int[] pageGets, int robots, int other, long firstNs, long lastNs) {
        int fetched() {
            int n = 0;
            for (int c : pageGets) {
                n += c > 0 ? 1 : 0;
            }
            return n;
        }

        int missing() {
            return pageGets.length - fetched();
        }

        long duplicates() {
            long n = 0;
            for (int c : pageGets) {
                n += Math.max(0, c - 1);
            }
            return n;
        }
    }
}
