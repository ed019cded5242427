package dev.trawl.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.Fuzzer;
import dev.trawl.Gen;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.UrlStrings;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link PageExtractor}, {@link CharsetDetector} and {@link RobotsTagHeader} for arbitrary
 * bytes and generated HTML-ish pages in many encodings (issue 5): nothing throws, and what comes out
 * keeps the record's contract whatever went in.
 */
class PageExtractorPropertiesTest {
    private static final PageExtractor EXTRACTOR = new PageExtractor();
    private static final HttpUrl DEFAULT_PAGE = HttpUrl.get("http://example.com/dir/page.html?q=1");

    /** Charset labels as headers and meta tags write them, right and wrong. */
    static final Gen<String> LABELS = Gen.oneOf(
            Gen.elements("utf-8", "UTF-8", "utf8", "\"utf-8\"", "'utf-8'", "utf-16", "utf-16le", "UTF-16BE", "utf-32", "iso-8859-1",
                    "latin1", "windows-1252", "us-ascii", "ascii", "shift_jis", "euc-jp", "iso-2022-jp", "gb2312", "gbk", "gb18030",
                    "big5", "euc-kr", "koi8-r", "x-user-defined", "replacement", "tis-620", "x-JISAutoDetect", "cp037", "IBM1047",
                    "UTF-7", "x-UTF-16LE-BOM", "x-UTF-32BE-BOM", "JIS_X0212-1990", "x-mac-roman"),
            Gen.elements("", " ", "\"", "\"\"", "bogus", "=", ";", "utf-8\"", "utf-8; x=y", "-", "_", "a".repeat(300), "utf\u0000-8",
                    "ü", "*", "utf-8,latin1"),
            Gen.elements(Charset.availableCharsets().keySet().toArray(String[]::new)));

    static final Gen<String> CONTENT_TYPES = Gen.oneOf(
            Gen.constant(null),
            Gen.elements("text/html", "TEXT/HTML", "application/xhtml+xml", "text/plain", "", ";", "text/html;", "text/html; charset",
                    "text/html; charset=", "text/html;charset", "charset=utf-8"),
            Gen.concat(Gen.elements("text/html; charset=", "text/html;charset=", "text/html; CHARSET = ", "text/html; a=b; charset=",
                    "text/html; charset=\"", "; charset="), LABELS, Gen.elements("", "", "; charset=latin1", ";", "\"", " ")),
            Gen.anyString(40));

    private static final Gen<String> TAG = Gen.elements("a", "a", "a", "area", "title", "title", "base", "meta", "meta", "link", "link",
            "head", "body", "html", "svg", "math", "script", "style", "textarea", "template", "noscript", "iframe", "table", "tr",
            "td", "p", "div", "form", "select", "option", "frameset", "plaintext", "xmp", "noembed", "object", "A", "TITLE", "foreignObject",
            "desc", "image", "img", "span", "x-y", "a:b");

    private static final Gen<String> ATTRIBUTE_NAME = Gen.elements("href", "href", "href", "rel", "rel", "name", "content", "charset",
            "http-equiv", "src", "HREF", "Rel", "xlink:href", "id", "class", "x", "href\u0000", "/", "=", "\"");

    private static final Gen<String> ATTRIBUTE_VALUE = Gen.oneOf(
            UrlStrings.HREFS, UrlStrings.HREFS,
            Gen.elements("nofollow", "NoFollow", "nofollow ugc", "ugc sponsored", "canonical", "alternate canonical", "CANONICAL",
                    "robots", "ROBOTS", "trawl", "Trawl", "googlebot", "description", "noindex", "noindex, nofollow", "none",
                    "noindex nofollow", "max-snippet: 50", "unavailable_after: Friday, 25-Jun-10 15:00:00 GMT", "trawl: noindex",
                    "content-type", "Content-Type", "text/html; charset=utf-16", "text/html; charset=shift_jis"),
            LABELS,
            Gen.anyString(30));

