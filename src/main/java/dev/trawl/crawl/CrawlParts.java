package dev.trawl.crawl;

import dev.trawl.fetch.BodyPolicy;
import dev.trawl.fetch.Fetcher;
import dev.trawl.frontier.Frontier;
import dev.trawl.pacing.HostPacer;
import dev.trawl.page.PageRecord;
import dev.trawl.robots.RobotsCache;
import dev.trawl.url.ScopePolicy;
import java.time.Clock;
import java.util.function.Function;

/**
 * The collaborators a {@link PageJob} works with, wired once per crawl by the {@link Crawler}.
 *
 * @param robots          null when robots.txt is ignored
 * @param sitemapLastmod  a URL's lastmod in the sitemap it came from, or null
 */
record CrawlParts(
        Frontier frontier,
        Scheduler scheduler,
        Fetcher fetcher,
        RobotsCache robots,
        ScopePolicy scope,
        Harvester harvester,
        BodyPolicy pageBody,
        Clock clock,
        HostPacer pacer,
        Function<String, String> sitemapLastmod,
        Recorder recorder) {

    /** Where finished records go: admitted by the ledger, then written. */
    @FunctionalInterface
    interface Recorder {
        void record(PageRecord record) throws InterruptedException;
    }
}
