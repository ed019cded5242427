package dev.trawl.extract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an extractor asked for fragments reports: the page's targets, and its links that carry a fragment. */
class FragmentsTest {
    private static final HttpUrl PAGE = HttpUrl.get("http://example.com/dir/page.html");
    private static final PageExtractor EXTRACTOR = new PageExtractor(true);

    private static Fragments fragments(String html) {
        byte[] body = html.getBytes(UTF_8);
        return EXTRACTOR.extract(body, body.length, "text/html; charset=utf-8", PAGE).fragments();
    }

    private static FragmentTargets targets(String html) {
        return fragments(html).targets();
    }

    @Test
    void notReportedWhenNotAskedFor() {
        byte[] body = "<p id=a><a href=#a>".getBytes(UTF_8);
        assertNull(new PageExtractor().extract(body, body.length, "text/html", PAGE).fragments());
    }

    @Test
    void linksWithAFragmentInDocumentOrderOncePerUrlAndFragment() {
        Fragments fragments = fragments("""
                <a href=#intro>same page</a><a href=other.html#x>other</a><a href=/plain>no fragment</a>
                <a href=#>top</a><a href='#  '>blank</a><a href=other.html#x>again</a><a href=/dir/other.html#x>same</a>
                <a href='mailto:a@b.c#x'>not http</a><area href='https://Example.com:443/a?q=1#Y%20z'>
                <a href='other.html#x\ty\n '>tabs and newlines dropped</a><a href='#a#b'>
                """);
        assertEquals(List.of("http://example.com/dir/page.html#intro", "http://example.com/dir/other.html#x",
                "https://example.com/a?q=1#Y%20z", "http://example.com/dir/other.html#xy",
                "http://example.com/dir/page.html#a#b"), fragments.links());
    }

    @Test
    void targetsAreIdsOnAnyElementAndNamesOfAnchorsOnly() {
        FragmentTargets targets = targets("""
                <html id=root><body><h2 id=intro>Intro</h2><a name=old-style>x</a><div id=Case></div>
                <span name=not-an-anchor></span><area name=nor-an-area><p id=''>
                """);
        assertTrue(targets.indicates("root"));
        assertTrue(targets.indicates("intro"));
        assertTrue(targets.indicates("old-style"));
        assertTrue(targets.indicates("Case"));
        assertFalse(targets.indicates("case"), "ids compare exactly");
        assertFalse(targets.indicates("not-an-anchor"));
        assertFalse(targets.indicates("nor-an-area"));
        assertFalse(targets.indicates("missing"));
        assertEquals(4, targets.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"top", "TOP", "Top", "%74op"})
    void topIsTheTopOfThePageWhenNoElementHasThatId(String fragment) {
        assertTrue(targets("<p id=other>").indicates(fragment));
    }

    @Test
    void aFragmentIsComparedAsWrittenThenPercentDecoded() {
        FragmentTargets targets = targets("<p id='a b'><p id=é><p id='100%'><p id='x%20y'><p id='%zz'>");
        assertTrue(targets.indicates("a%20b"), "decoded");
        assertTrue(targets.indicates("a b"), "as the URL parser encodes it, then decoded");
        assertTrue(targets.indicates("%C3%A9"));
        assertTrue(targets.indicates("é"));
        assertTrue(targets.indicates("100%"), "a '%' without two hex digits stays");
        assertTrue(targets.indicates("x%20y"), "as written, before decoding");
        assertTrue(targets.indicates("x y"), "encoded as the URL parser keeps it");
        assertTrue(targets.indicates("%zz"));
        assertFalse(targets.indicates("%C3"), "a lone UTF-8 byte decodes to U+FFFD");
        assertFalse(targets.indicates("a%2520b"));
    }
}
