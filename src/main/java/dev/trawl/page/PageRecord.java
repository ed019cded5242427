package dev.trawl.page;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of output: what happened to one URL. Field meanings are the output contract
 * ({@code docs/cli.md}); nullable fields are null exactly when the contract says so.
 *
 * @param url           the URL as queued, normalized
 * @param finalUrl      where redirects ended (equal to {@code url} without redirects)
 * @param status        final HTTP status, or null when no response came
 * @param depth         link hops from the nearest seed, the shortest known when fetched
 * @param parent        the page the recorded depth was reached through; null for seeds
 * @param title         the page title, or null when there is none
 * @param links         every http(s) link of the page, normalized, de-duplicated, in document order
 * @param contentType   media type of the final response without parameters, or null
 * @param contentLength body bytes read after decompression, or null when no body was read
 * @param attempts      requests made for the final URL, retries included; 0 when none was made
 * @param elapsedMs     wall time spent on this URL, all attempts and redirects
 * @param fetchedAt     when work on this URL started
 * @param error         null, or why the page has no usable result
 * @param canonical      the page's {@code <link rel="canonical">}, normalized, or null
 * @param description    the page's {@code <meta name="description">}, or null
 * @param robotsMeta     robots directives for trawl from meta tags and X-Robots-Tag, e.g. {@code noindex}
 * @param sitemapLastmod the URL's {@code <lastmod>} in the sitemap it came from, as written, or null
 * @param changed        with {@code --state}: whether the page differs from its last fetch (true for a new
 *                       page), null when that cannot be told or there is no state
 * @param previousStatus with {@code --state}: the status of its last fetch in an earlier run, or null
 * @param checked        whether the URL was only checked ({@code --check-links}): a link the crawl does
 *                       not follow, asked for its status and not read or followed
 * @param missingFragments with {@code --check-fragments}: the page's links whose {@code #fragment} names no
 *                       element of the crawled page they point to, as {@code url#fragment}; null without it
 */
public record PageRecord(
        String url,
        String finalUrl,
        Integer status,
        int depth,
        String parent,
        String title,
        List<String> links,
        String contentType,
        Long contentLength,
        int attempts,
        long elapsedMs,
        Instant fetchedAt,
        PageError error,
        String canonical,
        String description,
        List<String> robotsMeta,
        String sitemapLastmod,
        Boolean changed,
        Integer previousStatus,
        boolean checked,
        List<String> missingFragments) {

    public PageRecord {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(finalUrl, "finalUrl");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        links = List.copyOf(links);
        robotsMeta = List.copyOf(robotsMeta);
        missingFragments = missingFragments == null ? null : List.copyOf(missingFragments);
    }

    /** A record with the v1 fields only: no canonical, description, robots directives or sitemap date. */
    public PageRecord(String url, String finalUrl, Integer status, int depth, String parent, String title,
            List<String> links, String contentType, Long contentLength, int attempts, long elapsedMs, Instant fetchedAt,
            PageError error) {
        this(url, finalUrl, status, depth, parent, title, links, contentType, contentLength, attempts, elapsedMs,
                fetchedAt, error, null, null, List.of(), null, null, null, false, null);
    }

    /** This record with its {@code missing_fragments}, known once the pages its links point to are crawled. */
    public PageRecord withMissingFragments(List<String> missing) {
        return new PageRecord(url, finalUrl, status, depth, parent, title, links, contentType, contentLength, attempts,
                elapsedMs, fetchedAt, error, canonical, description, robotsMeta, sitemapLastmod, changed, previousStatus,
                checked, missing);
    }

    public boolean failed() {
        return error != null;
    }
}
