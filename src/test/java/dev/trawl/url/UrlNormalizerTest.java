package dev.trawl.url;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {
    private static final HttpUrl BASE = HttpUrl.get("http://example.com/dir/page?x=1#top");

    private static Optional<String> parsed(String url) {
        return UrlNormalizer.parse(url).map(UrlNormalizer::key);
    }

    private static Optional<String> resolved(HttpUrl base, String href) {
        return UrlNormalizer.resolve(base, href).map(UrlNormalizer::key);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            HTTP://Example.COM/Path/File.HTML          | http://example.com/Path/File.HTML
            HTTPS://EXAMPLE.COM:443                    | https://example.com/
            http://example.com:80/                     | http://example.com/
            http://example.com:0080/                   | http://example.com/
            https://example.com:443/x                  | https://example.com/x
            http://example.com:443/                    | http://example.com:443/
            https://example.com:80/                    | https://example.com:80/
            http://example.com:8080/                   | http://example.com:8080/
            http://example.com                         | http://example.com/
            http://example.com/a/./b/../c              | http://example.com/a/c
            http://example.com/../../a                 | http://example.com/a
            http://example.com/a/%2e/b/%2E%2e/c        | http://example.com/a/c
            http://example.com/a/b/                    | http://example.com/a/b/
            http://example.com/a#section               | http://example.com/a
            http://example.com/#                       | http://example.com/
            http://example.com/?q=1#frag?x             | http://example.com/?q=1
            http://bücher.example/                     | http://xn--bcher-kva.example/
            http://MÜNCHEN.de/straße                   | http://xn--mnchen-3ya.de/stra%C3%9Fe
            http://[::1]:8080/                         | http://[::1]:8080/
            http://[0:0:0:0:0:0:0:1]/                  | http://[::1]/
            http://[2001:DB8::1]:80/                   | http://[2001:db8::1]/
            http://example.com/?b=2&a=1                | http://example.com/?b=2&a=1
            http://example.com/s?q=a%2Fb&empty=&flag   | http://example.com/s?q=a%2Fb&empty=&flag
            http://example.com/?q=a+b&x=%zz&Y=Z        | http://example.com/?q=a+b&x=%zz&Y=Z
            http://example.com/?                       | http://example.com/?
            http://example.com/a%7Eb                   | http://example.com/a%7Eb
            http://example.com/a b                     | http://example.com/a%20b
            http://user:pass@Example.com/              | http://user:pass@example.com/
            '  http://example.com/x  '                 | http://example.com/x
            """)
    void normalizesAsTheReadmeSays(String raw, String normalized) {
        assertEquals(Optional.of(normalized), parsed(raw));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "not a url", "/relative/path", "relative", "//example.com/x", "?q=1",
        "ftp://example.com/", "mailto:someone@example.com", "javascript:alert(1)", "file:///etc/passwd",
        "data:text/html,hi", "tel:+15551234", "ws://example.com/", "http://", "http://exa mple.com/",
        "http://example.com:99999/", "http://[::1/"})
    void anythingButAnAbsoluteHttpUrlIsEmpty(String raw) {
        assertEquals(Optional.empty(), parsed(raw));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            other                              | http://example.com/dir/other
            ./other/./x                        | http://example.com/dir/other/x
            ../up                              | http://example.com/up
            ../../../../beyond-root            | http://example.com/beyond-root
            /root                              | http://example.com/root
            ?q=2                               | http://example.com/dir/page?q=2
            '#frag'                            | http://example.com/dir/page?x=1
            ''                                 | http://example.com/dir/page?x=1
            //other.example/x                  | http://other.example/x
            //Other.Example:80/x#y             | http://other.example/x
            https://Other.Example:443/a/./b    | https://other.example/a/b
            '  spaced  '                       | http://example.com/dir/spaced
            HTTP://X.COM                       | http://x.com/
            """)
    void resolvesRelativeLinksAgainstTheBase(String href, String expected) {
        assertEquals(Optional.of(expected), resolved(BASE, href));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mailto:a@b.example|true", "javascript:void(0)|true", "ftp://h/|true", "MAILTO:x|true",
            "a+b-c.d:x|true", "http://h/|false", "HTTPS://h/|false", "http:x|false", "https:|false",
            "/p:q|false", "p:q|true", "1x:y|false", "x y:z|false", "page.html|false", "?a=b:c|false"})
    void recognisesOtherSchemesWithoutAskingOkHttp(String href, boolean other) {
        assertEquals(other, UrlNormalizer.hasOtherScheme(href), href);
    }

    @Test
    void schemeRelativeLinkTakesTheBasesScheme() {
        assertEquals(Optional.of("https://b.example/y"), resolved(HttpUrl.get("https://a.example/x"), "//b.example/y"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"javascript:void(0)", "JavaScript:alert(1)", "mailto:a@b.example", "ftp://x.example/",
        "tel:123", "data:text/html,x", "file:///etc/passwd", "http://", "https://exa mple.com/"})
    void linksThatAreNotHttpResolveToEmpty(String href) {
        assertEquals(Optional.empty(), resolved(BASE, href));
    }

    @Test
    void keyDropsTheFragmentAndKeepsTheRest() {
        assertEquals("http://example.com/dir/page?x=1", UrlNormalizer.key(BASE));
        assertEquals("https://u@example.com:8443/a?b", UrlNormalizer.key(HttpUrl.get("https://u@example.com:8443/a?b#")));
    }

    @Test
    void normalizingTwiceChangesNothing() {
        for (String raw : new String[] {"HTTP://Bücher.Example:80/a/../b?q=x y#f", "http://[::FFFF:1.2.3.4]/",
            "https://example.com/%7e?%7e"}) {
            String once = parsed(raw).orElseThrow();
            assertEquals(Optional.of(once), parsed(once), raw);
        }
    }

    /*
     * Found by fuzzing (PageExtractorPropertiesTest, shrunk to <a href="https:>&eacute">): OkHttp turns a
     * host label that mixes non-ASCII letters with symbols into punycode that it cannot parse back
     * ("a_é" -> "xn--a_-cja"). Such a URL would reach the page job as a key it cannot read.
     */
    @ParameterizedTest
    @ValueSource(strings = {"http://>é/", "https://a_é.example/x", "http://é!/", "http://xn--bcher-kva.a|é.example/"})
    void hostsOkHttpCannotReadBackAreRefused(String raw) {
        assertEquals(Optional.empty(), parsed(raw));
    }

    @Test
    void linksToHostsOkHttpCannotReadBackResolveToEmpty() {
        assertEquals(Optional.empty(), resolved(BASE, "https:>é"));
        assertEquals(Optional.empty(), resolved(BASE, "//a_é.example/"));
        assertEquals(Optional.of("http://xn--bcher-kva.example/"), resolved(BASE, "//bücher.example/"));
    }
}
