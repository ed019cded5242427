package dev.trawl.crawl;

import dev.trawl.frontier.Frontier;
import dev.trawl.robots.RobotsCache;
import dev.trawl.sitemap.SitemapEntry;
import dev.trawl.sitemap.SitemapLimits;
import dev.trawl.sitemap.SitemapReader;
import dev.trawl.sitemap.SitemapSource;
import dev.trawl.trap.TrapGuard;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import okhttp3.HttpUrl;

/**
 * {@code --sitemaps}: before the crawl starts, each seed host's sitemaps (robots.txt {@code
 * Sitemap:} lines, else {@code /sitemap.xml}) are read and their URLs added as seeds, after the
 * same scope, include/exclude and trap checks as any link (robots.txt is checked when they are
 * fetched, like any URL). One virtual thread per host, each request paced like the crawl's.
 */
final class SitemapSeeding {
    private final SitemapSource source;
    private final RobotsCache robots;
    private final FollowPolicy followPolicy;
    private final TrapGuard guard;
    private final Frontier frontier;
    private final Consumer<String> warnings;
    private final ExecutorService readers =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("trawl-sitemap-", 0).factory());

    /** @param robots null when robots.txt is ignored: then only /sitemap.xml is tried */
    SitemapSeeding(SitemapSource source, RobotsCache robots, FollowPolicy followPolicy, TrapGuard guard,
            Frontier frontier, Consumer<String> warnings) {
        this.source = source;
        this.robots = robots;
        this.followPolicy = followPolicy;
        this.guard = guard;
        this.frontier = frontier;
        this.warnings = warnings;
    }

    /** Adds the sitemaps' URLs of every site as seeds; returns their lastmod by URL, where the sitemap gave one. */
    Map<String, String> seed(Collection<HttpUrl> sites) {
        Map<String, String> lastmods = new ConcurrentHashMap<>();
        try (readers) {
            for (HttpUrl site : sites) {
                readers.execute(() -> read(site, lastmods));
            }
        }
        return lastmods;
    }

    /** Stops reading: the crawl is stopping. */
    void cancel() {
        readers.shutdownNow();
    }

    private void read(HttpUrl site, Map<String, String> lastmods) {
        try {
            List<String> listed = robots == null ? List.of() : robots.rulesFor(site).sitemaps();
            SitemapReader reader = new SitemapReader(source, SitemapLimits.defaults(), warnings);
            for (SitemapEntry entry : reader.read(site, listed)) {
                if (!followPolicy.follows(entry.url()) || guard.admit(entry.url()) != null) {
                    continue;
                }
                frontier.addSeed(entry.url()); // false when a seed already: it still gets the lastmod
                if (entry.lastmod() != null) {
                    lastmods.putIfAbsent(entry.url(), entry.lastmod());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        }
    }
}
