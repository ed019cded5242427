package dev.trawl.sitemap;

import static dev.trawl.sitemap.FakeSitemaps.NS;
import static dev.trawl.sitemap.FakeSitemaps.urlset;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.trawl.sitemap.SitemapDocument.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SitemapParserTest {
    private static final HttpUrl SITEMAP = HttpUrl.get("http://example.com/sitemap.xml");
    private static final String FROM = "http://example.com/sitemap.xml";
    private static final int MiB = 1024 * 1024;

    private static SitemapDocument parse(byte[] body, int maxUrls, long maxBytes) {
        return SitemapParser.parse(body, SITEMAP, new SitemapLimits(maxUrls, maxBytes, 10, 100, 2));
    }

    private static SitemapDocument parse(byte[] body) {
        return SitemapParser.parse(body, SITEMAP, SitemapLimits.defaults());
    }

    private static SitemapDocument parse(String body) {
        return parse(body.getBytes(UTF_8));
    }

    private static SitemapEntry entry(String url, String lastmod) {
        return new SitemapEntry(url, lastmod, FROM);
    }

    private static SitemapDocument urls(List<SitemapEntry> entries, int skipped, String stopped) {
        return new SitemapDocument(Kind.URLSET, entries, List.of(), skipped, Optional.ofNullable(stopped));
    }

    private static byte[] gzip(byte[]... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (byte[] part : parts) {
                gzip.write(part);
            }
        }
        return bytes.toByteArray();
    }

    /**
     * head, then {@code mebibytes} MiB of {@code filler}, gzipped: one member for the head, then the
     * same 1 MiB member over and over (gzip allows members to follow one another; GZIPInputStream
     * reads them as one stream). About 1 KiB per MiB, and built in no time.
     */
    private static byte[] bomb(String head, byte filler, int mebibytes) throws IOException {
        byte[] chunk = new byte[MiB];
        Arrays.fill(chunk, filler);
        byte[] member = gzip(chunk);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(gzip(head.getBytes(UTF_8)));
        for (int i = 0; i < mebibytes; i++) {
            bytes.write(member);
        }
        return bytes.toByteArray();
    }

    /** Bytes the current thread allocates while parsing. */
    private static long allocatedWhileParsing(byte[] body, long maxBytes) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        parse(body, 50_000, maxBytes); // warm up: class loading and the JIT allocate too
        long before = threads.getCurrentThreadAllocatedBytes();
        parse(body, 50_000, maxBytes);
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void readsUrlsetWithLastmod() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url>
                    <loc>  http://Example.com/a#top  </loc>
                    <lastmod>2005-01-01</lastmod>
                    <changefreq>monthly</changefreq>
                    <priority>0.8</priority>
                  </url>
                  <url><lastmod> 2004-12-23T18:00:15+00:00 </lastmod><loc>https://example.com/b?x=1</loc></url>
                </urlset>
                """;
        assertEquals(urls(List.of(entry("http://example.com/a", "2005-01-01"),
                entry("https://example.com/b?x=1", "2004-12-23T18:00:15+00:00")), 0, null), parse(xml));
    }

    @Test
    void missingOrBlankLastmodIsNull() {
        String xml = "<urlset xmlns='" + NS + "'><url><loc>http://example.com/a</loc></url>"
                + "<url><loc>http://example.com/b</loc><lastmod>  </lastmod></url></urlset>";
        assertEquals(urls(List.of(entry("http://example.com/a", null), entry("http://example.com/b", null)), 0, null),
                parse(xml));
    }

    @Test
    void lastmodIsKeptAsWritten() {
        String xml = "<urlset><url><loc>http://example.com/a</loc><lastmod>last tuesday</lastmod></url></urlset>";
        assertEquals(List.of(entry("http://example.com/a", "last tuesday")), parse(xml).urls());
    }

    @Test
    void readsSitemapIndex() {
        SitemapDocument document = parse(FakeSitemaps.index("http://example.com/a.xml", "http://example.com/b.xml.gz"));
        assertEquals(new SitemapDocument(Kind.INDEX, List.of(),
                List.of(HttpUrl.get("http://example.com/a.xml"), HttpUrl.get("http://example.com/b.xml.gz")), 0,
                Optional.empty()), document);
    }

    @Test
    void matchesElementsWhateverTheirNamespace() {
        List<SitemapEntry> expected = List.of(entry("http://example.com/a", "2020-02-02"));
        String body = "<url><loc>http://example.com/a</loc><lastmod>2020-02-02</lastmod></url>";
        assertEquals(expected, parse("<urlset>" + body + "</urlset>").urls(), "no namespace");
        assertEquals(expected, parse("<urlset xmlns='http://www.google.com/schemas/sitemap/0.84'>" + body + "</urlset>").urls(),
                "an old namespace");
        assertEquals(expected, parse("<sm:urlset xmlns:sm='" + NS + "'><sm:url><sm:loc>http://example.com/a</sm:loc>"
                + "<sm:lastmod>2020-02-02</sm:lastmod></sm:url></sm:urlset>").urls(), "prefixed");
    }

    @Test
    void ignoresExtensionElements() {
        String xml = """
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
                        xmlns:video="http://www.google.com/schemas/sitemap-video/1.1"
                        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
                        xmlns:xhtml="http://www.w3.org/1999/xhtml">
                  <url>
                    <loc>http://example.com/page</loc>
                    <image:image><image:loc>http://example.com/photo.jpg</image:loc></image:image>
                    <video:video><video:content_loc>http://example.com/v.mp4</video:content_loc>
                      <video:player_loc>http://example.com/player</video:player_loc></video:video>
                    <news:news><news:publication><news:name>Times</news:name></news:publication>
                      <news:publication_date>2008-12-23</news:publication_date></news:news>
                    <xhtml:link rel="alternate" hreflang="de" href="http://example.com/de"/>
                  </url>
                </urlset>
                """;
        assertEquals(urls(List.of(entry("http://example.com/page", null)), 0, null), parse(xml));
    }

    @Test
    void joinsLocTextSplitByEntitiesAndCdata() {
        String xml = "<urlset><url><loc>http://example.com/a?x=1&amp;y=2&#38;z=3</loc></url>"
                + "<url><loc><![CDATA[http://example.com/b?x=1&y=2]]></loc></url>"
                + "<url><loc>http://example.com/<!-- note -->c</loc></url></urlset>";
        assertEquals(List.of(entry("http://example.com/a?x=1&y=2&z=3", null), entry("http://example.com/b?x=1&y=2", null),
                entry("http://example.com/c", null)), parse(xml).urls());
    }

    @Test
    void readsXmlAfterByteOrderMarkAndLeadingWhitespace() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] xml = ("\n  \r\n" + urlset("http://example.com/a")).getBytes(UTF_8);
        byte[] body = new byte[bom.length + xml.length];
        System.arraycopy(bom, 0, body, 0, bom.length);
        System.arraycopy(xml, 0, body, bom.length, xml.length);
        assertEquals(urls(List.of(entry("http://example.com/a", null)), 0, null), parse(body));
    }

    @Test
    void readsGzipRecognisedByMagicBytes() throws IOException {
        byte[] body = gzip(urlset("http://example.com/a", "http://example.com/b").getBytes(UTF_8));
        assertEquals(urls(List.of(entry("http://example.com/a", null), entry("http://example.com/b", null)), 0, null),
                parse(body)); // the URL ends in .xml: the bytes decide
    }

    @Test
    void readsGzippedPlainText() throws IOException {
        assertEquals(List.of(entry("http://example.com/a", null)), parse(gzip("http://example.com/a\n".getBytes(UTF_8))).urls());
    }

    @Test
    void stopsGzipBombAtTheCapKeepingTheUrlsBefore() throws IOException {
        // 200 MiB of spaces between two elements: well-formed XML that only the cap stops.
        byte[] bomb = bomb("<urlset><url><loc>http://example.com/a</loc></url><url><loc>http://example.com/b</loc></url>",
                (byte) ' ', 200);
        assertTrue(bomb.length < MiB, "the bomb is smaller than the cap: " + bomb.length);

        assertEquals(urls(List.of(entry("http://example.com/a", null), entry("http://example.com/b", null)), 0,
                "larger than 1048576 bytes uncompressed (max per file)"), parse(bomb, 50_000, MiB));
        long allocated = allocatedWhileParsing(bomb, MiB);
        assertTrue(allocated < 4 * MiB, "inflating streams and stops at the cap; allocated " + allocated);
    }

    @Test
    void stopsZeroBombAtTheCapKeepingTheUrlsBefore() throws IOException {
        // Zeros are not '<', so this one is read as plain text: one line of 200 MiB after two URLs.
        byte[] bomb = bomb("http://example.com/a\nhttp://example.com/b\n", (byte) 0, 200);

        assertEquals(urls(List.of(entry("http://example.com/a", null), entry("http://example.com/b", null)), 0,
                "larger than 1048576 bytes uncompressed (max per file)"), parse(bomb, 50_000, MiB));
        long allocated = allocatedWhileParsing(bomb, MiB);
        assertTrue(allocated < 4 * MiB, "inflating streams and stops at the cap; allocated " + allocated);
    }

    @Test
    void bigTextNodesAreNotHeldWhole() {
        // 8 MiB of text inside one element, read with a 16 MiB cap: only pieces of it are ever held.
        String xml = "<urlset><url><loc>http://example.com/a</loc><note>" + "x".repeat(8 * MiB) + "</note></url></urlset>";
        byte[] body = xml.getBytes(UTF_8);
        assertEquals(urls(List.of(entry("http://example.com/a", null)), 0, null), parse(body, 10, 16 * MiB));
        long allocated = allocatedWhileParsing(body, 16 * MiB);
        assertTrue(allocated < 4 * MiB, "allocated " + allocated);
    }

    @Test
    void readsABodyOfExactlyMaxBytes() {
        byte[] body = urlset("http://example.com/a").getBytes(UTF_8);
        assertEquals(urls(List.of(entry("http://example.com/a", null)), 0, null), parse(body, 10, body.length));
        assertEquals(urls(List.of(entry("http://example.com/a", null)), 0,
                "larger than " + (body.length - 2) + " bytes uncompressed (max per file)"),
                parse(body, 10, body.length - 2), "the cap falls in the closing tag's line end");
    }

    @Test
    void keepsEntriesBeforeBadXml() {
        String whole = urlset("http://example.com/a", "http://example.com/b", "http://example.com/c");
        String truncated = whole.substring(0, whole.indexOf("http://example.com/c") + 10); // as a cut body ends
        SitemapDocument document = parse(truncated);
        assertEquals(List.of(entry("http://example.com/a", null), entry("http://example.com/b", null)), document.urls());
        assertTrue(document.stopped().orElseThrow().startsWith("not XML: line "), document.stopped().orElseThrow());
    }

    @Test
    void keepsEntriesBeforeAGzipStreamCutByTheFetcher() throws IOException {
        String[] locs = new String[2_000];
        for (int i = 0; i < locs.length; i++) {
            locs[i] = "http://example.com/page/" + i * 7919L * 104729L; // digits that do not compress to nothing
        }
        byte[] whole = gzip(urlset(locs).getBytes(UTF_8));
        SitemapDocument document = parse(Arrays.copyOf(whole, whole.length / 2));

        assertTrue(document.urls().size() > 100 && document.urls().size() < locs.length, "kept " + document.urls().size());
        assertEquals(entry("http://example.com/page/0", null), document.urls().getFirst());
        assertTrue(document.stopped().orElseThrow().startsWith("gzip data cut short or corrupt"), document.stopped().orElseThrow());
    }

    @Test
    void doesNotResolveExternalEntities(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "http://secret.example/leak");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<urlset><url><loc>http://example.com/before</loc></url><url><loc>&xxe;</loc></url></urlset>";
        SitemapDocument document = parse(xml);
        assertEquals(List.of(entry("http://example.com/before", null)), document.urls());
        assertTrue(document.stopped().orElseThrow().contains("\"xxe\" was referenced, but not declared"),
                document.stopped().orElseThrow());
    }

    @Test
    void doesNotLoadExternalDtdsOrParameterEntities(@TempDir Path dir) throws IOException {
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY leak \"http://secret.example/dtd\">");
        String viaDoctype = "<!DOCTYPE urlset SYSTEM \"" + dtd.toUri() + "\"><urlset><url><loc>&leak;</loc></url></urlset>";
        String viaParameter = "<!DOCTYPE urlset [<!ENTITY % p SYSTEM \"" + dtd.toUri() + "\"> %p;]>"
                + "<urlset><url><loc>&leak;</loc></url></urlset>";
        for (String xml : List.of(viaDoctype, viaParameter)) {
            SitemapDocument document = parse(xml);
            assertEquals(List.of(), document.urls(), xml);
            assertTrue(document.stopped().orElseThrow().contains("\"leak\" was referenced, but not declared"),
                    document.stopped().orElseThrow());
        }
    }

    @Test
    void doesNotExpandInternalEntities() {
        StringBuilder laughs = new StringBuilder("<!DOCTYPE urlset [<!ENTITY a0 \"http://example.com/lol\">");
        for (int i = 1; i <= 10; i++) {
            laughs.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]><urlset><url><loc>&a10;</loc></url></urlset>");
        SitemapDocument document = parse(laughs.toString());
        assertEquals(List.of(), document.urls());
        assertTrue(document.stopped().orElseThrow().contains("\"a10\" was referenced, but not declared"));
    }

    @Test
    void readsPlainTextSitemap() {
        String text = "\uFEFFhttp://example.com/a\r\n\r\n   https://example.com/b?q=1   \nhttp://example.com/c#frag\rhttp://example.com/d";
        assertEquals(urls(List.of(entry("http://example.com/a", null), entry("https://example.com/b?q=1", null),
                entry("http://example.com/c", null), entry("http://example.com/d", null)), 0, null), parse(text));
    }

    @Test
    void countsInvalidLocsAsSkipped() {
        String xml = "<urlset>"
                + "<url><loc>ftp://example.com/file</loc></url>"
                + "<url><loc>mailto:someone@example.com</loc></url>"
                + "<url><loc>/relative/path</loc></url>"
                + "<url><loc>   </loc></url>"
                + "<url><lastmod>2020-01-01</lastmod></url>"
                + "<url><loc>http://example.com/ok</loc></url>"
                + "<url><loc>javascript:alert(1)</loc></url>"
                + "</urlset>";
        assertEquals(urls(List.of(entry("http://example.com/ok", null)), 6, null), parse(xml));
        assertEquals(urls(List.of(entry("http://example.com/ok", null)), 2, null),
                parse("not a url\nhttp://example.com/ok\nftp://example.com/x\n"), "plain text");
    }

    @Test
    void skipsOverlongLocs() {
        String longLoc = "http://example.com/" + "a".repeat(SitemapDocument.MAX_TEXT_CHARS);
        assertEquals(urls(List.of(entry("http://example.com/ok", null)), 1, null),
                parse(urlset(longLoc, "http://example.com/ok")));
        assertEquals(urls(List.of(entry("http://example.com/ok", null)), 1, null),
                parse(longLoc + "\nhttp://example.com/ok\n"), "plain text");
    }

    @Test
    void stopsAfterMaxUrlsPerFile() {
        byte[] three = urlset("http://example.com/1", "http://example.com/2", "http://example.com/3").getBytes(UTF_8);
        assertEquals(urls(List.of(entry("http://example.com/1", null), entry("http://example.com/2", null)), 0,
                "more than 2 entries (max per file)"), parse(three, 2, MiB));
        byte[] two = urlset("http://example.com/1", "http://example.com/2").getBytes(UTF_8);
        assertEquals(urls(List.of(entry("http://example.com/1", null), entry("http://example.com/2", null)), 0, null),
                parse(two, 2, MiB), "exactly the limit is not over it");
        byte[] index = FakeSitemaps.index("http://example.com/1.xml", "http://example.com/2.xml").getBytes(UTF_8);
        assertEquals(Optional.of("more than 1 entries (max per file)"), parse(index, 1, MiB).stopped(), "index");
    }

    @Test
    void reportsWhatIsNotASitemap() {
        assertEquals(urls(List.of(), 0, "not a sitemap: root element <html>"),
                parse("<!DOCTYPE html><html><head><title>Not found</title></head><body></body></html>"));
        assertEquals(urls(List.of(), 0, "empty"), parse(" \n "));
    }
}
