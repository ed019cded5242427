package dev.trawl.crawl;

import dev.trawl.fetch.BodyPolicy;
import dev.trawl.fetch.Fetcher;
import dev.trawl.frontier.Frontier;
import dev.trawl.pacing.HostPacer;
import dev.trawl.robots.RobotsCache;
import dev.trawl.state.Previous;
import dev.trawl.url.ScopePolicy;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * The collaborators a {@link PageJob} works with, wired once per crawl by the {@link Crawler}.
 *
 * @param robots          null when robots.txt is ignored
 * @param sitemapLastmod  a URL's lastmod in the sitemap it came from, or null
 * @param history         a URL's last fetch in an earlier run; always empty without {@code --state}
 * @param sink            where finished pages go
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
        Function<String, Optional<Previous>> history,
        PageSink sink) {

    /** Whether there are earlier runs to compare with: then pages get a content hash and conditional requests. */
    boolean remembers() {
        return history != NO_HISTORY;
    }

    /** No earlier runs: a crawl without {@code --state}. */
    static final Function<String, Optional<Previous>> NO_HISTORY = url -> Optional.empty();
}
