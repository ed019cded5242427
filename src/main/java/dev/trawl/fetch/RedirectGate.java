package dev.trawl.fetch;

import dev.trawl.page.PageError;
import okhttp3.HttpUrl;

/** Checks each redirect hop before it is followed: the crawl's scope, robots.txt and seen set. */
@FunctionalInterface
public interface RedirectGate {

    /** A gate that follows every http(s) hop (used for robots.txt). */
    RedirectGate FOLLOW_ALL = (from, target) -> new Follow();

    HopDecision check(HttpUrl from, HttpUrl target) throws InterruptedException;

    /** The answer for one hop. */
    sealed interface HopDecision permits Follow, Stop, Refuse {
    }

    /** Request the target. */
    record Follow() implements HopDecision {
    }

    /** Do not request it, and this is not an error: the target is out of scope or has its own record. */
    record Stop() implements HopDecision {
    }

    /** Do not request it, and record this error (e.g. robots.txt disallows the target). */
    record Refuse(PageError error) implements HopDecision {
    }
}
