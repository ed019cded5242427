package dev.trawl.robots;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {

    private static String canonical(String pattern) {
        return PercentEncoding.canonical(pattern.getBytes(UTF_8));
    }

    @Test
    void asciiPatternsAreUnchanged() {
        assertEquals("http://www.example.com", canonical("http://www.example.com"));
        assertEquals("/a/b/c", canonical("/a/b/c"));
        assertEquals("/*.php$?x=1&y=~z", canonical("/*.php$?x=1&y=~z"));
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
    void escapesAreNotDecoded() {
        assertEquals("/%7Efoo/%62%61%7A", canonical("/%7efoo/%62%61%7a"));
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
        assertEquals("/", PercentEncoding.canonicalPath(""));
        assertEquals("/?a", PercentEncoding.canonicalPath("?a"));
        assertEquals("/a", PercentEncoding.canonicalPath("a"));
    }

    @Test
    void canonicalPathIsReturnedAsIs() {
        String path = "/a%20b/c?x=%E3%83%84";
        assertSame(path, PercentEncoding.canonicalPath(path));
    }

    @Test
    void pathsGetTheSameSpellingAsPatterns() {
        assertEquals("/a%20b/%E3%83%84?q=%C3%A9", PercentEncoding.canonicalPath("/a b/%e3%83%84?q=é"));
    }
}
