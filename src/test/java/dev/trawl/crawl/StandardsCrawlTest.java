package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Sitemaps, robots meta and nofollow, canonical and description, request headers: as the crawl applies them. */
class StandardsCrawlTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeSite site = new FakeSite();

    @Test
    void seedsFromTheSitemapsNamedInRobotsTxtThroughAnIndexAndGzip() throws IOException {
        site.fixed("/robots.txt", text("User-agent: *\nDisallow: /private\nSitemap: " + url("/index.xml") + "\n"))
                .fixed("/index.xml", xml("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                        + "<sitemap><loc>" + url("/a.xml") + "</loc></sitemap>"
                        + "<sitemap><loc>" + url("/b.xml.gz") + "</loc></sitemap></sitemapindex>"))
                .fixed("/a.xml", xml(urlset(url("/orphan") + "|2026-01-02", url("/private/x") + "|")))
                .fixed("/b.xml.gz", new MockResponse.Builder().addHeader("Content-Type", "application/gzip")
                        .body(gzip(urlset(url("/zipped") + "|2025-12-31", "http://elsewhere.example/out|"))).build())
                .page("/", "Home")
                .page("/orphan", "Only in the sitemap")
                .page("/zipped", "From the gzipped sitemap");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.sitemaps()), server.url("/"));

        assertEquals(Set.of(url("/"), url("/orphan"), url("/zipped"), url("/private/x")), result.urls());
        assertEquals("2026-01-02", result.record(server.url("/orphan")).get("sitemap_lastmod").asText());
        assertEquals("2025-12-31", result.record(server.url("/zipped")).get("sitemap_lastmod").asText());
        assertTrue(result.record(server.url("/")).get("sitemap_lastmod").isNull());
        assertEquals("robots", result.record(server.url("/private/x")).get("error").get("type").asText(),
                "a sitemap URL obeys robots.txt like any link");
        assertEquals(0, site.hits("/private/x"));
    }

    @Test
    void fallsBackToSitemapXmlAndSurvivesABrokenOne() {
        site.fixed("/sitemap.xml", xml("<urlset><url><loc>" + url("/listed") + "</loc></url><url><loc>"))
                .page("/", "Home")
                .page("/listed", "Listed before the XML broke");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.sitemaps()), server.url("/"));

        assertEquals(Set.of(url("/"), url("/listed")), result.urls());
    }

    @Test
    void aNofollowPageListsItsLinksButTheyAreNotFollowed() {
        site.fixed("/", page("<meta name=\"robots\" content=\"noindex, nofollow\"><title>T</title>",
                        "<a href=\"/a\">a</a>"))
                .page("/a", "A");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        JsonNode home = result.record(server.url("/"));
        assertEquals(List.of(url("/a")), texts(home.get("links")));
        assertEquals(List.of("noindex", "nofollow"), texts(home.get("robots_meta")));
        assertEquals(0, site.hits("/a"));
        assertEquals(1, result.records().size());
    }

    @Test
    void anXRobotsTagNofollowCountsLikeTheMetaTag() {
        site.fixed("/", new MockResponse.Builder(FakeSite.html("Home", "/a")).addHeader("X-Robots-Tag", "nofollow")
                        .addHeader("X-Robots-Tag", "otherbot: noindex").build())
                .page("/a", "A");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        assertEquals(List.of("nofollow"), texts(result.record(server.url("/")).get("robots_meta")));
        assertEquals(0, site.hits("/a"));
    }

    @Test
    void relNofollowLinksAreListedNotFollowedUnlessAskedTo() {
        site.fixed("/", page("<title>T</title>", "<a rel=\"nofollow\" href=\"/ad\">ad</a><a href=\"/ok\">ok</a>"))
                .page("/ad", "Ad")
                .page("/ok", "Ok");
        server.setDispatcher(site);

        CrawlRun.Result polite = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));
        assertEquals(List.of(url("/ad"), url("/ok")), texts(polite.record(server.url("/")).get("links")));
        assertEquals(Set.of(url("/"), url("/ok")), polite.urls());

        CrawlRun.Result told = CrawlRun.crawl(TestConfig.with(TestConfig::followNofollow), server.url("/"));
        assertEquals(Set.of(url("/"), url("/ok"), url("/ad")), told.urls());
    }

    @Test
    void recordsCanonicalAndDescription() {
        site.fixed("/", page("<title>T</title><link rel=\"canonical\" href=\"/home#top\">"
                + "<meta name=\"description\" content=\"  A   page &amp; more \">", ""));
        server.setDispatcher(site);

        JsonNode home = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/")).record(server.url("/"));

        assertEquals(url("/home"), home.get("canonical").asText());
        assertEquals("A page & more", home.get("description").asText());
    }

    @Test
    void sendsTheUsersHeadersAndTheCookieOnlyToTheSeedsHost() throws InterruptedException {
        HttpUrl other = server.url("/there").newBuilder().host("127.0.0.1").build();
        site.page("/", "Home", other.toString()).page("/there", "There");
        server.setDispatcher(site);

        CrawlRun.crawl(TestConfig.with(c -> c.header("X-Trace", "t-1").cookie("session=s3cret")
                .scope(dev.trawl.url.Scope.ANY).allowPrivate()), server.url("/"));

        int seen = 0;
        for (int i = server.getRequestCount(); i > 0; i--) {
            var request = server.takeRequest();
            assertEquals("t-1", request.getHeaders().get("X-Trace"));
            boolean seedHost = "localhost".equals(request.getUrl().host());
            assertEquals(seedHost ? "session=s3cret" : null, request.getHeaders().get("Cookie"), request.getTarget());
            seen += seedHost ? 0 : 1;
        }
        assertEquals(2, seen, "robots.txt and /there on the other host, without the cookie");
    }

    @Test
    void decodesBrotliAndCountsDecodedBytes() throws IOException {
        byte[] brotli = getClass().getResourceAsStream("/dev/trawl/crawl/hello.html.br").readAllBytes();
        site.fixed("/", new MockResponse.Builder().addHeader("Content-Type", "text/html")
                .addHeader("Content-Encoding", "br").body(new Buffer().write(brotli)).build());
        server.setDispatcher(site);

        JsonNode home = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/")).record(server.url("/"));

        assertEquals("Hello, brotli", home.get("title").asText());
        assertNull(home.get("error").textValue());
        assertTrue(home.get("content_length").asLong() > brotli.length, "decoded bytes are counted");
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String urlset(String... locAndLastmod) {
        StringBuilder xml = new StringBuilder("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        for (String entry : locAndLastmod) {
            String[] parts = entry.split("\\|", -1);
            xml.append("<url><loc>").append(parts[0]).append("</loc>");
            if (!parts[1].isEmpty()) {
                xml.append("<lastmod>").append(parts[1]).append("</lastmod>");
            }
            xml.append("</url>");
        }
        return xml.append("</urlset>").toString();
    }

    private static MockResponse xml(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/xml").body(body).build();
    }

    private static MockResponse text(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/plain").body(body).build();
    }

    private static MockResponse page(String head, String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/html; charset=utf-8")
                .body("<!doctype html><html><head>" + head + "</head><body>" + body + "</body></html>").build();
    }

    private static Buffer gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return new Buffer().write(bytes.toByteArray());
    }
}
