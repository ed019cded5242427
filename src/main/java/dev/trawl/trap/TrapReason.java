package dev.trawl.trap;

/**
 * Why a URL was not queued: which guard against infinite URL spaces it broke. The order is the
 * order {@link TrapGuard} checks them in, and the order the summary lists them in.
 */
public enum TrapReason {
    /** Longer than {@code --max-url-length}. */
    URL_TOO_LONG("url too long"),
    /** One path segment appears more than {@code --max-repeated-segments} times ({@code /a/b/a/b/a/b/...}). */
    REPEATED_SEGMENTS("repeated path segments"),
    /** Its host already has {@code --max-pages-per-host} URLs queued. */
    HOST_BUDGET("host budget"),
    /** Its path already has {@code --max-query-variants} query strings queued. */
    QUERY_VARIANTS("query variants");

    private final String label;

    TrapReason(String label) {
        this.label = label;
    }

    /** A few lower-case words for the summary and {@code -v}, e.g. {@code url too long}. */
    public String label() {
        return label;
    }
}