    private static final Gen<String> ATTRIBUTE = Gen.concat(Gen.elements(" ", " ", "\t", "\n", "/", ""), ATTRIBUTE_NAME,
            Gen.oneOf(Gen.concat(Gen.constant("=\""), ATTRIBUTE_VALUE, Gen.elements("\"", "\"", "")),
                    Gen.concat(Gen.constant("='"), ATTRIBUTE_VALUE, Gen.constant("'")),
                    Gen.concat(Gen.constant("="), ATTRIBUTE_VALUE),
                    Gen.constant("")));

    private static final Gen<String> TEXT = Gen.oneOf(
            Gen.elements("Hello", "world", " ", "  \t\n ", "\r\n", "\f", "\u00a0", "\u2003", "\u3000", "\u000b", "\u0000", "\ufeff",
                    "\ufffd", "😀", "日本語", "é", "e\u0301", "\ud800", "&amp;", "&lt;", "&gt;", "&nbsp;", "&#0;", "&#x110000;",
                    "&#xD800;", "&#65;", "&#x41", "&eacute;", "&eacute", "&notin;", "&notit;", "&;", "&#;", "&#x;", "&#9999999999;",
                    "&#128512;", "&NotANamedEntity;", "<", ">", "&", "\"", "'", "]]>", "--", "<!", "</", "<>"),
            Gen.anyString(20));

    private static final Gen<String> LINK = Gen.concat(Gen.elements("<a href=\"", "<a href=\"", "<A HREF='", "<area href=\"",
            "<a rel=nofollow href=\"", "<a rel=\"ugc NOFOLLOW\" href=\"", "<link rel=canonical href=\""),
            UrlStrings.HREFS, Gen.elements("\">", "\">", "'>", "\" rel=nofollow>", "\" rel=\"sponsored\">"), TEXT,
            Gen.elements("</a>", "</a>", "", "</area>"));

    private static final Gen<String> META = Gen.concat(Gen.elements("<meta name=\"robots\" content=\"", "<meta name=ROBOTS content='",
            "<meta name=\"trawl\" content=\"", "<meta name=\"description\" content=\"", "<meta name=googlebot content=\""),
            ATTRIBUTE_VALUE, Gen.elements("\">", "'>", "\"/>", ""));

    private static final Gen<String> TOKEN = Gen.oneOf(LINK, LINK, LINK, META,
            Gen.concat(Gen.constant("<"), TAG, Gen.repeat(ATTRIBUTE, 4, ""), Gen.elements(">", ">", ">", "/>", " >", "", "\u0000>")),
            Gen.concat(Gen.constant("</"), TAG, Gen.elements(">", ">", " x>", "")),
            TEXT, TEXT,
            Gen.elements("<!-- c -->", "<!--", "-->", "<!DOCTYPE html>", "<!doctype>", "<?xml version=\"1.0\"?>", "<![CDATA[x]]>",
                    "<!-->", "<!--->", "<meta charset=\"utf-16\">", "<meta charset=x-user-defined>", "<meta charset=shift_jis>",
                    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-2022-jp\">",
                    "<title>" + "long title ".repeat(120) + "</title>", "<title>\n\t  spaced   out\u00a0 </title>",
                    "<base href=\"https://other.example/base/\">", "<base href=\"javascript:x\">", "<a href=\"#top\">",
                    "<a href=\"/x#y\">", "<a href='//h.example'>", "<link rel=canonical href=\"/canon#f\">"));

    /** Pages as a body in some encoding, a Content-Type and the URL the page came from. */
    record Page(byte[] body, int length, String contentType, String url) {
    }

    private static final Gen<String> HTML = Gen.repeat(TOKEN, 60, "");

    private static final Gen<byte[]> ANY_BYTES = Gen.anyBytes(3000);

    /** Arbitrary bytes with any Content-Type. */
    static final Gen<Page> ANY_PAGES = pages(ANY_BYTES, random -> CONTENT_TYPES.next(random));

