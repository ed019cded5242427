package dev.trawl.crawl;

import dev.trawl.output.CrawlSummary;
import java.util.Optional;

/**
 * How a crawl ended and what it did.
 *
 * @param reason  why it stopped
 * @param summary counts for the summary line
 * @param failure the one-line reason when {@code reason} is {@link StopReason#OUTPUT_FAILED},
 *                {@link StopReason#STATE_LOCKED} (naming the holder's pid) or {@link StopReason#STATE_FAILED};
 *                the CLI prints it as {@code trawl: <failure>}
 */
public record CrawlOutcome(StopReason reason, CrawlSummary summary, Optional<String> failure) {
}
