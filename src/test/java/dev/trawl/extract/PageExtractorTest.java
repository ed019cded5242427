package dev.trawl.extract;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageExtractorTest {
    private static final HttpUrl PAGE = HttpUrl.get("http://example.com/dir/page.html?x=1");
    /**
     * CPU time ({@link CpuBudget}): catches quadratic blow-ups (minutes or hours), not slowness;
     * each hostile case takes well under a second of it.
     */
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private final PageExtractor extractor = new PageExtractor();

    private Extraction extract(String html) {
        return extract(html.getBytes(UTF_8), "text/html; charset=utf-8");
    }

    private Extraction extract(byte[] body, String contentType) {
        return extractor.extract(body, body.length, contentType, PAGE);
    }

    private List<String> links(String html) {
        return extract(html).links();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    // --- links -----------------------------------------------------------------------------

    /** Found by PageExtractorPropertiesTest: the link's host became punycode that does not parse again. */
    @Test
    void dropsALinkWhoseHostCannotBeNormalized() {
        assertEquals(List.of("http://example.com/ok"), links("<a href=\"https:>&eacute\"><a href=\"/ok\">"));
    }

    @Test
    void resolvesRelativeLinksAgainstThePageUrl() {
        List<String> links = links("""
                <a href="./same">1</a> <a href="../up">2</a> <a href="/abs">3</a>
                <a href="?q=2">4</a> <a href="//other.org/p">5</a> <a href="plain">6</a>
                <a href="https://secure.example.com/s">7</a>""");
        assertEquals(List.of(
                "http://example.com/dir/same",
                "http://example.com/up",
                "http://example.com/abs",
                "http://example.com/dir/page.html?q=2",
                "http://other.org/p",
                "http://example.com/dir/plain",
                "https://secure.example.com/s"), links);
    }

    @Test
    void resolvesAgainstAnAbsoluteBaseHref() {
        List<String> links = links("""
                <head><base href="https://cdn.example.net/root/"></head>
                <a href="a">1</a> <a href="/b">2</a> <a href="?c">3</a>""");
        assertEquals(List.of(
                "https://cdn.example.net/root/a",
                "https://cdn.example.net/b",
                "https://cdn.example.net/root/?c"), links);
    }

    @Test
    void resolvesARelativeBaseHrefAgainstThePageUrl() {
        assertEquals(List.of("http://example.com/other/sub/a"),
                links("<base href='../other/sub/'><a href=a>1</a>"));
    }

    @Test
    void firstBaseWithHrefAppliesToEveryLinkEvenThoseBeforeIt() {
        List<String> links = links("""
                <a href="early">1</a>
                <base target="_blank"><base href="http://first.test/x/"><base href="http://second.test/">
                <a href="late">2</a>""");
        assertEquals(List.of("http://first.test/x/early", "http://first.test/x/late"), links);
    }

    @Test
    void baseHrefThatIsNotHttpFallsBackToThePageUrl() {
        assertEquals(List.of("http://example.com/dir/a"), links("<base href='javascript:void(0)'><a href=a>1</a>"));
    }

    @Test
    void svgBaseElementIsNotADocumentBase() {
        assertEquals(List.of("http://example.com/dir/a"),
                links("<svg><base href='http://svg.test/'></base></svg><a href=a>1</a>"));
    }

    @Test
    void dropsLinksThatAreNotHttp() {
        List<String> links = links("""
                <a href="mailto:me@example.com">m</a> <a href="javascript:alert(1)">j</a>
                <a href="tel:+123">t</a> <a href="data:text/html,hi">d</a> <a href="ftp://ftp.example.com/f">f</a>
                <a href="file:///etc/passwd">file</a> <a href="http://">empty host</a> <a href="http://exa mple.com/">space</a>
                <a href="https://kept.example.com/">kept</a>""");
        assertEquals(List.of("https://kept.example.com/"), links);
    }

    @Test
    void removesFragmentsAndDeduplicatesKeepingFirstOccurrence() {
        List<String> links = links("""
                <a href="/b#one">1</a> <a href="/a">2</a> <a href="/b#two">3</a> <a href="/a#">4</a>
                <a href="http://example.com/b">5</a> <a href="#top">6</a> <a href="page.html?x=1#bottom">7</a>""");
        assertEquals(List.of("http://example.com/b", "http://example.com/a", "http://example.com/dir/page.html?x=1"), links);
    }

    @Test
    void emptyOrBlankHrefResolvesToThePageItself() {
        assertEquals(List.of(PAGE.toString()), links("<a href=''>1</a><a href='   '>2</a><a href=\"\n\t\">3</a>"));
    }

    @Test
    void anchorsWithoutHrefAreIgnored() {
        assertEquals(List.of(), links("<a name='x'>1</a><a>2</a><area shape=rect>"));
    }

    @Test
    void includesAreaLinksInDocumentOrderWithAnchors() {
        List<String> links = links("""
                <a href="/1">1</a>
                <map name="m"><area href="/2" shape="rect" coords="0,0,1,1"><area href="/3" nohref></map>
                <a href="/4">4</a>""");
        assertEquals(List.of("http://example.com/1", "http://example.com/2", "http://example.com/3",
                "http://example.com/4"), links);
    }

    @Test
    void keepsDocumentOrderAcrossHeadBodyAndNesting() {
        List<String> links = links("""
                <html><body><div><a href="/z">z</a><p><a href="/y">y</a></p></div>
                <table><tr><td><a href="/x">x</a></td></tr></table><a href="/w">w</a></body></html>""");
        assertEquals(List.of("http://example.com/z", "http://example.com/y", "http://example.com/x",
                "http://example.com/w"), links);
    }

    @Test
    void normalizesUpperCaseSchemeHostAndDefaultPort() {
        assertEquals(List.of("http://www.example.org/Path/To?Q=A", "https://example.org/"),
                links("<a href='HTTP://WWW.Example.ORG:80/Path/./x/../To?Q=A'>1</a><a href='HTTPS://EXAMPLE.ORG:443'>2</a>"));
    }

    @Test
    void internationalHostBecomesPunycode() {
        assertEquals(List.of("https://xn--bcher-kva.example/"), links("<a href='https://bücher.example/'>b</a>"));
    }

    @Test
    void includesNofollowLinks() {
        assertEquals(List.of("http://example.com/ad"), links("<a rel='nofollow sponsored' href='/ad'>ad</a>"));
    }

    @Test
    void decodesEntitiesInHrefs() {
        assertEquals(List.of("http://example.com/s?a=1&b=2"), links("<a href='/s?a=1&amp;b=2'>s</a>"));
    }

    @Test
    void findsLinksInsideSvgAndNoscript() {
        assertEquals(List.of("http://example.com/svg", "http://example.com/noscript"),
                links("<svg><a href='/svg'><text>t</text></a></svg><noscript><a href='/noscript'>n</a></noscript>"));
    }

    // --- title -----------------------------------------------------------------------------

    @Test
    void decodesEntitiesInTitle() {
        assertEquals("Fish & Chips café 中 ©", extract("<title>Fish &amp; Chips caf&eacute; &#x4E2D; &copy</title>").title());
    }

    /*
     * Found by PageExtractorPropertiesTest (shrunk to "<title>&#xD800"): jsoup decodes a surrogate character
     * reference to a lone surrogate, which JSON readers may reject; the HTML standard decodes it to U+FFFD.
     */
    @Test
    void surrogateCharacterReferencesBecomeReplacementCharacters() {
        assertEquals("\ufffd", extract("<title>&#xD800").title());
        assertEquals("a\ufffdb\ufffdc \ud83d\ude00", extract("<title>a&#xD800;b&#xDC00;c &#x1F600;</title>").title());
        Extraction meta = extract("<meta name=description content='x&#xDFFF;'><meta name=robots content='noindex, &#xD800;'>");
        assertEquals("x\ufffd", meta.description());
        assertEquals(List.of("noindex", "\ufffd"), meta.robots().directives());
    }

    @Test
    void collapsesAndTrimsWhiteSpaceInTitle() {
        assertEquals("A B C", extract("<title>\n   A \t\t B\r\n  C   </title>").title());
    }

    @Test
    void noBreakSpaceCollapsesLikeJsoupTextButOtherUnicodeSpacesStay() {
        assertEquals("A B\u3000C", extract("<title>&nbsp;A&nbsp; &nbsp;B\u3000C&#xA0;</title>").title());
    }

    @Test
    void missingTitleIsNull() {
        assertNull(extract("<html><head></head><body><h1>No title</h1></body></html>").title());
        assertNull(extract("").title());
    }

    @Test
    void emptyOrBlankTitleIsEmptyString() {
        assertEquals("", extract("<title></title>").title());
        assertEquals("", extract("<title>  \n </title>").title());
    }

    @Test
    void titleIsTextEvenWhenItLooksLikeMarkup() {
        assertEquals("<b>bold</b> & more", extract("<title><b>bold</b> &amp; more</title>").title());
    }

    @Test
    void firstTitleWins() {
        assertEquals("First", extract("<head><title>First</title><title>Second</title></head>").title());
    }

    @Test
    void headTitleWinsOverSvgTitleInBody() {
        assertEquals("Page", extract("<head><title>Page</title></head><body><svg><title>Icon</title></svg></body>").title());
    }

    @Test
    void svgTitleIsNeverThePageTitle() {
        assertNull(extract("<body><svg><title>Icon</title></svg></body>").title());
        assertEquals("Late", extract("<body><svg><title>Icon</title></svg><title>Late</title></body>").title());
    }

    @Test
    void titleInBodyCountsWhenHeadHasNone() {
        assertEquals("Body title", extract("<html><body><p>x</p><title>Body title</title></body></html>").title());
    }

    @Test
    void unclosedTitleRunsToEndOfDocument() {
        assertEquals("Never closed <a href=/x>x</a>", extract("<title>Never closed <a href=/x>x</a>").title());
    }

    // --- decoding --------------------------------------------------------------------------

    @Test
    void headerCharsetDecodesIso88591Bytes() {
        byte[] body = "<title>Caf\u00e9 cr\u00e8me</title><a href='/\u00e9'>e</a>".getBytes(ISO_8859_1);
        Extraction extraction = extract(body, "text/html; charset=ISO-8859-1");
        assertEquals("Café crème", extraction.title());
        assertEquals(List.of("http://example.com/%C3%A9"), extraction.links());
    }

    @Test
    void iso88591LabelledPageKeepsWindows1252CurlyQuotes() {
        byte[] body = {'<', 't', 'i', 't', 'l', 'e', '>', (byte) 0x93, 'q', (byte) 0x94, '<', '/', 't', 'i', 't', 'l', 'e', '>'};
        assertEquals("\u201cq\u201d", extract(body, "text/html; charset=iso-8859-1").title());
    }

    @Test
    void utf8BomIsStripped() {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "<title>Bom é</title>".getBytes(UTF_8));
        Extraction extraction = extract(body, "text/html");
        assertEquals("Bom é", extraction.title());
    }

    @Test
    void utf8BomBeforeAHeadTitleDoesNotPushItIntoBody() {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "<!DOCTYPE html><html><head><title>T</title></head><body><a href=/a>a</a></body></html>".getBytes(UTF_8));
        Extraction extraction = extract(body, null);
        assertEquals(new Extraction("T", List.of("http://example.com/a")), extraction);
    }

    @Test
    void utf16BomsDecodeInBothByteOrders() {
        String html = "<title>Wide 中文</title><a href='/w'>w</a>";
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, html.getBytes(UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, html.getBytes(UTF_16BE));
        Extraction expected = new Extraction("Wide 中文", List.of("http://example.com/w"));
        assertEquals(expected, extract(le, "text/html"));
        assertEquals(expected, extract(be, "text/html; charset=utf-8"));
    }

    @Test
    void metaCharsetDecodesWhenHeaderHasNone() {
        byte[] body = "<meta charset=\"windows-1251\"><title>Привет</title>".getBytes(Charset.forName("windows-1251"));
        assertEquals("Привет", extract(body, "text/html").title());
    }

    @Test
    void httpEquivContentTypeDecodesWhenHeaderHasNone() {
        byte[] body = "<meta http-equiv='Content-Type' content='text/html; charset=koi8-r'><title>Привет</title>"
                .getBytes(Charset.forName("KOI8-R"));
        assertEquals("Привет", extract(body, null).title());
    }

    @Test
    void bogusHeaderCharsetFallsThroughToMeta() {
        byte[] body = "<meta charset=windows-1251><title>Привет</title>".getBytes(Charset.forName("windows-1251"));
        assertEquals("Привет", extract(body, "text/html; charset=bogus-42").title());
    }

    @Test
    void defaultsToUtf8() {
        assertEquals("Grüße 中文", extract("<title>Grüße 中文</title>".getBytes(UTF_8), "text/html").title());
    }

    @Test
    void chineseTitleSurvivesUtf8AndGb2312() {
        assertEquals("中文标题 — 测试", extract("<title>中文标题 — 测试</title>").title());
        byte[] gbk = "<meta charset=gb2312><title>中文标题</title>".getBytes(Charset.forName("GBK"));
        assertEquals("中文标题", extract(gbk, "text/html").title());
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        byte[] body = concat("<title>a".getBytes(UTF_8), new byte[] {(byte) 0xFF, (byte) 0xC3}, "b</title><a href=/ok>".getBytes(UTF_8));
        Extraction extraction = extract(body, "text/html; charset=utf-8");
        assertEquals("a\uFFFD\uFFFDb", extraction.title());
        assertEquals(List.of("http://example.com/ok"), extraction.links());
    }

    @Test
    void nulBytesDoNotBreakParsing() {
        byte[] body = "<ti\0tle>x</title><title>a\0b</title><a href='/n\0l'>n</a><p>\0\0</p><a href=/after>a</a>"
                .getBytes(UTF_8);
        Extraction extraction = extract(body, "text/html");
        assertEquals("a\uFFFDb", extraction.title());
        assertEquals(List.of("http://example.com/n%EF%BF%BDl", "http://example.com/after"), extraction.links());
    }

    @Test
    void onlyTheFirstLengthBytesAreRead() {
        byte[] body = "<title>Short</title><a href=/in>in</a><a href=/out>out</a>".getBytes(UTF_8);
        int length = "<title>Short</title><a href=/in>in</a>".length();
        assertEquals(new Extraction("Short", List.of("http://example.com/in")), extractor.extract(body, length, null, PAGE));
    }

    @Test
    void lengthOutsideTheBodyIsAProgrammingError() {
        assertThrows(IndexOutOfBoundsException.class, () -> extractor.extract(new byte[4], 5, null, PAGE));
        assertThrows(IndexOutOfBoundsException.class, () -> extractor.extract(new byte[4], -1, null, PAGE));
    }

    @Test
    void xhtmlIsParsedLikeHtml() {
        String xhtml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
                <html xmlns="http://www.w3.org/1999/xhtml"><head><title>X &amp; html</title><base href="/b/" /></head>
                <body><p><a href="one.xhtml">1</a><br/><a href="two.xhtml" /></p></body></html>""";
        String contentType = "application/xhtml+xml; charset=utf-8";
        assertTrue(PageExtractor.isHtml(contentType));
        Extraction extraction = extract(xhtml.getBytes(UTF_8), contentType);
        assertEquals(new Extraction("X & html", List.of("http://example.com/b/one.xhtml", "http://example.com/b/two.xhtml")),
                extraction);
    }

    // --- content types ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "text/html; charset=utf-8", "TEXT/HTML", " Text/Html ;charset=x",
        "application/xhtml+xml", "APPLICATION/XHTML+XML; charset=utf-8"})
    void htmlContentTypesAreParsed(String contentType) {
        assertTrue(PageExtractor.isHtml(contentType));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "text/plain", "application/json", "text/xml", "application/xml", "text/htmlx",
        "text/html-sandboxed", "image/svg+xml", "text", ";text/html"})
    void otherContentTypesAreNotParsed(String contentType) {
        assertFalse(PageExtractor.isHtml(contentType));
    }

    // --- hostile pages and scale -----------------------------------------------------------

    @Test
    void hundredThousandLevelsOfNestingNeitherOverflowNorLoseLinks() {
        int depth = 100_000;
        String html = "<title>Deep</title>" + "<div>".repeat(depth) + "<a href=/deep>d</a>" + "</div>".repeat(depth)
                + "<a href=/after>a</a>";
        Extraction extraction = CpuBudget.within(GENEROUS, () -> extract(html));
        assertEquals(new Extraction("Deep", List.of("http://example.com/deep", "http://example.com/after")), extraction);
    }

    @Test
    void hundredThousandUnclosedFormattingAndInlineElementsDoNotBlowUp() {
        int depth = 100_000;
        for (String open : List.of("<b>", "<span>", "<font size=1>x", "<table><tr><td>", "<li><ul>", "<svg>", "<a href=/n>")) {
            String html = open.repeat(depth) + "<a href=/deep>d</a>";
            Extraction extraction = CpuBudget.within(GENEROUS, () -> extract(html), open);
            assertTrue(extraction.links().contains("http://example.com/deep"), open);
        }
    }

    @Test
    void hundredThousandDistinctLinksAreAllReturnedInOrder() {
        int count = 100_000;
        StringBuilder html = new StringBuilder("<title>Many</title><ul>");
        for (int i = 0; i < count; i++) {
            html.append("<li><a href=\"/p/").append(i).append("#f\">").append(i).append("</a></li>\n");
        }
        Extraction extraction = CpuBudget.within(GENEROUS, () -> extract(html.toString()));
        List<String> expected = IntStream.range(0, count).mapToObj(i -> "http://example.com/p/" + i).toList();
        assertEquals(expected, extraction.links());
    }

    @Test
    void millionCopiesOfOneLinkCollapseToOne() {
        String html = "<a href=/same>x</a>".repeat(1_000_000);
        Extraction extraction = CpuBudget.within(GENEROUS, () -> extract(html));
        assertEquals(List.of("http://example.com/same"), extraction.links());
    }

    @Test
    void oneInstanceGivesTheSameResultsFromManyThreads() throws Exception {
        List<String> pages = IntStream.range(0, 64)
                .mapToObj(i -> "<base href='http://h" + i + ".test/'><title>Page " + i + "</title>"
                        + "<a href='/a" + i + "'>a</a><a href='b#x'>b</a>".repeat(50))
                .toList();
        List<Extraction> expected = pages.stream().map(this::extract).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Extraction>> futures = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (String page : pages) {
                    futures.add(pool.submit(() -> extract(page)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(expected.get(i % pages.size()), futures.get(i).get());
            }
        }
        assertEquals(new Extraction("Page 3", List.of("http://h3.test/a3", "http://h3.test/b")), expected.get(3));
    }

    @Test
    void extractionLinksAreImmutable() {
        List<String> links = extract("<a href=/a>a</a>").links();
        assertThrows(UnsupportedOperationException.class, () -> links.add("http://x/"));
    }
}
