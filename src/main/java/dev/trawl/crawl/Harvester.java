package dev.trawl.crawl;

import dev.trawl.extract.Extraction;
import dev.trawl.extract.PageExtractor;
import dev.trawl.extract.RobotsDirectives;
import dev.trawl.extract.RobotsTagHeader;
import dev.trawl.fetch.FetchResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fetched page gives the crawl: its title and links for the record, and the links to
 * follow. The site has a say in the second: {@code nofollow} in a robots meta tag or an
 * X-Robots-Tag header means none of the page's links are followed, {@code rel="nofollow"} means
 * that link is not ({@code --follow-nofollow} overrides both). Then scope and include/exclude.
 */
final class Harvester {
    /** Everything the record and the frontier need from one page. */
    record Harvest(String title, List<String> links, List<String> follow, String canonical, String description,
            RobotsDirectives robots) {
        static final Harvest EMPTY = new Harvest(null, List.of(), List.of(), null, null, RobotsDirectives.NONE);
    }

    private final PageExtractor extractor;
    private final ParseThreads parseThreads;
    private final String productToken;
    private final FollowPolicy followPolicy;
    private final boolean followNofollow;

    Harvester(PageExtractor extractor, ParseThreads parseThreads, String productToken, FollowPolicy followPolicy,
            boolean followNofollow) {
        this.extractor = extractor;
        this.parseThreads = parseThreads;
        this.productToken = productToken;
        this.followPolicy = followPolicy;
        this.followNofollow = followNofollow;
    }

    Harvest harvest(FetchResult.Fetched page) throws InterruptedException {
        RobotsDirectives header = RobotsTagHeader.parse(page.robotsTags(), productToken);
        if (page.body() == null) {
            return new Harvest(null, List.of(), List.of(), null, null, RobotsDirectives.NONE.merge(header));
        }
        Extraction extraction = parseThreads.call(() -> extractor.extract(page.body().bytes(), page.body().length(),
                page.charsetHint(), page.finalUrl(), productToken));
        RobotsDirectives robots = extraction.robots().merge(header);
        return new Harvest(extraction.title(), extraction.links(), follow(extraction, robots), extraction.canonical(),
                extraction.description(), robots);
    }

    private List<String> follow(Extraction extraction, RobotsDirectives robots) {
        if (followNofollow) {
            return followPolicy.select(extraction.links());
        }
        if (robots.nofollow()) {
            return List.of();
        }
        List<String> candidates = extraction.links();
        if (!extraction.nofollowLinks().isEmpty()) {
            candidates = new ArrayList<>(candidates);
            candidates.removeAll(extraction.nofollowLinks());
        }
        return followPolicy.select(candidates);
    }
}
