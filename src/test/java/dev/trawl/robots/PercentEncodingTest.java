package dev.trawl.robots;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {

    private static String canonical(String pattern) {
        return PercentEncoding.pattern(pattern.getBytes(UTF_8));
    }

    @Test
    void asciiPatternsAreUnchanged() {
        assertEquals("http://www.example.com", canonical("http://www.example.com"));
        assertEquals("/a/b/c", canonical("/a/b/c"));
        assertEquals("/*.php?x=1&y=~z$", canonical("/*.php?x=1&y=~z$"));
    }

    @Test
    void dollarInsideAPatternIsWrittenAsAnEscapeAndAFinalOneAnchors() {
        assertEquals("/a%24b/*%24$", canonical("/a$b/*$$"));
        assertEquals("$", canonical("$"));
        assertEquals("/price%24", canonical("/price%24"));
    }

    @Test
    void starInAPatternStaysAWildcardAndItsEscapeStaysAnEscape() {
        assertEquals("/a*b%2A", canonical("/a*b%2a"));
    }

    @Test
    void nonAsciiIsPercentEncodedAsUtf8() {
        assertEquals("%C3%A1", canonical("á"));
        assertEquals("/SanJos%C3%A9Sellers", canonical("/SanJoséSellers"));
        assertEquals("/foo/bar/%E3%83%84", canonical("/foo/bar/ツ"));
    }

    @Test
    void hexOfExistingEscapesIsUpperCased() {
        assertEquals("%AA", canonical("%aa"));
        assertEquals("/a%2Fb%3F", canonical("/a%2fb%3f"));
    }

    @Test
    void escapedUnreservedCharactersAreDecoded() {
        assertEquals("/~foo/baz/A-._~09", canonical("/%7efoo/%62%61%7a/%41%2D%2E%5F%7E%30%39"));
        assertEquals("/~foo/baz", PercentEncoding.path("/%7Efoo/%62%61%7A"));
    }

    @Test
    void otherEscapesAreKept() {
        assertEquals("/a%2Fb%3A%3F%25%40%2A%24", canonical("/a%2fb%3a%3f%25%40%2a%24"));
        assertEquals("/a%2Fb%3A%3F%25%40%2A%24", PercentEncoding.path("/a%2fb%3a%3f%25%40%2a%24"));
    }

    @Test
    void loneOrBrokenPercentSignsStay() {
        assertEquals("/100%", canonical("/100%"));
        assertEquals("/a%zz%4", canonical("/a%zz%4"));
    }

    @Test
    void spaceAndControlBytesAreEncoded() {
        assertEquals("/a%20b%09c%7F", canonical("/a b\tc\u007f"));
    }

    @Test
    void pathsAlwaysStartWithSlash() {
        assertEquals("/", PercentEncoding.path(""));
        assertEquals("/?a", PercentEncoding.path("?a"));
        assertEquals("/a", PercentEncoding.path("a"));
    }

    @Test
    void starAndDollarInAPathAreWrittenAsEscapes() {
        assertEquals("/file-with-a-%2A.html?p=%24", PercentEncoding.path("/file-with-a-*.html?p=$"));
    }

    @Test
    void canonicalPathIsReturnedAsIs() {
        String path = "/a%20b/c?x=%E3%83%84";
        assertSame(path, PercentEncoding.path(path));
    }

    @Test
    void pathsGetTheSameSpellingAsPatterns() {
        assertEquals("/a%20b/%E3%83%84?q=%C3%A9", PercentEncoding.path("/a b/%e3%83%84?q=é"));
    }
}
