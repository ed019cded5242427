package dev.trawl.state;

import java.util.List;
import java.util.Set;

/**
 * What a 2xx answer gave a page's record, kept in the state so that a later 304 ("not modified")
 * can carry it into that run's record, and have the page's links followed, as if the page had been
 * fetched again. Field meanings are those of the output contract.
 *
 * @param title         the title, or null
 * @param links         every link of the page as the record lists it
 * @param nofollowLinks the links (a subset of {@code links}) that {@code rel="nofollow"} marks, which
 *                      a 304 must not follow either
 * @param canonical     the canonical URL, or null
 * @param description   the meta description, or null
 * @param robotsMeta    the robots directives, meta tags and X-Robots-Tag together; the nofollow of a
 *                      stored page comes from here
 * @param contentType   the media type, or null
 * @param contentLength body bytes read, or null when the body was not read
 */
public record PageContent(String title, List<String> links, Set<String> nofollowLinks, String canonical,
        String description, List<String> robotsMeta, String contentType, Long contentLength) {

    public PageContent {
        links = List.copyOf(links);
        nofollowLinks = Set.copyOf(nofollowLinks);
        robotsMeta = List.copyOf(robotsMeta);
    }
}
