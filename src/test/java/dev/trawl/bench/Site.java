package dev.trawl.bench;

import java.io.IOException;

/** A site under crawl that counts what it was asked for: the in-process server or an external one. */
interface Site extends AutoCloseable {
    String startUrl();

    String describe();

    /** Zeroes the counters before a run. */
    void reset() throws IOException, InterruptedException;

    /** Now, on the clock of {@link Counts#firstNs()} and {@link Counts#lastNs()}: this JVM's, for a site served in it. */
    default long clockNanos() {
        return System.nanoTime();
    }

    Counts counts() throws IOException, InterruptedException;

    /**
     * Whether the site knows its pages before the crawl, so that a page never asked for is
     * missing; a directory tree knows only what was asked for.
     */
    default boolean pagesKnown() {
        return true;
    }

    /**
     * CPU time the server has used so far, or -1 when it cannot be told: for a site served in this
     * JVM, the whole JVM's, since serving is nearly all the benchmark does while a crawl runs.
     */
    default long cpuNanos() {
        return LoopbackServer.cpuNanos();
    }

    @Override
    void close();

    /**
     * What the site saw since the last reset: the pages by path (a fixed set for a generated site;
     * for a directory tree, every path that was asked for, in the order first asked) and the GETs
     * each got, how many of those pages were answered other than 200, robots.txt requests, any
     * other request (HEADs, redirects, what is not a page), and the first request's arrival and
     * the last response's end (0 when none).
     */
    record Counts(String[] pages, int[] pageGets, int failed, int robots, int other, long firstNs, long lastNs) {
        int fetched() {
            int n = 0;
            for (int c : pageGets) {
                n += c > 0 ? 1 : 0;
            }
            return n;
        }

        /** Pages fetched and answered 200. */
        int ok() {
            return fetched() - failed;
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
