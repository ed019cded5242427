package dev.trawl.sitemap;

import dev.trawl.url.UrlNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * What one sitemap file held, as far as it could be read.
 *
 * @param kind     a urlset (plain-text sitemaps included) or an index
 * @param urls     a urlset's entries in document order, duplicates included
 * @param sitemaps an index's children in document order
 * @param skipped  entries left out because their {@code <loc>} was missing, too long or not an
 *                 absolute http(s) URL
 * @param stopped  why reading ended before the end of the file, if it did; what came before is kept
 */
record SitemapDocument(Kind kind, List<SitemapEntry> urls, List<HttpUrl> sitemaps, int skipped,
                       Optional<String> stopped) {

    enum Kind { URLSET, INDEX }

    /**
     * Longest {@code <loc>} or {@code <lastmod>} text kept: four times the protocol's 2,048 characters,
     * so a slightly long real URL still reaches the engine's own URL-length guard, while one huge text
     * node cannot take memory in proportion to the file.
     */
    static final int MAX_TEXT_CHARS = 8192;

    /** Collects a document while a parser reads it; the parsers stop when an add returns false. */
    static final class Builder {
        private final String sitemap;
        private final int maxEntries;
        private final List<SitemapEntry> urls = new ArrayList<>();
        private final List<HttpUrl> sitemaps = new ArrayList<>();
        private Kind kind = Kind.URLSET;
        private int skipped;
        private String stopped;

        /**
         * @param sitemap    the normalized URL of the file, recorded in each entry
         * @param maxEntries entries kept; one more stops the reading
         */
        Builder(String sitemap, int maxEntries) {
            this.sitemap = sitemap;
            this.maxEntries = maxEntries;
        }

        void kind(Kind kind) {
            this.kind = kind;
        }

        /** A urlset entry; {@code loc} null when missing or too long. False once the file has too many. */
        boolean url(String loc, String lastmod) {
            Optional<HttpUrl> url = UrlNormalizer.parse(loc);
            if (url.isEmpty()) {
                skipped++;
                return true;
            }
            if (full()) {
                return false;
            }
            String written = lastmod == null ? "" : lastmod.strip();
            urls.add(new SitemapEntry(UrlNormalizer.key(url.get()), written.isEmpty() ? null : written, sitemap));
            return true;
        }

        /** An index entry; {@code loc} null when missing or too long. False once the file has too many. */
        boolean sitemap(String loc) {
            Optional<HttpUrl> url = UrlNormalizer.parse(loc);
            if (url.isEmpty()) {
                skipped++;
                return true;
            }
            if (full()) {
                return false;
            }
            sitemaps.add(url.get());
            return true;
        }

        /** Records why reading ended early; the first reason wins. */
        void stop(String reason) {
            if (stopped == null) {
                stopped = reason;
            }
        }

        SitemapDocument build() {
            return new SitemapDocument(kind, List.copyOf(urls), List.copyOf(sitemaps), skipped,
                    Optional.ofNullable(stopped));
        }

        private boolean full() {
            if (urls.size() + sitemaps.size() < maxEntries) {
                return false;
            }
            stop("more than " + maxEntries + " entries (max per file)");
            return true;
        }
    }
}
