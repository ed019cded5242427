package dev.trawl.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.trawl.Fuzzer;
import dev.trawl.Gen;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LinkResolver} against the definition it shortcuts, {@code UrlNormalizer.resolve} then
 * {@code key}: equal for hand-picked and generated hrefs and bases. LinkResolverCorpusTest does the
 * same for every href of the installed documentation.
 */
class LinkResolverTest {
    private static final HttpUrl PAGE = HttpUrl.get("http://127.0.0.1:8080/docs/api/java.base/Object.html?x=1");

    /** What the resolver must give: null where UrlNormalizer gives nothing. */
    static String reference(HttpUrl base, String href) {
        return UrlNormalizer.resolve(base, href).map(UrlNormalizer::key).orElse(null);
    }

    static void assertSameKey(HttpUrl base, String href) {
        LinkResolver resolver = new LinkResolver(base);
        String expected = reference(base, href);
        String shown = "base " + base + ", href " + Gen.literal(href);
        assertEquals(expected, resolver.key(href), shown);
        String fast = resolver.fastKey(href);
        if (fast != null) {
            assertEquals(expected, fast == LinkResolver.NO_LINK ? null : fast, () -> "fast path: " + shown);
        }
    }

    /** The forms real pages write, which must not need the full parse. */
    @ParameterizedTest
    @ValueSource(strings = {"a.html", "../x/y.html", "./a#f", "../../../../../../up.html", "/p/q.html?x=1", "#top", "",
        "?page=2", "http://example.com/a/b.html", "https://docs.oracle.com/javase/17/", "//cdn.example.com/x.svg",
        "http://example.com:8080", "https://example.com:443/a?b=c&d", "sub/dir/", ".", "..", "./", "a//b", "%2e%2E/x",
        "it's.html?q=%zz&r=x+y", "pkg/Foo.html#method(java.lang.String)", "mailto:someone@example.com", "javascript:void(0)",
        "x?a=b=c&&d", "a/b/../../c/./d", "A:b", "1a:b"})
    void commonFormsTakeTheFastPathAndMatch(String href) {
        assertSameKey(PAGE, href);
        assertNotNull(new LinkResolver(PAGE).fastKey(href), () -> "fell back: " + href);
    }

    /** What OkHttp encodes, strips, lower-cases or checks takes the full parse, and still matches. */
    @ParameterizedTest
    @ValueSource(strings = {" a.html", "a.html ", "a b.html", "a\tb", "a\nb", "a\\b", "a\"b", "a<b>", "a^b", "a`b", "a{b}",
        "a|b", "é.html", "?q=é", "?q=a b", "?q=\"", "?q='", "?q=<", "HTTP://example.com/", "http://Example.com/",
        "http://u:p@example.com/", "http://[::1]/", "http://xn--bcher-kva.example/", "http://bücher.example/",
        "http:a.html", "https:a.html", "http:/a.html", "http:///a.html", "///a", "//", "http://", "http://a..b/",
        "http://example.com./", "http://a_b.example/", "http://example.com:/", "http://example.com:0/",
        "http://example.com:65536/", "http://example.com:123456/", "http://example.com:08080/",
        "http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com/", "\u0000a", "a\u007f", "http://example.com\\a"})
    void unusualFormsMatch(String href) {
        assertSameKey(PAGE, href);
    }

    @Test
    void basesOfEveryShapeResolveAlike() {
        List<String> bases = List.of("http://example.com", "https://example.com:8443/a/b/", "http://u:p@example.com/a?q#f",
                "http://[::1]:8080/a/b", "http://xn--bcher-kva.example/a/b.html", "http://example.com/a//b/?",
                "http://example.com/%2e%zz/a%20b/c.html?x='y'", "https://a.b.example/deep/er/and/deeper/page");
        for (String base : bases) {
            for (String href : List.of("", "#x", "?", "?y", "a", "../a", "../../../b/", "/c", "//d.example/e", "https://f.example")) {
                assertSameKey(HttpUrl.get(base), href);
            }
        }
    }

    @Test
    void nullHrefIsNoLink() {
        assertNull(new LinkResolver(PAGE).key(null));
    }

    // ---- generated hrefs, biased to what the fast path must get right or refuse -------------------

    private static final Gen<String> EDGE_CHAR = Gen.chars(
            " \t\n\r\f\u000b\u0000\u007f\\%\"<>^`{|}'+=&;:@[]!$()*,~_.-/?#éü日😀\u00a0\u3000");

    private static final Gen<String> SEGMENT = Gen.oneOf(
            Gen.elements("a", "b.html", "index.html", "", ".", "..", "%2e", "%2E", ".%2e", "%2e.", "%2E%2e", "...", ".a", "a.",
                    "%20", "%zz", "%", "%4", "%41", "x%2fy", "a:b", "a@b", "a+b", "a=b", "~u", "[x]", "(1)", "a;b", "a,b"),
            Gen.concat(Gen.stringsOf("abz09.-", 4), EDGE_CHAR, Gen.stringsOf("abz09.-", 3)),
            Gen.stringsOf("ab.%2e/", 6));

    private static final Gen<String> PATH = Gen.repeat(SEGMENT, 6, "/");

