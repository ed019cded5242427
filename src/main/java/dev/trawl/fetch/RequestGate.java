package dev.trawl.fetch;

import okhttp3.HttpUrl;

/**
 * Where every request waits its turn: the fetcher asks for a permit before each attempt (robots.txt,
 * redirect hops and retries included) and returns it with the attempt's result, from which the
 * gate may learn that a host wants to be left alone. A fetch holds at most one permit at a time.
 */
@FunctionalInterface
public interface RequestGate {
    /** No waiting at all. */
    RequestGate OPEN = url -> result -> { };

    /** Waits until a request to this URL's host may start. */
    Permit acquire(HttpUrl url) throws InterruptedException;

    /**
     * The same, lending the caller's overall slot out while it waits ({@link Idling}); it holds a
     * slot again when this returns. A gate that never waits keeps the slot.
     */
    default Permit acquire(HttpUrl url, Idling idling) throws InterruptedException {
        return acquire(url);
    }

    /** A started request. */
    @FunctionalInterface
    interface Permit {
        /** The request is over; {@code result} says how it went, or is null when it ended in an error thrown. */
        void release(AttemptResult result);
    }
}
