package dev.trawl.bench;

import java.util.function.IntFunction;

/**
 * The crawl an ideal crawler would make: at most C requests in flight, every response taking
 * exactly the latency L, zero CPU, breadth-first in discovery order, each page fetched once, a
 * page's links discovered when it completes. It generalises the lab's ideal.py from the binary
 * tree to any link graph (on the synthetic site both give the same time: its extra links never
 * make a page discoverable before its tree parent completes).
 *
 * <p>With one fixed latency, requests complete in the order they started, and they start in
 * discovery order; so one array holding the discovery order serves as the queue (after
 * {@code started}), the requests in flight ({@code done..started}) and the finished ones.
 */
final class IdealCrawl {
    private IdealCrawl() {
    }

    /** The crawl's time in nanoseconds from the first request's start to the last response, and the pages fetched. */
    record Result(long nanos, int pages) {
        double seconds() {
            return nanos / 1e9;
        }

        double pagesPerSecond() {
            return pages / seconds();
        }
    }

    static Result crawl(int pages, IntFunction<int[]> links, int start, int concurrency, long latencyNanos) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        int[] order = new int[pages];
        long[] startedAt = new long[pages];
        boolean[] seen = new boolean[pages];
        order[0] = start;
        seen[start] = true;
        int discovered = 1;
        int started = 0;
        int done = 0;
        long now = 0;
        while (done < discovered) {
            while (started < discovered && started - done < concurrency) {
                startedAt[started++] = now;
            }
            now = startedAt[done] + latencyNanos;
            for (int target : links.apply(order[done++])) {
                if (!seen[target]) {
                    seen[target] = true;
                    order[discovered++] = target;
                }
            }
        }
        return new Result(now, done);
    }

    static Result crawl(SiteGraph site, int concurrency, long latencyNanos) {
        return crawl(site.pages, site::links, 0, concurrency, latencyNanos);
    }
}
