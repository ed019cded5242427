package dev.trawl.crawl;

import dev.trawl.archive.HeldRecords;
import dev.trawl.fetch.BodyPolicy;
import dev.trawl.fetch.Fetcher;
import dev.trawl.frontier.Frontier;
import dev.trawl.pacing.HostPacer;
import dev.trawl.robots.RobotsCache;
import dev.trawl.url.ScopePolicy;
import java.time.Clock;
import java.util.function.Function;

/**
 * The collaborators a {@link PageJob} works with, wired once per crawl by the {@link Crawler}.
 *
 * @param robots          null when robots.txt is ignored
 * @param checks          which URLs are only checked ({@code --check-links})
 * @param sitemapLastmod  a URL's lastmod in the sitemap it came from, or null
 * @param state           earlier runs: a URL's last fetch and its stored content (none without {@code --state})
 * @param sink            where finished pages go
 * @param held            holds each page's WARC records for its commit; null when exchanges are
 *                        archived as they come, or not at all
 */
record CrawlParts(
        Frontier frontier,
        Scheduler scheduler,
        Fetcher fetcher,
        RobotsCache robots,
        ScopePolicy scope,
        Harvester harvester,
        LinkChecks checks,
        BodyPolicy pageBody,
        Clock clock,
        HostPacer pacer,
        Function<String, String> sitemapLastmod,
        CrawlState state,
        PageSink sink,
        HeldRecords held) {

    /** Whether there are earlier runs to compare with: then pages get a content hash and conditional requests. */
    boolean remembers() {
        return state.remembers();
    }
}
