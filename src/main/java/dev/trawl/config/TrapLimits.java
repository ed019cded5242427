package dev.trawl.config;

import java.util.OptionalLong;

/**
 * Guards against infinite URL spaces (calendars, session ids, relative-link loops): a URL that
 * breaks one is not followed, and is counted by reason in the summary.
 *
 * @param maxUrlLength        longest URL followed, in characters
 * @param maxRepeatedSegments most times one path segment may appear in a URL ({@code /a/b/a/b/a/b/} has "a" three times)
 * @param maxPagesPerHost     most URLs queued for one host; empty for no limit
 * @param maxQueryVariants    most distinct query strings followed for one path
 */
public record TrapLimits(int maxUrlLength, int maxRepeatedSegments, OptionalLong maxPagesPerHost, int maxQueryVariants) {
}
