package dev.trawl.state;

import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How URLs join the run and how their depths go down: the links of a finished page queue the URLs
 * new to the run that are within --max-depth, a shorter path to a known URL lowers its depth and
 * pushes the improvement through the links its page kept (queuing links --max-depth had cut), and
 * with --recrawl-after a URL an earlier run fetched recently enough joins the run as done, without
 * a fetch, its stored links offered in its place; last, the URLs of earlier runs it never reached
 * join it. Not thread-safe: the store's lock guards it.
 */
final class Discovery {
    private static final int UNREACHED_BATCH = 1024;
    /** URLs of the run remembered with a depth they have at most: most links of a page are known ones (navigation). */
    private static final int KNOWN_CACHE = 16 * 1024;

    private final Journal journal;
    private final UrlTable urls;
    private final RunQueue queue;
    private final long run;
    private final OptionalInt maxDepth;
    private final String freshAfter;
    private final Admission admission;
    /**
     * URL to the depth it had when last seen, for URLs of the run only. A URL never leaves the run
     * and its depth only goes down, so the cached depth is an upper bound: a link whose cached depth
     * is within one of its page's needs no lookup; any other goes to the database.
     */
    private final Map<String, Integer> knownDepths = new LinkedHashMap<>(KNOWN_CACHE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > KNOWN_CACHE;
        }
    };
    /** Pages carried into the run as done whose stored links are still to be offered. */
    private final ArrayDeque<Long> carried = new ArrayDeque<>();

    /**
     * @param freshAfter with --recrawl-after, the time (as stored) from which a URL fetched by an
     *                   earlier run joins this one without a fetch; null: every URL is fetched
     */
    Discovery(Journal journal, UrlTable urls, RunQueue queue, long run, OptionalInt maxDepth, String freshAfter,
            Admission admission) {
        this.journal = journal;
        this.urls = urls;
        this.queue = queue;
        this.run = run;
        this.maxDepth = maxDepth;
        this.freshAfter = freshAfter;
        this.admission = admission;
    }

    /**
     * Queues the links of {@code page} that are new to the run and within --max-depth, lowers the
     * depth of known ones it is a shorter path to, and returns those to keep with the page: all but
     * the ones Admission refused for good.
     */
    List<String> offer(UrlTable.Row page, List<String> links) {
        int depth = page.depth();
        List<String> kept = new ArrayList<>(links.size());
        for (String link : links) {
            Integer cached = knownDepths.get(link);
            if (cached != null && cached <= depth + 1) {
                kept.add(link); // known, and no shorter path through this page
                continue;
            }
            UrlTable.Row known = urls.find(link);
            boolean inRun = known != null && known.run() == run;
            if (inRun) {
                knownDepths.put(link, Math.min(known.depth(), depth + 1));
                if (known.depth() > depth + 1) {
                    relax(known.id(), depth + 1);
                }
            } else if (Frontier.linksWithin(maxDepth, depth)) {
                if (!admission.admit(link)) {
                    continue; // refused for good: a trap guard or a budget, counted there
                }
                enter(known, link, depth + 1, page.url());
            }
            kept.add(link); // a link beyond --max-depth is kept for a shorter path to this page
        }
        return kept;
    }

    /**
     * Brings a URL new to the run into it at {@code depth} with {@code parent}: queued, or, when an
     * earlier run fetched it recently enough (--recrawl-after), done without a fetch, its stored links
     * to be offered by {@link #offerCarried}.
     */
    void enter(UrlTable.Row known, String url, int depth, String parent) {
        if (known != null && freshAfter != null && known.redirectedFrom() == 0 && known.fetchedAt() != null
                && known.fetchedAt().compareTo(freshAfter) >= 0) {
            urls.carry(known.id(), run, depth, parent);
            journal.changed();
            carried.add(known.id());
        } else {
            queue.add(known, url, depth, parent);
        }
        knownDepths.put(url, depth);
    }

    /** Offers the stored links of carried pages, in the order they were carried, as if each had just been fetched. */
    void offerCarried() {
        while (!carried.isEmpty()) {
            UrlTable.Row page = urls.find(carried.poll());
            offer(page, urls.links(page.id()));
        }
    }

    /**
     * Queues every URL of earlier runs that this run has not reached (nothing links to it any more),
     * at its stored depth and parent, as long as that depth is within --max-depth; not those fetched
     * recently enough for --recrawl-after, nor redirect targets. Admission is asked about each, as
     * about any URL new to the run. Returns how many were queued.
     */
    long queueUnreached() {
        long queued = 0;
        long after = 0;
        List<UrlTable.Unreached> batch;
        do {
            batch = urls.unreached(run, after, maxDepth.orElse(Integer.MAX_VALUE), freshAfter, UNREACHED_BATCH);
            for (UrlTable.Unreached orphan : batch) {
                UrlTable.Row row = orphan.row();
                after = row.id();
                if (admission.admit(row.url())) {
                    queue.add(row, row.url(), row.depth(), orphan.parent());
                    queued++;
                }
            }
        } while (batch.size() == UNREACHED_BATCH);
        return queued;
    }

    /** Lowers the depth of a URL of the run and pushes the improvement through the links its page had. */
    void relax(long start, int startDepth) {
        ArrayDeque<long[]> work = new ArrayDeque<>();
        work.push(new long[] {start, startDepth});
        while (!work.isEmpty()) {
            long[] item = work.pop();
            int depth = (int) item[1];
            UrlTable.Row row = urls.find(item[0]);
            if (row == null || row.run() != run || row.depth() <= depth) {
                continue;
            }
            urls.depth(row.id(), depth);
            journal.changed();
            // A redirect target's links are those of the page whose fetch ended there.
            UrlTable.Row page = row.redirectedFrom() == 0 ? row : urls.find(row.redirectedFrom());
            if (page == null) {
                continue;
            }
            if (page.state() != UrlTable.DONE) {
                // Queued or in flight: it will be fetched, or its links offered, at the new depth.
                if (page != row && page.depth() > depth) {
                    urls.depth(page.id(), depth);
                }
                continue;
            }
            for (String link : urls.links(page.id())) {
                UrlTable.Row known = urls.find(link);
                if (known != null && known.run() == run) {
                    work.push(new long[] {known.id(), depth + 1});
                } else if (Frontier.linksWithin(maxDepth, depth)) {
                    if (admission.admit(link)) {
                        enter(known, link, depth + 1, page.url());
                    } else {
                        urls.dropLink(page.id(), link); // refused for good: never asked again
                    }
                }
            }
        }
    }
}