    /**
     * Generated HTML, half of it encoded as labelled (by BOM, Content-Type or neither for UTF-8) so that its
     * markup survives decoding, half as servers get it wrong: odd charsets, wrong BOMs, stray bytes.
     */
    static final Gen<Page> HTML_PAGES = pages(Gen.bytes(random -> {
        String html = HTML.next(random);
        if (random.nextBoolean()) {
            return html.getBytes(StandardCharsets.UTF_8);
        }
        return messedUp(html, random);
    }), random -> random.nextBoolean() ? Gen.elements(null, "text/html", "text/html; charset=utf-8").next(random) : CONTENT_TYPES.next(random));

    private static byte[] messedUp(String html, RandomGenerator random) {
        Charset charset = Gen.elements(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                StandardCharsets.ISO_8859_1, Charset.forName("windows-1252"), Charset.forName("Shift_JIS"), Charset.forName("UTF-32"))
                .next(random);
        byte[] bytes = html.getBytes(charset);
        byte[] bom = switch (random.nextInt(6)) {
            case 0 -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            case 1 -> new byte[] {(byte) 0xFF, (byte) 0xFE};
            case 2 -> new byte[] {(byte) 0xFE, (byte) 0xFF};
            default -> new byte[0];
        };
        byte[] out = new byte[bom.length + bytes.length];
        System.arraycopy(bom, 0, out, 0, bom.length);
        System.arraycopy(bytes, 0, out, bom.length, bytes.length);
        for (int i = random.nextInt(3); i > 0 && out.length > 0; i--) {
            out[random.nextInt(out.length)] = (byte) Gen.elements(0xFF, 0xC3, 0xED, 0xA0, 0x80, 0xC0, 0xAF, 0x00, 0xFE).next(random).intValue();
        }
        return out;
    }

    static Gen<Page> pages(Gen<byte[]> bodies, Gen<String> contentTypes) {
        return new Gen<>() {
            @Override
            public Page next(RandomGenerator random) {
                byte[] body = bodies.next(random);
                int length = random.nextInt(8) == 0 ? random.nextInt(body.length + 1) : body.length;
                String url = random.nextInt(4) == 0 ? DEFAULT_PAGE.toString() : UrlStrings.URLS.next(random);
                return new Page(body, length, contentTypes.next(random), url);
            }

            @Override
            public Stream<Page> shrinks(Page page) {
                return Stream.of(
                        Stream.of(new Page(page.body(), page.body().length, page.contentType(), page.url())),
                        bodies.shrinks(page.body()).map(b -> new Page(b, Math.min(page.length(), b.length), page.contentType(), page.url())),
                        Stream.of(new Page(page.body(), page.length(), null, page.url())),
                        Stream.of(new Page(page.body(), page.length(), page.contentType(), DEFAULT_PAGE.toString())))
                        .flatMap(s -> s)
                        .filter(smaller -> smaller.body() != page.body() || smaller.length() != page.length()
                                || !Objects.equals(smaller.contentType(), page.contentType()) || !smaller.url().equals(page.url()));
            }

            @Override
            public String show(Page page) {
                return "body " + bodies.show(page.body()) + ", length " + page.length() + ", contentType "
                        + Gen.literal(page.contentType()) + ", url " + Gen.literal(page.url());
            }
        };
    }

    @Test
    void extractNeverThrowsOnArbitraryBytes() {
        Fuzzer.forAll(1000, ANY_PAGES, PageExtractorPropertiesTest::checkExtraction);
    }

    @Test
    void extractKeepsTheRecordsContractForGeneratedPages() {
        Fuzzer.forAll(1000, HTML_PAGES, PageExtractorPropertiesTest::checkExtraction);
    }

    private static void checkExtraction(Page page) {
        HttpUrl pageUrl = UrlNormalizer.parse(page.url()).orElse(DEFAULT_PAGE);
        Extraction extraction = EXTRACTOR.extract(page.body(), page.length(), page.contentType(), pageUrl);
        assertCollapsed(extraction.title(), PageExtractor.MAX_TITLE_LENGTH);
        assertCollapsed(extraction.description(), PageExtractor.MAX_DESCRIPTION_LENGTH);
        for (String link : extraction.links()) {
            assertNormalizedUrl(link);
        }
        assertEquals(extraction.links().size(), new HashSet<>(extraction.links()).size(), () -> "duplicates in " + extraction.links());
        assertTrue(extraction.links().containsAll(extraction.nofollowLinks()));
        if (extraction.canonical() != null) {
            assertNormalizedUrl(extraction.canonical());
        }
        assertNotNull(extraction.robots());
        extraction.robots().directives().forEach(PageExtractorPropertiesTest::assertDirective);
    }

