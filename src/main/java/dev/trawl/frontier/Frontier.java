package dev.trawl.frontier;

import java.io.Closeable;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * What is waiting to be fetched, and everything already seen. The engine talks to the crawl's
 * state only through this interface, so the state can live in memory or in a database.
 *
 * <p>Contract: a URL is handed out by {@link #poll} at most once per crawl; offering a URL never
 * blocks and never drops it silently (an implementation bounded in memory spills to disk); the
 * depth of a URL is the shortest known, and improving the depth of a page already fetched makes
 * the links it had beyond {@code --max-depth} eligible again. All methods are thread-safe.
 */
public interface Frontier extends Closeable {

    /** Adds a seed at depth 0; false if the URL was already known. All seeds are added before the first {@link #poll}. */
    boolean addSeed(String url);

    /**
     * Reports that a handed-out task is finished. {@code links} are the links to follow (already
     * normalized and filtered by scope and include/exclude, but not by depth): those within
     * {@code --max-depth} of the page's current depth are queued, the rest remembered in case a
     * shorter path to the page turns up.
     */
    void complete(Task task, List<String> links);

    /**
     * Marks a redirect target as seen on behalf of the task being fetched, so it is not fetched
     * again when a link points at it. False if the target was already known: the redirect must
     * not be followed, the target has or will have its own record.
     */
    boolean claim(String target, Task via);

    /** Hands out the next URL whose host the gate admits, or null when none is ready now. */
    Task poll(Predicate<String> hostReady);

    /**
     * Called when the run has drained (nothing queued, nothing in flight), before it is declared
     * over: queues the URLs that earlier runs of a recrawl knew and this run has not reached, since
     * nothing links to them any more, at their stored depth and parent, so that each is fetched once
     * more (a page gone from the site gets its 404). Returns how many it queued; 0 ends the crawl. A
     * frontier without earlier runs has none.
     */
    long queueUnreached();

    /** URLs queued and not yet handed out, in memory and on disk. */
    long waiting();

    /** URLs that ever overflowed to disk. */
    long spilled();

    /**
     * Whether the links of a page at {@code depth} are within {@code maxDepth} (empty: no limit).
     * They would be one hop deeper; comparing without {@code depth + 1} keeps any depth from overflowing.
     */
    static boolean linksWithin(OptionalInt maxDepth, int depth) {
        return maxDepth.isEmpty() || depth < maxDepth.getAsInt();
    }

    /** Refuses a negative depth limit, as the frontiers' constructors do. */
    static OptionalInt checkMaxDepth(OptionalInt maxDepth) {
        if (maxDepth.isPresent() && maxDepth.getAsInt() < 0) {
            throw new IllegalArgumentException("maxDepth must be >= 0, got " + maxDepth.getAsInt());
        }
        return maxDepth;
    }
}
