package dev.trawl.extract;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one parse of an HTML page yields: title, links and the page-level signals robots and
 * indexers read.
 *
 * @param title         the first HTML {@code <title>}'s text, white space collapsed and trimmed, cut to
 *                      {@value PageExtractor#MAX_TITLE_LENGTH} chars; {@code ""} for an empty title,
 *                      null when the page has no title element
 * @param links         absolute normalized http(s) URL strings, fragment removed, de-duplicated, in
 *                      document order; nofollow links included
 * @param nofollowLinks the links (a subset of {@code links}, in document order) that every
 *                      {@code <a>}/{@code <area>} naming them marks {@code rel="nofollow"}; a URL that
 *                      also appears once without it is followable and not in this set. {@code ugc}
 *                      and {@code sponsored} do not count
 * @param robots        the directives of the page's meta robots tags; never null,
 *                      {@link RobotsDirectives#NONE} when there are none. X-Robots-Tag headers are
 *                      not included: merge them in with {@link RobotsDirectives#merge}
 * @param canonical     the normalized http(s) URL of {@code <link rel="canonical">}, or null
 * @param description   the first {@code <meta name="description">}'s content, white space collapsed
 *                      and trimmed, cut to {@value PageExtractor#MAX_DESCRIPTION_LENGTH} chars;
 *                      {@code ""} when empty, null when there is none
 * @param fragments     the page's fragment targets and its links with a fragment, when the extractor
 *                      was asked for them ({@code --check-fragments}); else null
 */
public record Extraction(String title, List<String> links, Set<String> nofollowLinks,
        RobotsDirectives robots, String canonical, String description, Fragments fragments) {

    public Extraction {
        // Free when the list is already unmodifiable, which is what PageExtractor passes.
        links = List.copyOf(links);
        // Kept in document order so that anything printed from it is the same on every run.
        nofollowLinks = nofollowLinks.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(nofollowLinks));
        Objects.requireNonNull(robots, "robots");
    }

    /** Without fragments: what an extractor not asked for them yields. */
    public Extraction(String title, List<String> links, Set<String> nofollowLinks, RobotsDirectives robots,
            String canonical, String description) {
        this(title, links, nofollowLinks, robots, canonical, description, null);
    }

    /** Title and links only: no nofollow links, no robots directives, no canonical, no description. */
    public Extraction(String title, List<String> links) {
        this(title, links, Set.of(), RobotsDirectives.NONE, null, null);
    }
}
