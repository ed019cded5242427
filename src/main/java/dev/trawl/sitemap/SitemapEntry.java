package dev.trawl.sitemap;

/**
 * One URL from a sitemap.
 *
 * @param url     the {@code <loc>}, normalized ({@link dev.trawl.url.UrlNormalizer#key}); always http(s)
 * @param lastmod the {@code <lastmod>} as written in the sitemap (a W3C datetime such as
 *                {@code 2005-01-01} or {@code 2004-12-23T18:00:15+00:00}), trimmed but not checked;
 *                {@code null} when absent or blank, and always for plain-text sitemaps
 * @param sitemap the normalized URL of the sitemap file the entry came from
 */
public record SitemapEntry(String url, String lastmod, String sitemap) {
}