    /** Null, or white space collapsed (HTML's white space and the no-break space) and trimmed, within the cap. */
    private static void assertCollapsed(String text, int max) {
        if (text == null) {
            return;
        }
        assertTrue(text.length() <= max, () -> text.length() + " chars");
        if (!text.isEmpty()) {
            assertFalse(isSpace(text.charAt(0)) || isSpace(text.charAt(text.length() - 1)), () -> "untrimmed: [" + text + "]");
        }
        assertWellFormed(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int at = i;
            assertFalse(c != ' ' && isSpace(c), () -> "white space U+" + Integer.toHexString(c) + " at " + at + " in [" + text + "]");
            assertFalse(c == ' ' && i > 0 && text.charAt(i - 1) == ' ', () -> "two spaces at " + at + " in [" + text + "]");
        }
    }

    /** No half of a surrogate pair without the other: JSON readers may reject one. */
    private static void assertWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int at = i;
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)), () -> "lone surrogate at " + at);
                i++;
            } else {
                assertFalse(Character.isLowSurrogate(c), () -> "lone surrogate at " + at);
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\u00a0';
    }

    private static void assertNormalizedUrl(String link) {
        Optional<HttpUrl> parsed = UrlNormalizer.parse(link);
        assertTrue(parsed.isPresent(), () -> "not a URL: " + link);
        assertTrue(link.startsWith("http://") || link.startsWith("https://"), link);
        assertEquals(-1, link.indexOf('#'), link);
        assertEquals(link, UrlNormalizer.key(parsed.get()), "not normalized");
    }

    private static void assertDirective(String directive) {
        assertFalse(directive.isEmpty());
        assertWellFormed(directive);
        assertEquals(directive.strip(), directive);
        assertFalse(directive.contains("  "), directive);
        assertEquals(directive.toLowerCase(Locale.ROOT), directive);
    }

    @Test
    void charsetDetectionNeverThrows() {
        Fuzzer.Property<Page> detects = page -> {
            int length = page.length() - 4 + page.body().length % 9; // sometimes negative or past the end
            Charset charset = CharsetDetector.detect(page.contentType(), page.body(), length);
            assertNotNull(charset);
            assertNotNull(new String(page.body(), 0, Math.clamp(length, 0, page.body().length), charset));
            assertNotNull(CharsetDetector.detect(page.contentType(), null, length));
        };
        Fuzzer.forAll(500, ANY_PAGES, detects);
        Fuzzer.forAll(500, HTML_PAGES, detects);
    }

    @Test
    void robotsTagHeaderParsingNeverThrows() {
        Gen<String> value = Gen.oneOf(ATTRIBUTE_VALUE, Gen.repeat(ATTRIBUTE_VALUE, 4, ", "),
                Gen.concat(Gen.elements("trawl:", "Trawl :", "googlebot:", "bot2:", ":", "max-snippet:", "unavailable_after:"), ATTRIBUTE_VALUE),
                Gen.anyString(50));
        Gen<List<String>> gen = Gen.lists(Gen.strings(random -> random.nextInt(10) == 0 ? null : value.next(random)), 0, 4);
        Fuzzer.forAll(1000, Gen.lists(gen, 2, 2), lists -> {
            List<String> values = lists.get(0);
            String token = lists.get(1).stream().filter(t -> t != null && !t.isBlank()).findFirst().orElse("trawl");
            RobotsDirectives directives = RobotsTagHeader.parse(values, token);
            directives.directives().forEach(PageExtractorPropertiesTest::assertDirective);
            RobotsTagHeader.parse(values, "trawl").directives().forEach(PageExtractorPropertiesTest::assertDirective);
        });
    }
}
