package dev.trawl.sitemap;

/**
 * How much of a host's sitemaps is read. Each limit, when reached, stops reading with a warning and
 * keeps what was read before it; none of them is an error.
 *
 * @param maxUrlsPerFile  entries ({@code <url>} or, in an index, {@code <sitemap>}) taken from one
 *                        file. Default 50,000: the protocol's own maximum, so a valid file is never cut
 * @param maxBytesPerFile uncompressed bytes read from one file; gzip is inflated only this far, so a
 *                        gzip bomb costs this much work and no more. Default 50 MiB: the protocol's
 *                        maximum (it says 50 MB; the binary unit is the generous reading)
 * @param maxFilesPerHost sitemap files fetched for one host, indexes included, in one read. Default
 *                        1,000: a whole index of 50,000 children would be a day's polite fetching
 *                        before the crawl even starts; 1,000 files already allow a billion URLs
 * @param maxUrlsPerHost  distinct URLs returned for one host. Default 1,000,000: enough for large
 *                        sites, while bounding the memory held (a few hundred bytes per URL) and
 *                        the seeds handed to the frontier
 * @param maxIndexDepth   how deep sitemap indexes may nest: the files a host names (robots.txt or
 *                        {@code /sitemap.xml}) are depth 0, an index's children one deeper, and an
 *                        index at this depth is read but its children are not. Default 2
 *                        (index → index → urlset): the protocol forbids nested indexes, but some
 *                        sites nest one level anyway and Google tolerates it
 */
public record SitemapLimits(int maxUrlsPerFile, long maxBytesPerFile, int maxFilesPerHost, int maxUrlsPerHost,
                            int maxIndexDepth) {

    /** @throws IllegalArgumentException if a limit is below 1 (below 0 for {@code maxIndexDepth}) */
    public SitemapLimits {
        atLeast(1, maxUrlsPerFile, "maxUrlsPerFile");
        atLeast(1, maxBytesPerFile, "maxBytesPerFile");
        atLeast(1, maxFilesPerHost, "maxFilesPerHost");
        atLeast(1, maxUrlsPerHost, "maxUrlsPerHost");
        atLeast(0, maxIndexDepth, "maxIndexDepth");
    }

    /** 50,000 URLs and 50 MiB per file, 1,000 files and 1,000,000 URLs per host, index depth 2. */
    public static SitemapLimits defaults() {
        return new SitemapLimits(50_000, 50L * 1024 * 1024, 1_000, 1_000_000, 2);
    }

    private static void atLeast(long min, long value, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }
}
