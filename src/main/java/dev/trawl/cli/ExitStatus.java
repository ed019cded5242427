package dev.trawl.cli;

import dev.trawl.crawl.StopReason;

/** trawl's exit statuses, in one place; {@code --help} lists them. */
public final class ExitStatus {
    /** The crawl ran to its end or to --max-pages; page errors are in the output, not here. */
    public static final int OK = 0;
    /** Fatal: the output cannot be written, the config file is bad, the seed list failed mid-way, or an internal error. */
    public static final int FATAL = 1;
    /** Usage error (bad option or value, unreadable --input) or no valid seed URL. */
    public static final int USAGE = 2;
    /** --fail-on-error: the crawl finished but recorded page errors other than robots.txt refusals. */
    public static final int PAGE_ERRORS = 3;
    /** Another trawl holds the --state file (EX_TEMPFAIL: try again later, as cron will). */
    public static final int STATE_LOCKED = 75;
    /** Stopped by SIGINT (Ctrl-C) after flushing the records of finished pages: 128 + 2. */
    public static final int INTERRUPTED = 130;
    /** The reader of stdout went away ({@code | head}); trawl stopped quietly, like a process killed by SIGPIPE: 128 + 13. */
    public static final int OUTPUT_CLOSED = 141;
    /** Stopped by SIGTERM after flushing the records of finished pages: 128 + 15. */
    public static final int TERMINATED = 143;

    private ExitStatus() {
    }

    public static int of(StopReason reason) {
        return switch (reason) {
            case DRAINED, MAX_PAGES -> OK;
            case OUTPUT_FAILED, STATE_FAILED -> FATAL;
            case STATE_LOCKED -> STATE_LOCKED;
            case NO_SEEDS -> USAGE;
            case INTERRUPTED -> INTERRUPTED;
            case TERMINATED -> TERMINATED;
            case OUTPUT_CLOSED -> OUTPUT_CLOSED;
        };
    }
}
