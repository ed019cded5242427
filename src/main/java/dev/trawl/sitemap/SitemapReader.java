package dev.trawl.sitemap;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import okhttp3.HttpUrl;

/**
 * Discovers the URLs of one host's sitemaps (sitemaps.org protocol), for the engine to add as seeds
 * before the crawl starts. The URLs are returned as the sitemaps list them: scope and robots.txt are
 * the engine's business.
 *
 * <ul>
 *   <li><b>Which files.</b> The {@code Sitemap:} URLs of the host's robots.txt, on whatever host they
 *       are (robots.txt is how a site owner cross-submits a sitemap kept elsewhere); when there are
 *       none, {@code <scheme>://<host>[:port]/sitemap.xml} of the site. Sitemap indexes are followed
 *       depth-first, in document order; a child on a host other than the site's and the index's own
 *       is skipped (Google accepts those only when cross-submitted). Each distinct sitemap URL is
 *       fetched at most once per read, which also ends cycles.</li>
 *   <li><b>Formats.</b> XML {@code <urlset>} and {@code <sitemapindex>} in any namespace (or none),
 *       extension elements (image, video, news) ignored; plain text, one URL per line; either one
 *       gzipped, recognised by its magic bytes. XML is streamed with DTDs and external entities
 *       off.</li>
 *   <li><b>Bounded.</b> By {@link SitemapLimits}: URLs and uncompressed bytes per file, files and URLs
 *       per host, index depth. Memory follows the URLs kept, not the size of the files.</li>
 *   <li><b>Never fails for bad input.</b> A non-2xx status, a failed fetch, bad XML, broken gzip, URLs
 *       that are not http(s), a limit reached: each gives one line through {@code warnings}, of the
 *       form {@code sitemap <url>: <what happened>}, and what was read before it is kept.</li>
 * </ul>
 *
 * <p>Holds no state between calls, so one reader may serve several threads if {@code warnings} is
 * thread-safe; within a call the fetches are made one at a time by the calling thread.
 */
public final class SitemapReader {
    private final SitemapSource source;
    private final SitemapLimits limits;
    private final Consumer<String> warnings;

    /**
     * @param source   fetches each sitemap file
     * @param limits   how much to read
     * @param warnings receives one line per problem; never a stack trace
     */
    public SitemapReader(SitemapSource source, SitemapLimits limits, Consumer<String> warnings) {
        this.source = Objects.requireNonNull(source, "source");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * Reads one host's sitemaps.
     *
     * @param site        a URL of the host (a seed); its scheme, host and port give the fallback
     *                    {@code /sitemap.xml}, and its host decides which index children are read
     * @param sitemapUrls the {@code Sitemap:} lines of the host's robots.txt, as written; may be empty
     * @return the entries in document order, de-duplicated by URL (the first occurrence wins)
     * @throws InterruptedException if the thread is interrupted during a fetch; nothing is returned
     */
    public List<SitemapEntry> read(HttpUrl site, List<String> sitemapUrls) throws InterruptedException {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(sitemapUrls, "sitemapUrls");
        return new SitemapWalk(source, limits, warnings, site).walk(sitemapUrls);
    }
}
