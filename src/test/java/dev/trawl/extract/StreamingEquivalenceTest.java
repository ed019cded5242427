package dev.trawl.extract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trawl.Fuzzer;
import dev.trawl.Gen;
import dev.trawl.url.UrlNormalizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming {@link PageExtractor} against {@link LegacyPageExtractor}, which parses the whole page
 * into one DOM and walks it: every field must be equal, links and nofollow links in the same order.
 * No difference is allowed. They could part where the tree changes behind the stream: an element
 * completes after what it holds, foster parenting puts content in front of a table whose contents were
 * read, the adoption agency closes an element before one inside it, a {@code <frameset>} drops the
 * body, and {@code </body>} marks an end that more content follows. Fragments are compared too (the
 * page's ids and {@code <a name>}s, its links with a fragment in order): each path is asked for them,
 * and the crawl's default extractor, not asked, must give the same rest and none.
 */
class StreamingEquivalenceTest {
    private static final HttpUrl PAGE = HttpUrl.get("http://example.com/dir/page.html?x=1");
    private static final String HTML_UTF8 = "text/html; charset=utf-8";
    /** Every body streamed, however small. */
    private static final PageExtractor STREAMING = new PageExtractor(0, false, true);
    /** Every body parsed whole, with the scan the streaming path uses. */
    private static final PageExtractor WHOLE = new PageExtractor(PageExtractor.STREAM_ABOVE, false, true);
    /** As in a crawl: the pages here are small, so scanned without a tree, parsed whole where the scan cannot settle. */
    private static final PageExtractor SCANNED = new PageExtractor(true);
    /** As in a crawl without {@code --check-fragments}. */
    private static final PageExtractor SCANNED_WITHOUT_FRAGMENTS = new PageExtractor();
    private static final LegacyPageExtractor LEGACY = new LegacyPageExtractor(true);

    static void assertEquivalent(String html) {
        byte[] body = html.getBytes(UTF_8);
        assertEquivalent(body, body.length, HTML_UTF8, PAGE, "trawl");
    }

    private static void assertEquivalent(byte[] body, int length, String contentType, HttpUrl url, String token) {
        Extraction expected = LEGACY.extract(body, length, contentType, url, token);
        Supplier<String> page = () -> "page " + Gen.literal(cut(new String(body, 0, length, UTF_8)));
        assertSameExtraction(expected, STREAMING.extract(body, length, contentType, url, token), () -> "streamed: " + page.get());
        assertSameExtraction(expected, WHOLE.extract(body, length, contentType, url, token), () -> "whole: " + page.get());
        assertSameExtraction(expected, SCANNED.extract(body, length, contentType, url, token), () -> "scanned: " + page.get());
        Extraction without = SCANNED_WITHOUT_FRAGMENTS.extract(body, length, contentType, url, token);
        assertNull(without.fragments(), page);
        assertSameExtraction(expected, new Extraction(without.title(), without.links(), without.nofollowLinks(),
                without.robots(), without.canonical(), without.description(), expected.fragments()),
                () -> "scanned without fragments: " + page.get());
    }

    static void assertSameExtraction(Extraction expected, Extraction actual, Supplier<String> page) {
        assertEquals(expected.fragments() == null, actual.fragments() == null, page);
        if (expected.fragments() != null) {
            assertEquals(expected.fragments().targets().size(), actual.fragments().targets().size(), page);
            assertEquals(expected.fragments().targets(), actual.fragments().targets(), page);
            assertSameList(expected.fragments().links(), actual.fragments().links(), "fragment links", page);
        }
        assertEquals(expected.title(), actual.title(), page);
        assertSameList(expected.links(), actual.links(), "links", page);
        // Extraction's equals compares this as a set; its order is part of the contract too.
        assertSameList(List.copyOf(expected.nofollowLinks()), List.copyOf(actual.nofollowLinks()), "nofollow", page);
        assertEquals(expected.robots(), actual.robots(), page);
        assertEquals(expected.canonical(), actual.canonical(), page);
        assertEquals(expected.description(), actual.description(), page);
    }

    /** Equal lists, or a failure that shows where they part rather than all of both. */
    private static void assertSameList(List<String> expected, List<String> actual, String what, Supplier<String> page) {
        if (expected.equals(actual)) {
            return;
        }
        int at = 0;
        while (at < expected.size() && at < actual.size() && expected.get(at).equals(actual.get(at))) {
            at++;
        }
        fail(what + " differ from index " + at + " (of " + expected.size() + " expected, " + actual.size() + " actual): expected "
                + window(expected, at) + " but was " + window(actual, at) + "; " + page.get());
    }

    private static List<String> window(List<String> list, int at) {
        return list.subList(Math.min(at, list.size()), Math.min(at + 5, list.size()));
    }

    private static String cut(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "... (" + text.length() + " chars)";
    }

    // --- (a) the pages of the other extract tests and the sample site ------------------------------

    /**
     * Every string literal and text block holding markup in the other extract tests' sources, each
     * taken as a page: a snippet built by concatenation comes in pieces, which are pages too.
     */
    @Test
    void everySnippetOfTheOtherExtractTests() throws IOException {
        List<String> snippets = new ArrayList<>();
        try (Stream<Path> sources = Files.list(Path.of("src/test/java/dev/trawl/extract"))) {
            for (Path source : sources.sorted().toList()) {
                String name = source.getFileName().toString();
                if (name.endsWith("Test.java") && !name.equals(getClass().getSimpleName() + ".java")) {
                    JavaLiterals.of(Files.readString(source)).stream().filter(s -> s.indexOf('<') >= 0).forEach(snippets::add);
                }
            }
        }
        assertTrue(snippets.size() > 200, () -> snippets.size() + " snippets: has the source layout changed?");
        assertAll(snippets.stream().map(snippet -> (Executable) () -> {
            byte[] body = snippet.getBytes(UTF_8);
            assertEquivalent(body, body.length, HTML_UTF8, PAGE, "trawl");
            // Without a charset the meta prescan decides, and decoding differs: the legacy decoded a String.
            assertEquivalent(body, body.length, null, PAGE, "trawl");
        }));
    }

    @Test
    void everyPageOfTheSampleSite() throws IOException {
        List<Path> pages;
        try (Stream<Path> files = Files.walk(Path.of("samples/site"))) {
            pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        assertTrue(pages.size() >= 5, pages::toString);
        assertAll(pages.stream().map(page -> (Executable) () -> {
            byte[] body = Files.readAllBytes(page);
            assertEquivalent(body, body.length, "text/html", HttpUrl.get("https://lantern.example/" + page), "trawl");
        }));
    }

    // --- (b) hand-written cases where a stream could go wrong --------------------------------------

    /** Shrunk from generated pages on which a version of the streaming scan went wrong. */
    @ParameterizedTest
    @ValueSource(strings = {
        // Foster parenting put a later <base> first, so every link resolved against the wrong base.
        "<table><th><base href='http://b3.test/'><colgroup><base href='http://b10.test/'><a href=/7>",
        "<table><base href='http://b6.test/'><noscript><base href='http://b5.test/'><area href=/3>",
        "<table><link rel=canonical href=m><td><link rel=canonical href=e>",
        "<table><td><area href><tbody><a href=0>",
        // A <frameset> drops the body with the links already read from it.
        "<a href=/3><a href=/8><frameset>",
        "<a href=/x></a><a href=/y><base href='http://b.test/'><meta name=description content=d><link rel=canonical href=/c>"
                + "<frameset>",
        // The adoption agency closes an element before a table inside it, which the parser goes on filling.
        "<a href><n><table><a href=w>",
        "<a href=o><n><table><a href=w><tr><td><a href=/x>",
        "<a href=o><object><a><a href>",
        // </body> and </html> mark the end of elements that still take content.
        "</body><a href>",
        "</body><title>",
        "</html><a href=/x><title>t</title>",
        // Foster-parented and closed in front of a table still open: the walk must go on into the table.
        "<table><b></b><tr><td><a href=/x>",
    })
    void foundByFuzzing(String html) {
        assertEquivalent(html);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // Foster parenting: content misplaced in a table goes in front of it, after the table's
        // earlier contents were complete.
        "<table><a href=/fostered>x</a><tr><td><a href=/cell>y</a></td></tr></table>",
        "<table><tr><td><a href=/cell>1</a></td></tr><a href=/fostered>2</a></table><a href=/after>",
        "<p><a href=/before></p><table><tr><td><a href=/1></td></tr><a href=/2><tr><td><a href=/3></td></tr><a href=/4></table>",
        "<table><tr><td><a href=/1></td></tr><a href=/f1><a href=/f2><a href=/f3></table>",
        "<table><tr><td><a href=/1 rel=nofollow></td></tr><a href=/1></table><a href=/2 rel=nofollow>",
        "<table><tr><td><title>in cell</title></td></tr><title>fostered</title></table>",
        "<table><tr><td><base href='http://cell.test/'></td></tr><base href='http://fostered.test/'></table><a href=x>",
        "<table><tr><td><meta name=description content=cell></td></tr><meta name=description content=fostered></table>",
        "<table><tr><td><meta name=robots content='noindex, max-snippet:1'></td></tr>"
                + "<meta name=robots content='max-snippet:2, nofollow'></table>",
        "<body><table><tr><td><link rel=canonical href=/cell></td></tr><link rel=canonical href=/fostered></table>",
        "<table><tr><td><table><tr><td><a href=/inner></td></tr><a href=/inner-fostered></table><a href=/cell-after>"
                + "</td></tr><a href=/outer-fostered></table>",
        "<table><tr><td><a href=/1></td></tr><div><a href=/f1><table><tr><td><a href=/2></td></tr><a href=/f2></table>"
                + "<a href=/f3></div></table>",
        "<table><b><a href=/1></b><tr><td>x<a href=/2></td></tr></table>text<a href=/3>",
        "<table><a href=/1><tr><td>x</td></tr></table>reconstructed",
        "<table><caption><a href=/cap></caption><colgroup><col><a href=/col><tbody><a href=/tb><tr><a href=/tr><td><a href=/td>",
        "<table><form><a href=/form></form><tr><td><a href=/td></table>",
        "<table><select><option><a href=/opt></select><tr><td><a href=/td></table>",
        "<table><tr><td><svg><a href=/svg></a><table><tr><td><a href=/in-svg-table></table></svg><a href=/after></table>",
        "<table><template><a href=/t1></template><tr><td><template><a href=/t2></template></table>",
        // Links in links: a parent completes after its children.
        "<a href=/outer><table><tr><td><a href=/inner>i</a></td></tr></table></a><a href=/after>",
        "<a href=/outer rel=nofollow><table><tr><td><a href=/outer>i</a></td></tr></table></a>",
        "<a href=/a><area href=/area></a><map><area href=/m1><area href=/m2 rel=nofollow></map>",
        "<a href=/a1><area href=/x1><area href=/x2></a><a href=/a2><area href=/x3></a>",
        "<a href=/a><b><area href=/inb></b><div><area href=/indiv></div></a>",
        "<a href=/1><div><a href=/2>x</a></div></a>",
        "<a href=/1><p><b>x<a href=/2>y</a></b></p>",
        "<a href=/1>1<a href=/2>2<div><a href=/3>3<table><tr><td><a href=/4><area href=/5></td></tr></table>",
        "<a href=/outer><object><a href=/in-object></object><marquee><a href=/in-marquee></marquee></a>",
        "<a href=/o><svg><a href=/svg><math><mi><a href=/mi></mi></math></a></svg></a>",
        "<a href=/o1><table><tr><td><a href=/o2><table><tr><td><a href=/i></td></tr></table></td></tr></table>",
        // Templates, foreign content, noscript.
        "<template><a href=/t>t</a><title>In template</title><base href='http://t.test/'></template><a href=/after>",
        "<head><template><link rel=canonical href=/tc><meta name=robots content=noindex></template></head><a href=a>",
        "<svg><a href=/svg-a><title>svg title</title></a></svg><title>Real</title>",
        "<body><svg><title>S</title></svg><math><mi><title>M</title></mi></math><title>T</title>",
        "<svg><foreignObject><a href=/fo><title>fo</title><p><a href=/fo2></foreignObject><a href=/svg></svg>",
        "<svg><desc><a href=/desc></desc><base href='http://svg.test/'><link rel=canonical href=/svgc></svg><a href=x>",
        "<math><mtext><a href=/mt></mtext><annotation-xml encoding=text/html><a href=/ax></annotation-xml></math>",
        "<svg><a href=/1><p><a href=/breakout></svg>",
        "<head><noscript><link rel=canonical href=/ns><meta name=robots content=noindex></noscript></head>",
        "<body><noscript><a href=/ns></noscript><noframes><a href=/nf></noframes><noembed><a href=/ne></noembed>",
        // Head, body and what falls between or after them.
        "<head><base href='http://1.test/'></head><head><base href='http://2.test/'></head><a href=x>",
        "<base href='http://first.test/'><base href='http://second.test/'><a href=a>",
        "<base href><base href='http://real.test/'><a href=a>",
        "<head><title>T</title></head><link rel=canonical href=/between><meta name=robots content=noindex>"
                + "<title>late</title><base href='http://between.test/'><body><a href=x>",
        "<head></head><link rel=canonical href=/between><body><link rel=canonical href=/body>",
        "<body><link rel=canonical href=/body-only>",
        "<html><head><link rel=canonical href=/h></head><body><link rel=canonical href=/b></body></html>",
        "<body><link rel=canonical href=/b></body><head><link rel=canonical href=/late-head>",
        "<html><head><style>a{}</style><script>x</script><link rel=canonical href=/h></head></html>",
        "<html><body></body></html><a href=/after-html><title>after</title><!-- c --><link rel=canonical href=/late>",
        "<frameset><frame src=x><noframes><a href=/nf></noframes></frameset><a href=/after>",
        "<title>one</title><title>two</title>",
        "<title>  spaced \n out &amp; &lt;a href=/not-a-link&gt; </title>",
        "<title>unclosed <a href=/in-title>",
        "<textarea><a href=/no></textarea><script><a href=/no></script><style><a href=/no></style><xmp><a href=/no></xmp>",
        "<plaintext><a href=/no>",
        // Comments, doctype, processing instructions, unclosed tags.
        "<!-- <a href=/no> --><a href=/yes><!-- c --></a><!--><a href=/after-empty-comment>",
        "<!-- before --><!doctype html><!-- after doctype --><html><!-- in html --><a href=/x></html><!-- after -->",
        "<?xml version='1.0'?><a href=/pi><![CDATA[<a href=/cdata>]]>",
        "<a href=/1>1<a href=/2>2<div><a href=/3>",
        "<p><a href=/x",
        "<a href='/unterminated>",
        "<table><tr><td><a href=/y>",
        "<div><span><a href=/a><li><a href=/b><dd><a href=/c><h1><a href=/d><h2><a href=/e></div>",
        "<b><i><u><a href=/1></b>x</i>y</u>z<a href=/2>",
        "<p><b><p><b><p><b><a href=/deep-reconstructed>",
        "",
        " ",
        "<a>",
        "<a href>",
        "<a href=''><a href='#'><a href='#top'><a href=' /spaced '>",
        // Fragments: where the tree builder drops or merges a tag, its id is not the page's.
        "<html id=h1><html id=h2 lang=x><head id=e1><head id=e2></head><body id=b1><body id=b2 class=x>",
        "<p>text<html id=late><body id=late-body><head id=dropped>",
        "<form id=f1><form id=f2></form><form id=f3><form id=f4>",
        "<td id=x><tr id=y><frame id=z><caption id=c><col id=k><tbody id=t>",
        "<table id=t><caption id=c></caption><col id=k><tr id=r><td id=d><a name=n><form id=f></td></tr></table>",
        "<noscript><html id=n1><td id=n2><form id=n3><head id=n4></noscript><form id=n5><td id=n6>",
        "<form id=f1><noscript><form id=n1></form></noscript><form id=f2>",
        "<ruby><rt id=r1><rp id=r2></ruby><rt id=r3><rp id=r4>",
        "<p id=1><p id=1><div id=''><a name=''><a id=a name=b><area name=not-a-target><span name=nor-this>",
        "<svg id=s><a name=svg-a id=svg-id></a></svg><math id=m></math>",
        "<a href=#top><a href='#a b'><a href='#%C3%A9'><a href='/x#y\t'><a href=/x#y><a href=http://other.test/#z>",
        "<a href='#\n'><a href='# '><a href='mailto:x#y'><a href='/p#a#b'><base href='http://b.test/d/'><a href=#rel>",
    })
    void trickyPages(String html) {
        assertEquivalent(html);
    }

    @Test
    void tenThousandLinks() {
        StringBuilder flat = new StringBuilder("<title>Many</title>");
        StringBuilder table = new StringBuilder("<table>");
        StringBuilder nested = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            flat.append("<a href=/p/").append(i).append(i % 7 == 0 ? " rel=nofollow>" : ">").append(i).append("</a>\n");
            table.append("<tr><td><a href=/c/").append(i).append(">c</a></td></tr><a href=/f/").append(i).append('>');
            nested.append("<a href=/n/").append(i).append("><area href=/a/").append(i % 100).append("><div>");
        }
        assertEquivalent(flat.toString());
        assertEquivalent(table.toString());
        assertEquivalent(nested.toString());
        assertEquivalent("<table><tr><td>" + flat + "</td></tr>" + flat + "</table>");
    }

    @Test
    void fosteringAtEveryLevelOfNestedTables() {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int level = 0; level < 600; level++) {
            open.append("<table><a href=/f").append(level).append("><tr><td><a href=/c").append(level).append('>')
                    .append("<meta name=robots content=r").append(level % 7).append('>');
            close.insert(0, "</td></tr><a href=/g" + level + "><title>t" + level + "</title></table>");
        }
        assertEquivalent(open + "<a href=/deep>" + close);
        assertEquivalent("<table><tr><td><a href=/c>".repeat(20) + "<a href=/deep>" + "</td></tr><a href=/f>".repeat(20));
    }

    /**
     * Pages longer than the whole-tree limit: scanned first like small ones, and streamed when the
     * scan leaves them to jsoup (foreign content, a table's misplaced content, deep tables).
     */
    @Test
    void pagesAboveTheWholeTreeLimitScannedOrStreamed() {
        String filler = "<p>filler <a href=/f>f</a> <b>text</b></p>\n".repeat(PageExtractor.STREAM_ABOVE / 40 + 1);
        for (String markup : List.of("", "<svg><title>tip</title><a href=/svg></svg>", "<table><a href=/fostered><tr><td>",
                "<script><!-- <a href=/no> --></script>", "<table><tr><td>".repeat(MarkupScan.MAX_TABLE_DEPTH + 1))) {
            assertEquivalent("<title>Big</title><base href=/b/>" + filler + markup + "<a href=/last rel=nofollow>"
                    + "<link rel=canonical href=/canon>" + filler + "<a href=/end>");
        }
    }

    @Test
    void deepNesting() {
        int depth = 100_000;
        for (String open : List.of("<div>", "<b>", "<svg>", "<li><ul>", "<div><a href=/d>", "<table><tr><td><a href=/t>",
                "<a href=/a><table><tr><td>", "<table><a href=/f>")) {
            assertEquivalent("<title>Deep</title>" + open.repeat(depth) + "<a href=/deep>d</a>" + "</div>".repeat(depth)
                    + "<a href=/after>a</a>");
        }
    }

    // --- (c) generated pages -----------------------------------------------------------------------

    @Test
    void arbitraryBytes() {
        Fuzzer.forAll(500, PageExtractorPropertiesTest.ANY_PAGES, StreamingEquivalenceTest::checkPage);
    }

    /** The extractor property test's pages: markup soup in many encodings. */
    @Test
    void generatedHtmlInManyEncodings() {
        Fuzzer.forAll(1000, PageExtractorPropertiesTest.HTML_PAGES, StreamingEquivalenceTest::checkPage);
    }

    /** Tag soup weighted towards what reorders a tree: tables, links in links, foreign content, head and body. */
    @Test
    void generatedTagSoup() {
        Fuzzer.forAll(1000, TAG_SOUP, StreamingEquivalenceTest::assertEquivalent);
    }

    private static void checkPage(PageExtractorPropertiesTest.Page page) {
        HttpUrl url = UrlNormalizer.parse(page.url()).orElse(PAGE);
        assertEquivalent(page.body(), page.length(), page.contentType(), url, "trawl");
    }

    private static final Gen<String> TAG_SOUP = tagSoup();

    private static Gen<String> tagSoup() {
        Gen<String> number = random -> Integer.toString(random.nextInt(12));
        Gen<String> fragment = Gen.oneOf(Gen.constant(""), Gen.constant(""), Gen.concat(Gen.elements("#f", "#F", "#", "#%66"), number));
        Gen<String> link = Gen.oneOf(
                Gen.concat(Gen.elements("<a href=/", "<a href=/", "<a href=/", "<area href=/", "<a rel=nofollow href=/",
                        "<area rel=nofollow href=/"), number, fragment, Gen.elements(">", ">", "/>", " rel=nofollow>")),
                Gen.concat(Gen.constant("<a href=#f"), number, Gen.elements(">", " name=f2>")));
        // Where a fragment can point, on the tags the tree builder drops, merges or moves.
        Gen<String> target = Gen.concat(Gen.elements("<div id=f", "<span id=f", "<a name=f", "<a id=f", "<html id=f",
                "<body id=f", "<head id=f", "<form id=f", "<td id=f", "<tr id=f", "<table id=f", "<caption id=f",
                "<col id=f", "<frame id=f", "<rt id=f", "<rp id=f", "<ruby id=f", "<title id=f", "<script id=f", "<p id=f",
                "<li id=f", "<svg id=f", "<b id=f", "<select id=f", "<option id=f", "<textarea id=f", "<input id=f",
                "<html lang=x id=f", "<body class=x id=f", "<a id='' name=f", "<meta id=f", "<frameset id=f"),
                number, Gen.elements(">", ">", " id=g>", "/>"));
        Gen<String> signal = Gen.oneOf(
                Gen.concat(Gen.constant("<title>"), number, Gen.elements("</title>", "</title>", "")),
                Gen.concat(Gen.constant("<base href='http://b"), number, Gen.constant(".test/'>")),
                Gen.concat(Gen.constant("<meta name=description content=d"), number, Gen.constant(">")),
                Gen.concat(Gen.constant("<meta name=robots content='r"), number, Gen.elements(", noindex'>", "'>", ", max-snippet:1'>")),
                Gen.concat(Gen.constant("<link rel=canonical href=/c"), number, Gen.constant(">")));
        Gen<String> tag = Gen.elements("<table>", "<table>", "</table>", "<tr>", "</tr>", "<td>", "<td>", "</td>", "<th>",
                "<tbody>", "<thead>", "<caption>", "</caption>", "<colgroup>", "<col>", "</a>", "</a>", "<map>", "</map>",
                "<head>", "</head>", "<body>", "</body>", "<html>", "</html>", "<svg>", "</svg>", "<math>", "</math>", "<mi>",
                "<foreignObject>", "</foreignObject>", "<desc>", "<template>", "</template>", "<noscript>", "</noscript>",
                "<select>", "</select>", "<option>", "<b>", "</b>", "<i>", "</i>", "<p>", "</p>", "<div>", "</div>", "<form>",
                "</form>", "<button>", "<li>", "<ul>", "<object>", "</object>", "<marquee>", "<frameset>", "<frame>",
                "<noframes>", "</noframes>", "<!-- c -->", "x", " ", "<script>", "</script>", "<textarea>", "</textarea>",
                "<style>", "</style>", "<ruby>", "</ruby>", "<input>", "<input type=hidden>", "<h1>", "<nobr>", "<font>", "<span>", "</span>");
        Gen<String> token = Gen.oneOf(link, link, link, signal, signal, tag, tag, tag, tag, target, target);
        Gen<List<String>> tokens = Gen.lists(token, 0, 80);
        return new Gen<>() {
            @Override
            public String next(RandomGenerator random) {
                return String.join("", tokens.next(random));
            }

            @Override
            public Stream<String> shrinks(String value) {
                return Gen.strings(random -> value).shrinks(value);
            }

            @Override
            public String show(String value) {
                return Gen.literal(value);
            }
        };
    }

    /** The string literals and text blocks of a Java source, as the compiler reads them. */
    static final class JavaLiterals {
        private JavaLiterals() {
        }

        static List<String> of(String source) {
            String text = unicodeEscapes(source);
            List<String> literals = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (text.startsWith("//", i)) {
                    i = end(text.indexOf('\n', i), text);
                } else if (text.startsWith("/*", i)) {
                    i = end(text.indexOf("*/", i + 2), text) + 2;
                } else if (c == '\'') {
                    i = closing(text, i + 1, "'") + 1;
                } else if (text.startsWith("\"\"\"", i)) {
                    int start = text.indexOf('\n', i) + 1;
                    int close = closing(text, start, "\"\"\"");
                    literals.add(text.substring(start, close).stripIndent().translateEscapes());
                    i = close + 3;
                } else if (c == '"') {
                    int close = closing(text, i + 1, "\"");
                    literals.add(text.substring(i + 1, close).translateEscapes());
                    i = close + 1;
                } else {
                    i++;
                }
            }
            return literals;
        }

        private static int end(int at, String text) {
            return at < 0 ? text.length() : at;
        }

        /** Where the unescaped delimiter is, from start on. */
        private static int closing(String text, int start, String delimiter) {
            int i = start;
            while (!text.startsWith(delimiter, i)) {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return i;
        }

        /** {@code \}{@code uXXXX} escapes replaced, as javac does before anything else. */
        private static String unicodeEscapes(String source) {
            StringBuilder out = new StringBuilder(source.length());
            int i = 0;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (c == '\\' && i + 1 < source.length() && source.charAt(i + 1) == '\\') {
                    out.append("\\\\");
                    i += 2;
                } else if (c == '\\' && i + 1 < source.length() && source.charAt(i + 1) == 'u') {
                    int hex = i + 1;
                    while (source.charAt(hex) == 'u') {
                        hex++;
                    }
                    out.append((char) Integer.parseInt(source, hex, hex + 4, 16));
                    i = hex + 4;
                } else {
                    out.append(c);
                    i++;
                }
            }
            return out.toString();
        }
    }
}
