package dev.trawl.crawl;

/** Why a crawl ended. Each maps to one exit status in the CLI. */
public enum StopReason {
    /** Nothing queued and nothing in flight: the crawl is complete. */
    DRAINED,
    /** {@code --max-pages} records were written. */
    MAX_PAGES,
    /** SIGINT (Ctrl-C). */
    INTERRUPTED,
    /** SIGTERM. */
    TERMINATED,
    /** The reader of stdout went away ({@code | head}). */
    OUTPUT_CLOSED,
    /** The output could not be written (disk full, I/O error). */
    OUTPUT_FAILED,
    /** No valid seed was given. */
    NO_SEEDS,
    /** Another trawl holds the {@code --state} file. */
    STATE_LOCKED,
    /** The {@code --state} file cannot be used (unreadable, not a trawl state, a newer schema). */
    STATE_FAILED
}
