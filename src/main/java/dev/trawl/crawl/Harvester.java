package dev.trawl.crawl;

import dev.trawl.extract.Extraction;
import dev.trawl.extract.Fragments;
import dev.trawl.extract.PageExtractor;
import dev.trawl.extract.RobotsDirectives;
import dev.trawl.extract.RobotsTagHeader;
import dev.trawl.fetch.FetchResult;
import dev.trawl.state.PageContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a fetched page gives the crawl: its title and links for the record, and the links to
 * follow. The site has a say in the second: {@code nofollow} in a robots meta tag or an
 * X-Robots-Tag header means none of the page's links are followed, {@code rel="nofollow"} means
 * that link is not ({@code --follow-nofollow} overrides both). Then scope and include/exclude; with
 * {@code --check-links}, the links those rules turn away are offered too, to be checked (the
 * {@link LinkChecks}), but not those the site asked not to follow.
 */
final class Harvester {
    /**
     * Everything the record and the frontier need from one page.
     *
     * @param fragments the page's fragment targets and links with a fragment; null unless the extractor
     *                  reads them ({@code --check-fragments}) and the page was parsed
     */
    record Harvest(String title, List<String> links, Set<String> nofollowLinks, List<String> follow, String canonical,
            String description, RobotsDirectives robots, Fragments fragments) {
        static final Harvest EMPTY = new Harvest(null, List.of(), Set.of(), List.of(), null, null,
                RobotsDirectives.NONE, null);

        /** What the state keeps of it, so that a later 304 can carry it. */
        PageContent content(String contentType, Long contentLength) {
            return new PageContent(title, links, nofollowLinks, canonical, description, robots.directives(),
                    contentType, contentLength);
        }
    }

    private final PageExtractor extractor;
    private final ParseThreads parseThreads;
    private final String productToken;
    private final FollowPolicy followPolicy;
    private final boolean followNofollow;
    private final boolean checkLinks;

    Harvester(PageExtractor extractor, ParseThreads parseThreads, String productToken, FollowPolicy followPolicy,
            boolean followNofollow, boolean checkLinks) {
        this.extractor = extractor;
        this.parseThreads = parseThreads;
        this.productToken = productToken;
        this.followPolicy = followPolicy;
        this.followNofollow = followNofollow;
        this.checkLinks = checkLinks;
    }

    Harvest harvest(FetchResult.Fetched page) throws InterruptedException {
        RobotsDirectives header = RobotsTagHeader.parse(page.robotsTags(), productToken);
        if (page.body() == null) {
            return new Harvest(null, List.of(), Set.of(), List.of(), null, null, RobotsDirectives.NONE.merge(header),
                    null);
        }
        Extraction extraction = parseThreads.call(() -> extractor.extract(page.body().bytes(), page.body().length(),
                page.charsetHint(), page.finalUrl(), productToken));
        RobotsDirectives robots = extraction.robots().merge(header);
        return new Harvest(extraction.title(), extraction.links(), extraction.nofollowLinks(),
                follow(extraction.links(), extraction.nofollowLinks(), robots), extraction.canonical(),
                extraction.description(), robots, extraction.fragments());
    }

    /**
     * A page answered 304: what its last full answer gave, with the links to follow chosen again, by
     * this crawl's rules, exactly as if the page had been fetched and parsed now.
     */
    Harvest harvest(PageContent stored) {
        RobotsDirectives robots = new RobotsDirectives(false, false, stored.robotsMeta());
        return new Harvest(stored.title(), stored.links(), stored.nofollowLinks(),
                follow(stored.links(), stored.nofollowLinks(), robots), stored.canonical(), stored.description(),
                robots, null);
    }

    private List<String> follow(List<String> links, Set<String> nofollowLinks, RobotsDirectives robots) {
        if (followNofollow) {
            return offered(links);
        }
        if (robots.nofollow()) {
            return List.of();
        }
        List<String> candidates = links;
        if (!nofollowLinks.isEmpty()) {
            candidates = new ArrayList<>(candidates);
            candidates.removeAll(nofollowLinks);
        }
        return offered(candidates);
    }

    /** What goes to the frontier: the links followed, or with {@code --check-links} all of them. */
    private List<String> offered(List<String> candidates) {
        return checkLinks ? candidates : followPolicy.select(candidates);
    }
}
