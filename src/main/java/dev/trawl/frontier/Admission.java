package dev.trawl.frontier;

/**
 * Whether a URL new to the crawl may be queued: where budgets and trap guards plug into the
 * frontier. Asked once per distinct URL, so a budget counts URLs, not links.
 */
@FunctionalInterface
public interface Admission {
    /** Everything new is queued. */
    Admission ALL = url -> true;

    boolean admit(String url);
}
