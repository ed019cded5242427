package dev.trawl.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.Fuzzer;
import dev.trawl.Gen;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MarkupScan} on markup it must settle, read exactly as jsoup's tokenizer and tree builder read
 * it, and on markup it must leave to jsoup; either way the extraction must equal the whole-DOM
 * reference ({@link StreamingEquivalenceTest#assertEquivalent}). The generated pages and the other
 * hand-written ones are in {@link StreamingEquivalenceTest}, the installed documentation in
 * {@link MarkupScanCorporaTest}.
 */
class MarkupScanTest {
    @ParameterizedTest
    @ValueSource(strings = {
        // Tags: names and attribute names in any case, '/' between attributes, the first of two attributes.
        "<A HREF=/upper REL=NOFOLLOW><Title>T</TITLE><LINK REL=Canonical HREF=/c>",
        "<a/href=/slash/rel=nofollow><a href=/1 href=/2><a rel=nofollow href=/3 rel=x><a href=/4 / rel=nofollow>",
        "<a href = '/spaced' ><a href=\"/dq'\"><a href='/sq\"'><a href=/unq\"'<=`x><a href=>x<a =href=/eq>",
        "<a href=/a\rrel=nofollow><a\thref=/tab><a\fhref=/ff><a\nhref=/nl><a href=\"/cr\r\nlf\">",
        "<a href=/x<a href=/y>z<a href=/w\"><a href><area href=/ar rel='a NoFollow b'>",
        // Character references in values and titles, with the legacy rules inside attributes.
        "<a href='/?a=1&amp;b=2&copy=3&copy;&notit;&lt'><a href=/&#x41;&#65;&#0;&#x110000;>",
        "<title>&amp; &copy &notit; &#x26;&lt;a&gt; &unknown;</title><meta name=description content='a &amp; b'>",
        // Comments, bogus comments, doctypes.
        "<!--><a href=/1><!---><a href=/2><!-- --!><a href=/3><!-- -- ><a href=/no>--><a href=/4>",
        "<!-- <!-- nested --><a href=/5><!----><a href=/6><!-- --!--><a href=/7><!-- ---!><a href=/8>",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"x>\"><a href=/9><? pi <a href=/no> ?><a href=/10>",
        "<? pi > <a href=/after-pi> ?><?xml version='1.0'?><a href=/after-xml-pi><!x > <a href=/after-bogus>",
        "</ x><a href=/11></><a href=/12><!x><a href=/13></3 <a href=/no>><a href=/14>< a href=/no><a href=/15>",
        // Raw text: where it ends, and what is no tag in it.
        "<title>a <b>bold</b> </titlex></title\t><a href=/after-title>",
        "<title>t</title foo='>'><a href=/after-attr>",
        "<textarea><a href=/no></textarea ><style><a href=/no></STYLE><xmp><a href=/no></xmp/>",
        "<xmp / ><a href=/no></xmp><a href=/yes><textarea/ x><a href=/no></textarea>",
        "<iframe><a href=/no></iframe><noembed><a href=/no></noembed><noframes><a href=/no></noframes><a href=/yes>",
        "<script>if (a<b) document.write('<a href=/no>')</script><a href=/yes><script>",
        "<title>unclosed &amp; <a href=/no>",
        "<style></style",
        "<a href=/x><plaintext><a href=/no></plaintext><a href=/no>",
        // Head and body: a canonical in the head, after it, or in the body.
        "<link rel=canonical href=/implied-head><a href=/x><link rel=canonical href=/body>",
        "<html><head></head>\n<link rel=canonical href=/after-head><body>",
        "<head>text<link rel=canonical href=/body></head>",
        "<head>&#32;&#x9;<link rel=canonical href=/head-after-space></head>",
        "<head>&nbsp;<link rel=canonical href=/body-after-nbsp></head>",
        "<head>\u00A0<link rel=canonical href=/body-after-raw-nbsp></head>",
        "<head> &amp <link rel=canonical href=/body-after-amp></head>",
        "<head><noscript-not><link rel=canonical href=/body>",
        "<head></br><link rel=canonical href=/body>",
        "<head></p><link rel=canonical href=/head>",
        "</head><link rel=canonical href=/after-head-close>",
        "<head><body><link rel=canonical href=/body>",
        "<title>in head</title></head><noscript><a href=/ns></noscript><title>second</title>",
        // Tables: structure, implied ends, cells, captions, and what they hold.
        "<table width=100%><tr><th>T</th></tr>\n<tr><td><a href=/prev>Prev</a> </td><td><a href=/next>Next</a></td></tr></table>",
        "<table><td><a href=/1><td><a href=/2><tr><th><a href=/3></table><a href=/4>",
        "<table><caption><a href=/cap><td><a href=/cell></table>",
        "<table><col><colgroup><col></colgroup><tbody><tr><td><a href=/c></tbody><tfoot><tr><td><a href=/f>",
        "<table><tr><td><div><p><a href=/deep></table><a href=/after>",
        "<table><tr><td><table><tr><td><a href=/inner></table><a href=/outer-cell></td></tr></table>",
        "<table><thead><tr><td></tbody><a href=/still-cell></thead></table><a href=/body>",
        "<table><tr><td></th><a href=/cell></td></tr> \n\t</table>",
        "<table><style>x</style><script>y</script><tr><td><a href=/c></table>",
        "<table><tr><td></caption></col><a href=/cell></td></tr></table>",
        "<td><a href=/no-table><tr><caption></table><a href=/x>",
    })
    void settlesAsJsoupReads(String html) {
        assertSettled(html);
        StreamingEquivalenceTest.assertEquivalent(html);
    }

    /**
     * Markup the scan leaves to jsoup, each where a scan that read on would give another result than
     * the tree (its order, its namespaces, or its text).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        <a> in a table             | <table><tr><td><a href=/cell></td></tr><a href=/fostered></table>
        <title> in a table         | <table><tr><td>x</td></tr><title>fostered</title></table><title>later</title>
        </p> in a table            | <table></p><tr><td><a href=/x></table>
        text in a table            | <table><tr><td><a href=/c></td></tr> x <a href=/f></table>
        foreign content            | <svg><title>tooltip</title></svg><title>page</title>
        foreign content            | <math><mi><a href=/m><link rel=canonical href=/svg></math><link rel=canonical href=/c>
        <select>                   | <select><a href=/in-select></select><a href=/after>
        <template>                 | <template><a href=/t><title>t</title></template><title>real</title>
        <frameset>                 | <a href=/dropped><frameset><frame></frameset>
        <noscript> in the head     | <head><noscript><link rel=canonical href=/ns></noscript><link rel=canonical href=/h>
        <!-- in a script           | <script><!--<script></script><a href=/hidden></script><a href=/real>
        CDATA section              | <![CDATA[ a > <a href=/in-cdata> ]]><a href=/after>
        NUL character              | <title>a\u0000b</title>
        <xmp/>                     | a<noscript><xmp/><link rel=canonical href=a>
        <title/>                   | <title/><link rel=canonical href=/c><title>t</title>
        """)
    void leavesToJsoup(String reason, String html) {
        String page = html.replace("\\u0000", "\0");
        assertEquals(new MarkupScan.Outcome.Unsettled(reason), MarkupScan.scan(page, "trawl"));
        StreamingEquivalenceTest.assertEquivalent(page);
    }

    @Test
    void leavesDeeplyNestedTablesToJsoup() {
        String nested = "<table><tr><td><a href=/t>".repeat(MarkupScan.MAX_TABLE_DEPTH);
        assertSettled(nested);
        String deeper = nested + "<table><a href=/deepest>";
        assertEquals(new MarkupScan.Outcome.Unsettled("tables nested deeper than " + MarkupScan.MAX_TABLE_DEPTH),
                MarkupScan.scan(deeper, "trawl"));
        StreamingEquivalenceTest.assertEquivalent(deeper);
    }

    /**
     * Markup cut into the pieces the tokenizer's states turn on: tag and attribute names in both
     * cases, quotes, '=', '/', comment and raw-text delimiters, character references, white space
     * including CR and FF, in any order.
     */
    @Test
    void generatedTokenSoup() {
        AtomicInteger pages = new AtomicInteger();
        AtomicInteger settled = new AtomicInteger();
        Fuzzer.forAll(1000, TOKEN_SOUP, html -> {
            pages.incrementAndGet();
            if (MarkupScan.scan(html, "trawl") instanceof MarkupScan.Outcome.Settled) {
                settled.incrementAndGet();
            }
            StreamingEquivalenceTest.assertEquivalent(html);
        });
        // Pages the scan leaves to jsoup test nothing of it.
        assertTrue(settled.get() * 2 > pages.get(), () -> settled + " of " + pages + " pages settled");
    }

    private static final Gen<String> TOKEN_SOUP = Gen.strings(Gen.repeat(Gen.elements(
            "<", "</", "<a", "<A", "<area", "<title>", "</title>", "</TITLE", "<script>", "</script>", "<style>", "</style",
            "<textarea>", "<link", "<meta", "<base", "<head>", "</head>", "<body>", "<table>", "<tr>", "<td>", "</td>",
            "</table>", "<p>", "</p>", " href", " HREF", " rel", " name", " content", "=", "='", "=\"", "'", "\"", "/", ">",
            "/>", " ", "\r", "\n", "\t", "\f", "x", "/1", "/2", "nofollow", "canonical", "robots", "description",
            "&amp;", "&copy", "&lt;", "&#65;", "&", ";", "<!--", "-->", "--!>", "-", "!", "<!", "<?", "<!doctype", "]]>"), 60, ""));

    private static void assertSettled(String html) {
        assertInstanceOf(MarkupScan.Outcome.Settled.class, MarkupScan.scan(html, "trawl"), html);
    }
}
