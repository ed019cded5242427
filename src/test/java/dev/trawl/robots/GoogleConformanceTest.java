package dev.trawl.robots;

import static dev.trawl.robots.RobotsCase.file;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Google's robots_test.cc (google/robotstxt), every test about matching and grouping, as data: each
 * case keeps the test's name, file, agents and URLs. Where trawl answers otherwise the check says why.
 * Not here, because they test an API rather than answers: {@code ID_VerifyValidUserAgentsToObey}
 * (see {@link ProductTokenTest}) and {@code TestMaybeEscapePattern} (see {@link PercentEncodingTest});
 * an empty product token, which trawl refuses. {@code ID_LinesNumbersAreCountedCorrectly} and
 * {@code ID_UTF8ByteOrderMarkIsSkipped} count lines in Google; here they are asked through a rule
 * whose effect shows whether its line was read, and in which group.
 */
class GoogleConformanceTest {

    private static final String URL_ENCODED_BY_OKHTTP =
            "Google expects the caller to percent-encode the URL; trawl's URLs come from OkHttp, which does";
    private static final String UNRESERVED_DECODED =
            "RFC 9309 2.2.2: %62%61%7A and baz are the same path (RFC 3986 unreserved characters)";

    static Stream<Named<Runnable>> cases() {
        return RobotsCase.checks(List.of(
                file("GoogleOnly_SystemTest", "")
                        .allows("FooBot", "http://foo.bar/").build(),
                file("GoogleOnly_SystemTest", "user-agent: FooBot\ndisallow: /\n")
                        .disallows("FooBot", "").build(),

                file("ID_LineSyntax_Line", "user-agent: FooBot\ndisallow: /\n")
                        .disallows("FooBot", "http://foo.bar/x/y").build(),
                file("ID_LineSyntax_Line incorrect", "foo: FooBot\nbar: /\n")
                        .allows("FooBot", "http://foo.bar/x/y").build(),
                file("ID_LineSyntax_Line incorrect accepted", "user-agent FooBot\ndisallow /\n")
                        .disallows("FooBot", "http://foo.bar/x/y").build(),

                file("ID_LineSyntax_Groups", """
                        allow: /foo/bar/

                        user-agent: FooBot
                        disallow: /
                        allow: /x/
                        user-agent: BarBot
                        disallow: /
                        allow: /y/


                        allow: /w/
                        user-agent: BazBot

                        user-agent: FooBot
                        allow: /z/
                        disallow: /
                        """)
                        .allows("FooBot", "http://foo.bar/x/b", "http://foo.bar/z/d")
                        .disallows("FooBot", "http://foo.bar/y/c")
                        .allows("BarBot", "http://foo.bar/y/c", "http://foo.bar/w/a")
                        .disallows("BarBot", "http://foo.bar/z/d")
                        .allows("BazBot", "http://foo.bar/z/d")
                        .disallows("FooBot", "http://foo.bar/foo/bar/")
                        .disallows("BarBot", "http://foo.bar/foo/bar/")
                        .disallows("BazBot", "http://foo.bar/foo/bar/").build(),

                file("ID_LineSyntax_Groups_OtherRules sitemap",
                        "User-agent: BarBot\nSitemap: https://foo.bar/sitemap\nUser-agent: *\nDisallow: /\n")
                        .disallows("FooBot", "http://foo.bar/")
                        .disallows("BarBot", "http://foo.bar/").build(),
                file("ID_LineSyntax_Groups_OtherRules unknown",
                        "User-agent: FooBot\nInvalid-Unknown-Line: unknown\nUser-agent: *\nDisallow: /\n")
                        .disallows("FooBot", "http://foo.bar/")
                        .disallows("BarBot", "http://foo.bar/").build(),

                file("ID_REPLineNamesCaseInsensitive upper", "USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n")
                        .allows("FooBot", "http://foo.bar/x/y").disallows("FooBot", "http://foo.bar/a/b").build(),
                file("ID_REPLineNamesCaseInsensitive lower", "user-agent: FooBot\nallow: /x/\ndisallow: /\n")
                        .allows("FooBot", "http://foo.bar/x/y").disallows("FooBot", "http://foo.bar/a/b").build(),
                file("ID_REPLineNamesCaseInsensitive camel", "uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n")
                        .allows("FooBot", "http://foo.bar/x/y").disallows("FooBot", "http://foo.bar/a/b").build(),

                userAgentValueCaseInsensitive("FOO BAR"),
                userAgentValueCaseInsensitive("foo bar"),
                userAgentValueCaseInsensitive("FoO bAr"),

                file("GoogleOnly_AcceptUserAgentUpToFirstSpace",
                        "User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n")
                        .allows("Foo", "http://foo.bar/x/y")
                        .disallows("Foo Bar", "http://foo.bar/x/y").build(),

                file("ID_GlobalGroups_Secondary empty", "")
                        .allows("FooBot", "http://foo.bar/x/y").build(),
                file("ID_GlobalGroups_Secondary global", "user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n")
                        .disallows("FooBot", "http://foo.bar/x/y")
                        .allows("BarBot", "http://foo.bar/x/y").build(),
                file("ID_GlobalGroups_Secondary only specific",
                        "user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\nuser-agent: BazBot\ndisallow: /\n")
                        .allows("QuxBot", "http://foo.bar/x/y").build(),

                file("ID_AllowDisallow_Value_CaseSensitive lower", "user-agent: FooBot\ndisallow: /x/\n")
                        .disallows("FooBot", "http://foo.bar/x/y").build(),
                file("ID_AllowDisallow_Value_CaseSensitive upper", "user-agent: FooBot\ndisallow: /X/\n")
                        .allows("FooBot", "http://foo.bar/x/y").build(),

                file("ID_LongestMatch 1", "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/\n")
                        .disallows("FooBot", "http://foo.bar/x/page.html").build(),
                file("ID_LongestMatch 2", "user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n")
                        .allows("FooBot", "http://foo.bar/x/page.html")
                        .disallows("FooBot", "http://foo.bar/x/").build(),
                file("ID_LongestMatch 3", "user-agent: FooBot\ndisallow: \nallow: \n")
                        .allows("FooBot", "http://foo.bar/x/page.html").build(),
                file("ID_LongestMatch 4", "user-agent: FooBot\ndisallow: /\nallow: /\n")
                        .allows("FooBot", "http://foo.bar/x/page.html").build(),
                file("ID_LongestMatch 5", "user-agent: FooBot\ndisallow: /x\nallow: /x/\n")
                        .disallows("FooBot", "http://foo.bar/x")
                        .allows("FooBot", "http://foo.bar/x/").build(),
                file("ID_LongestMatch 6", "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/page.html\n")
                        .allows("FooBot", "http://foo.bar/x/page.html").build(),
                file("ID_LongestMatch 7", "user-agent: FooBot\nallow: /page\ndisallow: /*.html\n")
                        .disallows("FooBot", "http://foo.bar/page.html")
                        .allows("FooBot", "http://foo.bar/page").build(),
                file("ID_LongestMatch 8", "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n")
                        .allows("FooBot", "http://foo.bar/x/page.html")
                        .disallows("FooBot", "http://foo.bar/x/y.html").build(),
                file("ID_LongestMatch 9", "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n")
                        .allows("FooBot", "http://foo.bar/x/page")
                        .disallows("FooBot", "http://foo.bar/y/page").build(),

                file("ID_Encoding query", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n")
                        .allows("FooBot", "http://foo.bar/foo/bar?qux=taz&baz=http://foo.bar?tar&par").build(),
                file("ID_Encoding 3-byte character", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n")
                        .allows("FooBot", "http://foo.bar/foo/bar/%E3%83%84")
                        .allows("FooBot", "http://foo.bar/foo/bar/ツ").differs(URL_ENCODED_BY_OKHTTP).build(),
                file("ID_Encoding percent-encoded 3-byte character", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n")
                        .allows("FooBot", "http://foo.bar/foo/bar/%E3%83%84")
                        .allows("FooBot", "http://foo.bar/foo/bar/ツ").differs(URL_ENCODED_BY_OKHTTP).build(),
                file("ID_Encoding percent-encoded unreserved", "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n")
                        .allows("FooBot", "http://foo.bar/foo/bar/baz").differs(UNRESERVED_DECODED)
                        .allows("FooBot", "http://foo.bar/foo/bar/%62%61%7A").build(),

                file("ID_SpecialCharacters 1", "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n")
                        .disallows("FooBot", "http://foo.bar/foo/bar/quz")
                        .allows("FooBot", "http://foo.bar/foo/quz", "http://foo.bar/foo//quz", "http://foo.bar/foo/bax/quz").build(),
                file("ID_SpecialCharacters 2", "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n")
                        .disallows("FooBot", "http://foo.bar/foo/bar")
                        .allows("FooBot", "http://foo.bar/foo/bar/qux", "http://foo.bar/foo/bar/", "http://foo.bar/foo/bar/baz").build(),
                file("ID_SpecialCharacters 3", "User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n")
                        .allows("FooBot", "http://foo.bar/foo/bar")
                        .disallows("FooBot", "http://foo.bar/foo/quz").build(),

                file("GoogleOnly_IndexHTMLisDirectory", "User-Agent: *\nAllow: /allowed-slash/index.html\nDisallow: /\n")
                        .allows("foobot", "http://foo.com/allowed-slash/")
                        .disallows("foobot", "http://foo.com/allowed-slash/index.htm")
                        .allows("foobot", "http://foo.com/allowed-slash/index.html")
                        .disallows("foobot", "http://foo.com/anyother-url").build(),

                lineTooLongDisallow(),
                lineTooLongAllow(),

                file("GoogleOnly_DocumentationChecks /fish", "user-agent: FooBot\ndisallow: /\nallow: /fish\n")
                        .disallows("FooBot", "http://foo.bar/bar")
                        .allows("FooBot", "http://foo.bar/fish", "http://foo.bar/fish.html", "http://foo.bar/fish/salmon.html",
                                "http://foo.bar/fishheads", "http://foo.bar/fishheads/yummy.html", "http://foo.bar/fish.html?id=anything")
                        .disallows("FooBot", "http://foo.bar/Fish.asp", "http://foo.bar/catfish", "http://foo.bar/?id=fish").build(),
                file("GoogleOnly_DocumentationChecks /fish*", "user-agent: FooBot\ndisallow: /\nallow: /fish*\n")
                        .disallows("FooBot", "http://foo.bar/bar")
                        .allows("FooBot", "http://foo.bar/fish", "http://foo.bar/fish.html", "http://foo.bar/fish/salmon.html",
                                "http://foo.bar/fishheads", "http://foo.bar/fishheads/yummy.html", "http://foo.bar/fish.html?id=anything")
                        .disallows("FooBot", "http://foo.bar/Fish.bar", "http://foo.bar/catfish", "http://foo.bar/?id=fish").build(),
                file("GoogleOnly_DocumentationChecks /fish/", "user-agent: FooBot\ndisallow: /\nallow: /fish/\n")
                        .disallows("FooBot", "http://foo.bar/bar")
                        .allows("FooBot", "http://foo.bar/fish/", "http://foo.bar/fish/salmon", "http://foo.bar/fish/?salmon",
                                "http://foo.bar/fish/salmon.html", "http://foo.bar/fish/?id=anything")
                        .disallows("FooBot", "http://foo.bar/fish", "http://foo.bar/fish.html", "http://foo.bar/Fish/Salmon.html").build(),
                file("GoogleOnly_DocumentationChecks /*.php", "user-agent: FooBot\ndisallow: /\nallow: /*.php\n")
                        .disallows("FooBot", "http://foo.bar/bar")
                        .allows("FooBot", "http://foo.bar/filename.php", "http://foo.bar/folder/filename.php",
                                "http://foo.bar/folder/filename.php?parameters", "http://foo.bar//folder/any.php.file.html",
                                "http://foo.bar/filename.php/", "http://foo.bar/index?f=filename.php/")
                        .disallows("FooBot", "http://foo.bar/php/", "http://foo.bar/index?php", "http://foo.bar/windows.PHP").build(),
                file("GoogleOnly_DocumentationChecks /*.php$", "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n")
                        .disallows("FooBot", "http://foo.bar/bar")
                        .allows("FooBot", "http://foo.bar/filename.php", "http://foo.bar/folder/filename.php")
                        .disallows("FooBot", "http://foo.bar/filename.php?parameters", "http://foo.bar/filename.php/",
                                "http://foo.bar/filename.php5", "http://foo.bar/php/", "http://foo.bar/filename?php",
                                "http://foo.bar/aaaphpaaa", "http://foo.bar//windows.PHP").build(),
                file("GoogleOnly_DocumentationChecks /fish*.php", "user-agent: FooBot\ndisallow: /\nallow: /fish*.php\n")
                        .disallows("FooBot", "http://foo.bar/bar")
                        .allows("FooBot", "http://foo.bar/fish.php", "http://foo.bar/fishheads/catfish.php?parameters")
                        .disallows("FooBot", "http://foo.bar/Fish.PHP").build(),
                file("GoogleOnly_DocumentationChecks precedence /p", "user-agent: FooBot\nallow: /p\ndisallow: /\n")
                        .allows("FooBot", "http://example.com/page").build(),
                file("GoogleOnly_DocumentationChecks precedence /folder", "user-agent: FooBot\nallow: /folder\ndisallow: /folder\n")
                        .allows("FooBot", "http://example.com/folder/page").build(),
                file("GoogleOnly_DocumentationChecks precedence /*.htm", "user-agent: FooBot\nallow: /page\ndisallow: /*.htm\n")
                        .disallows("FooBot", "http://example.com/page.htm").build(),
                file("GoogleOnly_DocumentationChecks precedence /$", "user-agent: FooBot\nallow: /$\ndisallow: /\n")
                        .allows("FooBot", "http://example.com/")
                        .disallows("FooBot", "http://example.com/page.html").build(),

                linesNumbersAreCountedCorrectly("unix", "\n"),
                linesNumbersAreCountedCorrectly("dos", "\r\n"),
                linesNumbersAreCountedCorrectly("mac", "\r"),
                file("ID_LinesNumbersAreCountedCorrectly no final newline",
                        "User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /")
                        .allows("foo", "http://foo.bar/").disallows("bar", "http://foo.bar/").build(),
                file("ID_LinesNumbersAreCountedCorrectly mixed",
                        "User-Agent: foo\nAllow: /some/path\r\nUser-Agent: bar\n\r\n\nDisallow: /")
                        .allows("foo", "http://foo.bar/").disallows("bar", "http://foo.bar/").build(),

                file("ID_UTF8ByteOrderMarkIsSkipped full", bytes(0xEF, 0xBB, 0xBF, "User-Agent: foo\nDisallow: /AnyValue\n"))
                        .disallows("foo", "http://foo.bar/AnyValue").build(),
                file("ID_UTF8ByteOrderMarkIsSkipped partial 2", bytes(0xEF, 0xBB, "User-Agent: foo\nDisallow: /AnyValue\n"))
                        .disallows("foo", "http://foo.bar/AnyValue").build(),
                file("ID_UTF8ByteOrderMarkIsSkipped partial 1", bytes(0xEF, "User-Agent: foo\nDisallow: /AnyValue\n"))
                        .disallows("foo", "http://foo.bar/AnyValue").build(),
                // The broken first line is no User-agent line, so the rule after it is in no group.
                file("ID_UTF8ByteOrderMarkIsSkipped broken", bytes(0xEF, 0x11, 0xBF, "User-Agent: foo\nDisallow: /AnyValue\n"))
                        .allows("foo", "http://foo.bar/AnyValue").build(),
                file("ID_UTF8ByteOrderMarkIsSkipped in the middle",
                        bytes("User-Agent: foo\n", 0xEF, 0xBB, 0xBF, "Disallow: /AnyValue\n"))
                        .allows("foo", "http://foo.bar/AnyValue").build(),

                file("ID_NonStandardLineExample_Sitemap at the end",
                        "User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nSitemap: http://foo.bar/sitemap.xml\n")
                        .sitemaps("http://foo.bar/sitemap.xml").build(),
                file("ID_NonStandardLineExample_Sitemap at the start",
                        "Sitemap: http://foo.bar/sitemap.xml\nUser-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\n")
                        .sitemaps("http://foo.bar/sitemap.xml").build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsRobotsTestCc(Runnable check) {
        check.run();
    }

    /** TestGetPathParamsQuery, for the absolute URLs a crawl has: what rules are matched against. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ' ', value = {
        "http://www.example.com /",
        "http://www.example.com/ /",
        "http://www.example.com/a /a",
        "http://www.example.com/a/ /a/",
        "http://www.example.com/a/b?c=http://d.e/ /a/b?c=http://d.e/",
        "http://www.example.com/a/b?c=d&e=f#fragment /a/b?c=d&e=f",
        "http://example.com/a;b#c /a;b",
        "http://example.com?a /?a",
    })
    void matchesThePathAndQueryOfAUrl(String url, String pathAndQuery) {
        assertEquals(pathAndQuery, PercentEncoding.path(RobotsCache.pathAndQuery(HttpUrl.get(url))));
    }

    private static RobotsCase userAgentValueCaseInsensitive(String agent) {
        return file("ID_UserAgentValueCaseInsensitive " + agent, "User-Agent: " + agent + "\nAllow: /x/\nDisallow: /\n")
                .allows("Foo", "http://foo.bar/x/y").disallows("Foo", "http://foo.bar/a/b")
                .allows("foo", "http://foo.bar/x/y").disallows("foo", "http://foo.bar/a/b").build();
    }

    private static RobotsCase linesNumbersAreCountedCorrectly(String kind, String eol) {
        String robots = String.join(eol, "User-Agent: foo", "Allow: /some/path", "User-Agent: bar", "", "", "Disallow: /") + eol;
        return file("ID_LinesNumbersAreCountedCorrectly " + kind, robots)
                .allows("foo", "http://foo.bar/")
                .disallows("bar", "http://foo.bar/", "http://foo.bar/some/path").build();
    }

    private static final int MAX_LINE_LENGTH = 2083 * 8;

    private static RobotsCase lineTooLongDisallow() {
        String disallow = "disallow: ";
        StringBuilder longline = new StringBuilder("/x/");
        while (longline.length() < MAX_LINE_LENGTH - "/x/".length() - disallow.length() + 1) {
            longline.append('a');
        }
        return file("GoogleOnly_LineTooLong disallow", "user-agent: FooBot\n" + disallow + longline + "/qux\n")
                .allows("FooBot", "http://foo.bar/fux")
                .disallows("FooBot", "http://foo.bar" + longline + "/fux").build();
    }

    private static RobotsCase lineTooLongAllow() {
        String allow = "allow: ";
        StringBuilder a = new StringBuilder("/x/");
        StringBuilder b = new StringBuilder("/x/");
        while (a.length() < MAX_LINE_LENGTH - "/x/".length() - allow.length() + 1) {
            a.append('a');
            b.append('b');
        }
        return file("GoogleOnly_LineTooLong allow",
                "user-agent: FooBot\ndisallow: /\n" + allow + a + "/qux\n" + allow + b + "/qux\n")
                .disallows("FooBot", "http://foo.bar/")
                .allows("FooBot", "http://foo.bar" + a + "/qux", "http://foo.bar" + b + "/fux").build();
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(part.toString().getBytes(UTF_8));
            }
        }
        return out.toByteArray();
    }
}
