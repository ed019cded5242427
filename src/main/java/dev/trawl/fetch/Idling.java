package dev.trawl.fetch;

/**
 * How a fetch lends out its overall slot ({@code -c}) while it only waits: for its host's turn, a
 * retry's backoff, a Retry-After. {@link #idle} gives the slot back before such a wait; {@link
 * #busy} takes one again before the request goes out. Calls alternate, starting with {@code idle}.
 */
public interface Idling {
    /** Keeps the slot through every wait. */
    Idling NONE = new Idling() {
        @Override
        public void idle() {
        }

        @Override
        public void busy() {
        }
    };

    /** The fetch is about to wait: its slot may go to another request. */
    void idle();

    /**
     * The wait is over: returns once the fetch holds a slot again. Returns at once when the crawl is
     * stopping (nothing more will be sent), so that it need not be interruptible.
     */
    void busy();
}
