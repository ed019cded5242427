package dev.trawl.cli;

import dev.trawl.crawl.CrawlOutcome;
import dev.trawl.crawl.StopReason;
import dev.trawl.output.CrawlSummary;
import dev.trawl.page.ErrorType;
import java.util.EnumMap;
import java.util.Map;

/** trawl's exit statuses, in one place; {@code --help} lists them. */
public final class ExitStatus {
    /** The crawl ran to its end or to --max-pages; page errors are in the output, not here. */
    public static final int OK = 0;
    /** Fatal: the output cannot be written, the config file is bad, the seed list failed mid-way, or an internal error. */
    public static final int FATAL = 1;
    /** Usage error (bad option or value, unreadable --input) or no valid seed URL. */
    public static final int USAGE = 2;
    /** --fail-on-error: the crawl finished but recorded page errors other than robots.txt refusals, or missing fragments. */
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

    /**
     * The status for how a crawl ended. With {@code --fail-on-error}, a crawl that finished (drained or
     * reached --max-pages) but recorded {@linkplain #pageErrors page errors}, or links whose fragment is
     * missing ({@code --check-fragments}: a broken link too), exits {@link #PAGE_ERRORS};
     * a crawl stopped for another reason keeps that reason's status, which says more.
     */
    public static int of(CrawlOutcome outcome, boolean failOnError) {
        int status = of(outcome.reason());
        boolean finished = outcome.reason() == StopReason.DRAINED || outcome.reason() == StopReason.MAX_PAGES;
        boolean broken = !pageErrors(outcome.summary()).isEmpty() || outcome.summary().missingFragments() > 0;
        return failOnError && finished && broken ? PAGE_ERRORS : status;
    }

    /**
     * The errors {@code --fail-on-error} fails on, by type, in the order of {@link ErrorType}: every type
     * but {@code robots}, since a robots.txt refusal is the site's wish obeyed, not something gone wrong.
     * They are the whole run's: a run resumed from {@code --state} counts those recorded before the
     * crash or stop too.
     */
    public static Map<ErrorType, Long> pageErrors(CrawlSummary summary) {
        Map<ErrorType, Long> errors = new EnumMap<>(ErrorType.class);
        summary.runErrors().forEach((type, count) -> {
            if (type != ErrorType.ROBOTS && count > 0) {
                errors.put(type, count);
            }
        });
        return errors;
    }

    /** The status for a stop reason alone, page errors aside. */
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