    /** Segments the fast path takes: names, dots in every spelling, empty ones, the marks OkHttp leaves alone. */
    private static final Gen<String> PLAIN_PATH = Gen.repeat(Gen.oneOf(
            Gen.elements("a", "b.html", "", ".", "..", "%2e", "%2E", ".%2e", "%2e.", "%2E%2e", "...", "..a", "%20", "%zz", "%"),
            Gen.stringsOf("az09.-_~!$&'()*+,;=:@[]%", 5)), 8, "/");

    private static final Gen<String> PLAIN_QUERY = Gen.oneOf(Gen.constant(""),
            Gen.concat(Gen.constant("?"), Gen.stringsOf("az09.-_~!$&()*+,;=:@[]%/?^`{|}\\", 8)));

    private static final Gen<String> GEN_HOST = Gen.oneOf(
            Gen.elements("example.com", "a-b.example", "a.b.c.example", "127.0.0.1", "0177.0.0.1", "1.2.3", "localhost", "x",
                    "-a.example", "a-.example", "a--b.example", "xn--bcher-kva.example", "axn--b.example", "Example.com",
                    "EXAMPLE.COM", "a..b", "a.b.", ".a", "", "[::1]", "[::ffff:1.2.3.4]", "a_b.example", "bücher.example",
                    "a%2eb", "a b", "u@example.com", "u:p@example.com", "@example.com", "a".repeat(63) + ".com",
                    "a".repeat(64) + ".com", ("a".repeat(50) + ".").repeat(5) + "com", ("a".repeat(49) + ".").repeat(5) + "com"),
            Gen.stringsOf("abz09.-", 10));

    private static final Gen<String> GEN_PORT = Gen.elements("", "", "", "", ":80", ":443", ":8080", ":1", ":65535", ":0",
            ":65536", ":", ":08080", ":00000080", ":123456", ":8a", ": 80");

    private static final Gen<String> GEN_QUERY = Gen.oneOf(Gen.elements("", "", "", "?", "??", "?a=b", "?a=b=c&&d=", "?=x",
                    "?a+b", "?q=%zz", "?x=http://u@e.test/", "?a/b/../c"),
            Gen.concat(Gen.constant("?"), Gen.stringsOf("ab=&+", 4), EDGE_CHAR, Gen.stringsOf("ab=&", 3)));

    private static final Gen<String> GEN_FRAGMENT = Gen.elements("", "", "", "#", "#f", "#a b", "#é", "#?x", "#/../x", "# ",
            "#\u3000");

    private static final Gen<String> GEN_HREF = Gen.strings(Gen.oneOf(
            Gen.concat(Gen.elements("", "", "./", "../", "/", "?", "//a.example", "http://a.example", "https://b.example:8443/"),
                    PLAIN_PATH, PLAIN_QUERY, GEN_FRAGMENT),
            Gen.concat(Gen.elements("http://", "https://", "//"), GEN_HOST, GEN_PORT, Gen.constant("/"), PLAIN_PATH, PLAIN_QUERY),
            Gen.concat(Gen.elements("", "", "./", "../", "../../", "/", "//", "///", "\\", "/\\", ".", ".."), PATH, GEN_QUERY,
                    GEN_FRAGMENT),
            Gen.concat(Gen.elements("http://", "https://", "http://", "https://", "//", "HTTP://", "Https://", "http:", "https:",
                    "http:/", "http:\\\\", "http:///"), GEN_HOST, GEN_PORT, Gen.elements("", "/", "/", "\\", "?", "#"), PATH,
                    GEN_QUERY, GEN_FRAGMENT),
            Gen.concat(Gen.elements("mailto:", "javascript:", "ftp://", "a:", "a1+.-:", "1a:", "tel:"), PATH),
            Gen.concat(Gen.elements(" ", "\t", "\n", "\u00a0", "\u3000", "\ufeff", ""), PATH, GEN_QUERY,
                    Gen.elements(" ", "\n", "\u3000", "")),
            UrlStrings.HREFS));

    private static final Gen<String> GEN_BASE = Gen.concat(Gen.elements("http://", "https://"),
            Gen.elements("example.com", "127.0.0.1", "u:p@example.com", "[::1]", "xn--bcher-kva.example", "a-b.c.example"),
            Gen.elements("", "", ":8080", ":443", ":80"),
            Gen.oneOf(Gen.constant(""), Gen.constant("/"), Gen.concat(Gen.constant("/"), Gen.repeat(
                    Gen.elements("a", "b", "dir", "", "%2e", "p.html", "a%20b", "x'y"), 8, "/"))),
            Gen.elements("", "", "?", "?q=1", "?a=b&c", "?x='y'"),
            Gen.elements("", "", "#f"));

    /** Ten hrefs against one base a try: 10,000 cases in CI. */
    @Test
    void generatedHrefsResolveAsUrlNormalizerDoes() {
        Gen<List<String>> cases = random -> {
            List<String> baseAndHrefs = new ArrayList<>(11);
            baseAndHrefs.add(GEN_BASE.next(random));
            for (int i = 0; i < 10; i++) {
                baseAndHrefs.add(GEN_HREF.next(random));
            }
            return baseAndHrefs;
        };
        Fuzzer.forAll(1000, cases, pair -> {
            HttpUrl base = UrlNormalizer.parse(pair.get(0)).orElse(PAGE);
            for (String href : pair.subList(1, pair.size())) {
                assertSameKey(base, href);
            }
        });
    }
}
