package dev.trawl.sitemap;

import static dev.trawl.sitemap.FakeSitemaps.index;
import static dev.trawl.sitemap.FakeSitemaps.urlset;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SitemapReaderTest {
    private static final HttpUrl SITE = HttpUrl.get("http://example.com/");

    private final FakeSitemaps site = new FakeSitemaps();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @AfterEach
    void warningsAreSingleLines() {
        for (String warning : warnings) {
            assertTrue(warning.startsWith("sitemap ") && !warning.contains("\n") && !warning.contains("\r"), warning);
        }
    }

    private List<SitemapEntry> read(List<String> robotsSitemaps) throws InterruptedException {
        return read(SitemapLimits.defaults(), robotsSitemaps);
    }

    private List<SitemapEntry> read(SitemapLimits limits, List<String> robotsSitemaps) throws InterruptedException {
        return new SitemapReader(site, limits, warnings::add).read(SITE, robotsSitemaps);
    }

    private static SitemapLimits limits(int maxUrlsPerFile, int maxFilesPerHost, int maxUrlsPerHost, int maxIndexDepth) {
        return new SitemapLimits(maxUrlsPerFile, 1024 * 1024, maxFilesPerHost, maxUrlsPerHost, maxIndexDepth);
    }

    private static SitemapEntry entry(String url, String sitemap) {
        return new SitemapEntry(url, null, sitemap);
    }

    private static List<String> urls(List<SitemapEntry> entries) {
        return entries.stream().map(SitemapEntry::url).toList();
    }

    @Test
    void readsTheRobotsSitemapsInOrder() throws InterruptedException {
        site.body("http://example.com/one.xml", urlset("http://example.com/a", "http://example.com/b"))
                .body("http://example.com/two.txt", "http://example.com/c\n");

        List<SitemapEntry> entries = read(List.of("http://example.com/one.xml", "HTTP://EXAMPLE.COM/two.txt#x"));

        assertEquals(List.of(entry("http://example.com/a", "http://example.com/one.xml"),
                entry("http://example.com/b", "http://example.com/one.xml"),
                entry("http://example.com/c", "http://example.com/two.txt")), entries);
        assertEquals(List.of("http://example.com/one.xml", "http://example.com/two.txt"), site.requested());
        assertEquals(List.of(), warnings);
    }

    @Test
    void fallsBackToSitemapXmlWithoutRobotsSitemaps() throws InterruptedException {
        site.body("https://example.com:8443/sitemap.xml", urlset("https://example.com:8443/a"));
        List<SitemapEntry> entries = new SitemapReader(site, SitemapLimits.defaults(), warnings::add)
                .read(HttpUrl.get("https://user:pw@Example.COM:8443/deep/page?q=1#f"), List.of());

        assertEquals(List.of(entry("https://example.com:8443/a", "https://example.com:8443/sitemap.xml")), entries);
        assertEquals(List.of("https://example.com:8443/sitemap.xml"), site.requested());
    }

    @Test
    void doesNotFallBackWhenTheRobotsSitemapsFail() throws InterruptedException {
        assertEquals(List.of(), read(List.of("http://example.com/gone.xml")));
        assertEquals(List.of("http://example.com/gone.xml"), site.requested());
        assertEquals(List.of("sitemap http://example.com/gone.xml: HTTP 404"), warnings);
    }

    @Test
    void followsAnIndexToTwoUrlsets() throws InterruptedException {
        site.body("http://example.com/sitemap.xml", index("http://example.com/posts.xml", "http://example.com/pages.xml"))
                .body("http://example.com/posts.xml", """
                        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                          <url><loc>http://example.com/post/1</loc><lastmod>2024-05-01T10:00:00Z</lastmod></url>
                          <url><loc>http://example.com/post/2</loc></url>
                        </urlset>""")
                .body("http://example.com/pages.xml", urlset("http://example.com/about"));

        assertEquals(List.of(new SitemapEntry("http://example.com/post/1", "2024-05-01T10:00:00Z", "http://example.com/posts.xml"),
                entry("http://example.com/post/2", "http://example.com/posts.xml"),
                entry("http://example.com/about", "http://example.com/pages.xml")), read(List.of()));
        assertEquals(List.of("http://example.com/sitemap.xml", "http://example.com/posts.xml", "http://example.com/pages.xml"),
                site.requested());
        assertEquals(List.of(), warnings);
    }

    @Test
    void readsNestedIndexesDepthFirstUpToMaxIndexDepth() throws InterruptedException {
        site.body("http://example.com/sitemap.xml", index("http://example.com/i1.xml", "http://example.com/top.xml"))
                .body("http://example.com/i1.xml", index("http://example.com/i2.xml", "http://example.com/mid.xml"))
                .body("http://example.com/i2.xml", index("http://example.com/deep.xml"))
                .body("http://example.com/deep.xml", urlset("http://example.com/deep"))
                .body("http://example.com/mid.xml", urlset("http://example.com/mid"))
                .body("http://example.com/top.xml", urlset("http://example.com/top"));

        List<SitemapEntry> entries = read(limits(100, 100, 100, 2), List.of());

        assertEquals(List.of("http://example.com/mid", "http://example.com/top"), urls(entries));
        assertEquals(List.of("http://example.com/sitemap.xml", "http://example.com/i1.xml", "http://example.com/i2.xml",
                "http://example.com/mid.xml", "http://example.com/top.xml"), site.requested());
        assertEquals(List.of("sitemap http://example.com/i2.xml: index at depth 2 (max 2); its 1 sitemaps not read"), warnings);
    }

    @Test
    void maxIndexDepthZeroReadsNoIndex() throws InterruptedException {
        site.body("http://example.com/sitemap.xml", index("http://example.com/a.xml"));
        assertEquals(List.of(), read(limits(100, 100, 100, 0), List.of()));
        assertEquals(List.of("http://example.com/sitemap.xml"), site.requested());
        assertEquals(1, warnings.size());
    }

    @Test
    void doesNotLoopOnAnIndexCycle() throws InterruptedException {
        site.body("http://example.com/sitemap.xml", index("http://example.com/sitemap.xml", "http://example.com/b.xml",
                        "http://example.com/urls.xml"))
                .body("http://example.com/b.xml", index("http://example.com/sitemap.xml#again", "http://example.com/urls.xml"))
                .body("http://example.com/urls.xml", urlset("http://example.com/a"));

        assertEquals(List.of(entry("http://example.com/a", "http://example.com/urls.xml")), read(limits(100, 100, 100, 10), List.of()));
        assertEquals(List.of("http://example.com/sitemap.xml", "http://example.com/b.xml", "http://example.com/urls.xml"),
                site.requested());
        assertEquals(List.of(
                "sitemap http://example.com/sitemap.xml: lists http://example.com/sitemap.xml, an index that leads here (cycle); not read again",
                "sitemap http://example.com/b.xml: lists http://example.com/sitemap.xml, an index that leads here (cycle); not read again"),
                warnings);
    }

    @Test
    void fetchesASitemapListedTwiceOnce() throws InterruptedException {
        site.body("http://example.com/index.xml", index("http://example.com/urls.xml"))
                .body("http://example.com/urls.xml", urlset("http://example.com/a"));
        assertEquals(List.of("http://example.com/a"),
                urls(read(List.of("http://example.com/urls.xml", "http://example.com/index.xml", "http://example.com/urls.xml"))));
        assertEquals(List.of("http://example.com/urls.xml", "http://example.com/index.xml"), site.requested());
        assertEquals(List.of(), warnings);
    }

    @Test
    void readsAGzippedUrlsetThroughAnIndex() throws IOException, InterruptedException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(urlset("http://example.com/a", "http://example.com/b").getBytes(UTF_8));
        }
        site.body("http://example.com/sitemap.xml", index("http://example.com/urls.xml.gz"))
                .body("http://example.com/urls.xml.gz", gzipped.toByteArray());

        assertEquals(List.of("http://example.com/a", "http://example.com/b"), urls(read(List.of())));
        assertEquals(List.of(), warnings);
    }

    @Test
    void skipsChildSitemapsOnOtherHostsWithOneWarning() throws InterruptedException {
        site.body("http://example.com/sitemap.xml", index("http://evil.example/1.xml", "https://example.com/ok.xml",
                        "http://sub.example.com/2.xml"))
                .body("https://example.com/ok.xml", urlset("https://example.com/a"));

        assertEquals(List.of("https://example.com/a"), urls(read(List.of())));
        assertEquals(List.of("http://example.com/sitemap.xml", "https://example.com/ok.xml"), site.requested());
        assertEquals(List.of("sitemap http://example.com/sitemap.xml: 2 sitemaps on other hosts skipped, e.g. http://evil.example/1.xml"),
                warnings);
    }

    @Test
    void readsRobotsSitemapsOnOtherHostsAndTheirSiblings() throws InterruptedException {
        // robots.txt is how a site cross-submits a sitemap kept elsewhere; the URLs inside are returned as listed.
        site.body("https://cdn.example.net/index.xml", index("https://cdn.example.net/1.xml", "http://example.com/2.xml",
                        "http://third.example/3.xml"))
                .body("https://cdn.example.net/1.xml", urlset("http://example.com/a", "http://elsewhere.example/b"))
                .body("http://example.com/2.xml", urlset("http://example.com/c"));

        assertEquals(List.of("http://example.com/a", "http://elsewhere.example/b", "http://example.com/c"),
                urls(read(List.of("https://cdn.example.net/index.xml"))));
        assertEquals(List.of("sitemap https://cdn.example.net/index.xml: 1 sitemaps on other hosts skipped, e.g. http://third.example/3.xml"),
                warnings);
    }

    @Test
    void skipsRobotsSitemapsThatAreNotHttpUrls() throws InterruptedException {
        site.body("http://example.com/ok.xml", urlset("http://example.com/a"));
        assertEquals(List.of("http://example.com/a"),
                urls(read(List.of("ftp://example.com/sitemap.xml", "/relative.xml", "http://example.com/ok.xml"))));
        assertEquals(List.of("http://example.com/ok.xml"), site.requested());
        assertEquals(List.of("sitemap ftp://example.com/sitemap.xml: not an http(s) URL; skipped",
                "sitemap /relative.xml: not an http(s) URL; skipped"), warnings);
    }

    @Test
    void warnsAndGoesOnAfterHttpErrorsAndFailedFetches() throws InterruptedException {
        site.answer("http://example.com/500.xml", new SitemapFetch.Body(500, "oops".getBytes(UTF_8)))
                .answer("http://example.com/301.xml", new SitemapFetch.Body(301, null))
                .answer("http://example.com/down.xml", new SitemapFetch.Failed("connect timed out"))
                .body("http://example.com/ok.xml", urlset("http://example.com/a"));
        SitemapSource flaky = url -> switch (url.encodedPath()) {
            case "/throws.xml" -> throw new IllegalStateException("boom");
            case "/null.xml" -> null;
            default -> site.fetch(url);
        };

        List<SitemapEntry> entries = new SitemapReader(flaky, SitemapLimits.defaults(), warnings::add).read(SITE, List.of(
                "http://example.com/404.xml", "http://example.com/500.xml", "http://example.com/301.xml",
                "http://example.com/down.xml", "http://example.com/throws.xml", "http://example.com/null.xml",
                "http://example.com/ok.xml"));

        assertEquals(List.of("http://example.com/a"), urls(entries));
        assertEquals(List.of("sitemap http://example.com/404.xml: HTTP 404",
                "sitemap http://example.com/500.xml: HTTP 500",
                "sitemap http://example.com/301.xml: HTTP 301",
                "sitemap http://example.com/down.xml: fetch failed: connect timed out",
                "sitemap http://example.com/throws.xml: fetch failed: java.lang.IllegalStateException: boom",
                "sitemap http://example.com/null.xml: fetch failed: sitemap source returned nothing"), warnings);
    }

    @Test
    void warnsOnceAboutInvalidLocsInAFile() throws InterruptedException {
        site.body("http://example.com/sitemap.xml", urlset("ftp://example.com/x", "http://example.com/a", "not a url",
                "mailto:a@example.com", "http://example.com/b"));
        assertEquals(List.of("http://example.com/a", "http://example.com/b"), urls(read(List.of())));
        assertEquals(List.of("sitemap http://example.com/sitemap.xml: 3 entries skipped: <loc> missing, too long or not an absolute http(s) URL"),
                warnings);
    }

    @Test
    void warnsAboutBadXmlAndKeepsTheEntriesBefore() throws InterruptedException {
        site.body("http://example.com/sitemap.xml", "<urlset>\n<url><loc>http://example.com/a</loc></url>\n<url><loc>http://exa");
        assertEquals(List.of("http://example.com/a"), urls(read(List.of())));
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().startsWith("sitemap http://example.com/sitemap.xml: not XML: line 3, column "), warnings.getFirst());
        assertTrue(warnings.getFirst().endsWith("; kept the 1 entries before it"), warnings.getFirst());
    }

    @Test
    void stopsAFileAtMaxUrlsPerFile() throws InterruptedException {
        site.body("http://example.com/big.xml", urlset("http://example.com/1", "http://example.com/2", "http://example.com/3"))
                .body("http://example.com/next.xml", urlset("http://example.com/4"));
        assertEquals(List.of("http://example.com/1", "http://example.com/2", "http://example.com/4"),
                urls(read(limits(2, 100, 100, 2), List.of("http://example.com/big.xml", "http://example.com/next.xml"))));
        assertEquals(List.of("sitemap http://example.com/big.xml: more than 2 entries (max per file); kept the 2 entries before it"),
                warnings);
    }

    @Test
    void stopsTheHostAtMaxUrlsPerHost() throws InterruptedException {
        site.body("http://example.com/sitemap.xml", index("http://example.com/1.xml", "http://example.com/2.xml",
                        "http://example.com/3.xml"))
                .body("http://example.com/1.xml", urlset("http://example.com/a", "http://example.com/b"))
                .body("http://example.com/2.xml", urlset("http://example.com/b", "http://example.com/c", "http://example.com/d"))
                .body("http://example.com/3.xml", urlset("http://example.com/e"));

        assertEquals(List.of("http://example.com/a", "http://example.com/b", "http://example.com/c"),
                urls(read(limits(100, 100, 3, 2), List.of())));
        assertEquals(List.of("http://example.com/sitemap.xml", "http://example.com/1.xml", "http://example.com/2.xml"),
                site.requested());
        assertEquals(List.of("sitemap http://example.com/2.xml: more than 3 URLs for the host (max per host);"
                + " the rest of this sitemap and any sitemap after it not read"), warnings);
    }

    @Test
    void exactlyMaxUrlsPerHostIsNotOverIt() throws InterruptedException {
        site.body("http://example.com/sitemap.xml", urlset("http://example.com/a", "http://example.com/b"));
        assertEquals(2, read(limits(100, 100, 2, 2), List.of()).size());
        assertEquals(List.of(), warnings);
    }

    @Test
    void stopsTheHostAtMaxFilesPerHost() throws InterruptedException {
        site.body("http://example.com/sitemap.xml", index("http://example.com/1.xml", "http://example.com/2.xml",
                "http://example.com/3.xml", "http://example.com/4.xml"));
        for (int i = 1; i <= 4; i++) {
            site.body("http://example.com/" + i + ".xml", urlset("http://example.com/page" + i));
        }

        assertEquals(List.of("http://example.com/page1", "http://example.com/page2"), urls(read(limits(100, 3, 100, 2), List.of())));
        assertEquals(List.of("http://example.com/sitemap.xml", "http://example.com/1.xml", "http://example.com/2.xml"),
                site.requested());
        assertEquals(List.of("sitemap http://example.com/3.xml: not read, nor any sitemap after it: 3 files read (max per host)"),
                warnings);
    }

    @Test
    void deduplicatesUrlsKeepingTheFirst() throws InterruptedException {
        site.body("http://example.com/1.xml", """
                        <urlset>
                          <url><loc>http://example.com/a</loc><lastmod>2020-01-01</lastmod></url>
                          <url><loc>http://EXAMPLE.com:80/b#x</loc></url>
                          <url><loc>http://example.com/a</loc><lastmod>2021-01-01</lastmod></url>
                        </urlset>""")
                .body("http://example.com/2.xml", """
                        <urlset>
                          <url><loc>http://example.com/b</loc><lastmod>2022-01-01</lastmod></url>
                          <url><loc>http://example.com/c</loc></url>
                        </urlset>""");

        assertEquals(List.of(new SitemapEntry("http://example.com/a", "2020-01-01", "http://example.com/1.xml"),
                entry("http://example.com/b", "http://example.com/1.xml"),
                entry("http://example.com/c", "http://example.com/2.xml")),
                read(List.of("http://example.com/1.xml", "http://example.com/2.xml")));
        assertEquals(List.of(), warnings);
    }

    @Test
    void warnsAboutAGzipBombAndKeepsTheEntriesBefore() throws IOException, InterruptedException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            gzip.write("http://example.com/a\n".getBytes(UTF_8));
            gzip.write(new byte[4 * 1024 * 1024]);
        }
        site.body("http://example.com/sitemap.xml", bomb.toByteArray());

        assertEquals(List.of("http://example.com/a"), urls(read(limits(100, 100, 100, 2), List.of())));
        assertEquals(List.of("sitemap http://example.com/sitemap.xml: larger than 1048576 bytes uncompressed (max per file);"
                + " kept the 1 entries before it"), warnings);
    }

    @Test
    void warnsAboutEmptyAndNonSitemapBodies() throws InterruptedException {
        site.body("http://example.com/empty.xml", "")
                .body("http://example.com/html.xml", "<html><body>Soft 404</body></html>");
        assertEquals(List.of(), read(List.of("http://example.com/empty.xml", "http://example.com/html.xml")));
        assertEquals(List.of("sitemap http://example.com/empty.xml: empty",
                "sitemap http://example.com/html.xml: not a sitemap: root element <html>"), warnings);
    }

    @Test
    void anInterruptedFetchEndsTheRead() {
        SitemapSource interrupted = url -> {
            throw new InterruptedException("stop");
        };
        assertThrows(InterruptedException.class,
                () -> new SitemapReader(interrupted, SitemapLimits.defaults(), warnings::add).read(SITE, List.of()));
    }

    @Test
    void aSourceThatSwallowsTheInterruptStillEndsTheRead() {
        SitemapSource swallowing = url -> {
            Thread.currentThread().interrupt();
            return new SitemapFetch.Failed("interrupted");
        };
        SitemapReader reader = new SitemapReader(swallowing, SitemapLimits.defaults(), warnings::add);
        assertThrows(InterruptedException.class,
                () -> reader.read(SITE, List.of("http://example.com/1.xml", "http://example.com/2.xml")));
        assertFalse(Thread.interrupted(), "the flag is consumed by the exception");
        assertEquals(List.of(), warnings);
    }
}
