package dev.trawl.robots;

import static dev.trawl.robots.RobotsCase.file;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples of RFC 9309, as data: the group examples of §2.2.1, the percent-encoding table of
 * §2.2.2 and the special characters of §2.2.3, the other records of §2.2.4, and the files of §5.1 and
 * §5.2. Each table row is a file with one pattern and the URI it must match; the pattern is an Allow
 * under {@code Disallow: /}, so that a match shows as "may fetch".
 */
class Rfc9309ConformanceTest {

    static Stream<Named<Runnable>> cases() {
        return RobotsCase.checks(List.of(
                file("2.2.1 groups matching the same product token are merged", """
                        user-agent: ExampleBot
                        disallow: /foo
                        disallow: /bar

                        user-agent: ExampleBot
                        disallow: /baz
                        """)
                        .disallows("ExampleBot", "https://www.example.com/foo", "https://www.example.com/bar",
                                "https://www.example.com/baz")
                        .allows("ExampleBot", "https://www.example.com/qux").build(),
                file("2.2.1 no matching group but *", """
                        user-agent: *
                        disallow: /foo
                        disallow: /bar

                        user-agent: BazBot
                        disallow: /baz
                        """)
                        .disallows("ExampleBot", "https://www.example.com/foo", "https://www.example.com/bar")
                        .allows("ExampleBot", "https://www.example.com/baz").build(),
                file("2.2.1 no matching group and no *", "user-agent: BazBot\ndisallow: /baz\n")
                        .allows("ExampleBot", "https://www.example.com/baz").build(),
                file("2.2.1 product token matched case-insensitively", "user-agent: examplebot\ndisallow: /\n")
                        .disallows("ExampleBot", "https://www.example.com/").build(),

                encodingRow("2.2.2 /foo/bar?baz=quz", "/foo/bar?baz=quz", "https://www.example.com/foo/bar?baz=quz"),
                encodingRow("2.2.2 /foo/bar/U+E38384", "/foo/bar/ツ", "https://www.example.com/foo/bar/%E3%83%84"),
                encodingRow("2.2.2 /foo/bar/%E3%83%84", "/foo/bar/%E3%83%84", "https://www.example.com/foo/bar/%E3%83%84"),
                encodingRow("2.2.2 /foo/bar/%62%61%7A", "/foo/bar/%62%61%7A", "https://www.example.com/foo/bar/baz"),
                file("2.2.2 /foo/bar?baz=https://foo.bar", "User-agent: *\nDisallow: /\nAllow: /foo/bar?baz=https://foo.bar\n")
                        .allows("ExampleBot", "https://www.example.com/foo/bar?baz=https://foo.bar")
                        .disallows("ExampleBot", "https://www.example.com/foo/bar?baz=https%3A%2F%2Ffoo.bar")
                        .differs("reserved characters are compared as written, as Google does: ':' and %3A, '/' and %2F "
                                + "are different URIs under RFC 3986, and decoding %2F would change the path's segments").build(),
                file("2.2.2 the most specific match wins", "User-agent: *\nAllow: /a/b\nDisallow: /a\n")
                        .allows("ExampleBot", "https://www.example.com/a/b/c")
                        .disallows("ExampleBot", "https://www.example.com/a/c").build(),
                file("2.2.2 equivalent allow and disallow: allow", "User-agent: *\nDisallow: /a\nAllow: /a\n")
                        .allows("ExampleBot", "https://www.example.com/a").build(),
                file("2.2.2 matching is case sensitive", "User-agent: *\nDisallow: /A\n")
                        .allows("ExampleBot", "https://www.example.com/a").build(),
                file("2.2.2 rules outside any group are ignored", "Disallow: /\nUser-agent: *\nDisallow: /private\n")
                        .allows("ExampleBot", "https://www.example.com/public").build(),
                file("2.2.2 /robots.txt is implicitly allowed", "User-agent: *\nDisallow: /\n")
                        .allows("ExampleBot", "https://www.example.com/robots.txt").build(),
                file("2.2.2 a group without rules allows everything", "User-agent: *\nDisallow: /\nUser-agent: ExampleBot\n")
                        .allows("ExampleBot", "https://www.example.com/").build(),

                file("2.2.3 # comment", "User-agent: *\nDisallow: /\n# comment on its own line\nallow: / # comment in line\n")
                        .allows("ExampleBot", "https://www.example.com/x").build(),
                file("2.2.3 $ end of pattern", "User-agent: *\nDisallow: /\nallow: /this/path/exactly$\n")
                        .allows("ExampleBot", "https://www.example.com/this/path/exactly")
                        .disallows("ExampleBot", "https://www.example.com/this/path/exactly/not",
                                "https://www.example.com/this/path/exactly?q").build(),
                file("2.2.3 * any characters", "User-agent: *\nDisallow: /\nallow: /this/*/exactly\n")
                        .allows("ExampleBot", "https://www.example.com/this/is/exactly", "https://www.example.com/this//exactly",
                                "https://www.example.com/this/a/b/exactly/more")
                        .disallows("ExampleBot", "https://www.example.com/this/exactly").build(),
                encodingRow("2.2.3 /path/file-with-a-%2A.html", "/path/file-with-a-%2A.html",
                        "https://www.example.com/path/file-with-a-*.html"),
                encodingRow("2.2.3 /path/foo-%24", "/path/foo-%24", "https://www.example.com/path/foo-$"),

                file("2.2.4 a Sitemaps record does not terminate a group",
                        "User-agent: ExampleBot\nSitemap: https://www.example.com/sitemap.xml\nUser-agent: OtherBot\nDisallow: /\n")
                        .disallows("ExampleBot", "https://www.example.com/")
                        .sitemaps("https://www.example.com/sitemap.xml").build(),

                file("5.1 simple example", """
                        User-Agent: *
                        Disallow: *.gif$
                        Disallow: /example/
                        Allow: /publications/

                        User-Agent: foobot
                        Disallow:/
                        Allow:/example/page.html
                        Allow:/example/allowed.gif

                        User-Agent: barbot
                        User-Agent: bazbot
                        Disallow: /example/page.html

                        User-Agent: quxbot

                        EOF
                        """)
                        .allows("otherbot", "https://www.example.com/publications/", "https://www.example.com/publications/x.html",
                                "https://www.example.com/a.gifx", "https://www.example.com/")
                        .disallows("otherbot", "https://www.example.com/example/", "https://www.example.com/example/page.html",
                                "https://www.example.com/a.gif", "https://www.example.com/images/a.gif")
                        // Allow: /publications/ is longer than Disallow: *.gif$.
                        .allows("otherbot", "https://www.example.com/publications/x.gif")
                        .allows("foobot", "https://www.example.com/example/page.html", "https://www.example.com/example/allowed.gif")
                        .disallows("foobot", "https://www.example.com/", "https://www.example.com/publications/",
                                "https://www.example.com/example/other.html")
                        .disallows("barbot", "https://www.example.com/example/page.html")
                        .allows("barbot", "https://www.example.com/example/other.html", "https://www.example.com/a.gif")
                        .disallows("bazbot", "https://www.example.com/example/page.html")
                        .allows("bazbot", "https://www.example.com/example/")
                        .allows("quxbot", "https://www.example.com/example/page.html", "https://www.example.com/a.gif").build(),

                file("5.2 longest match", "User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n")
                        .disallows("foobot", "https://www.example.com/example/page/disallowed.gif")
                        .allows("foobot", "https://www.example.com/example/page/", "https://www.example.com/example/page/allowed.gif")
                        .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsTheRfcSays(Runnable check) {
        check.run();
    }

    /** A row of the tables of §2.2.2 and §2.2.3: the pattern matches the URI. */
    private static RobotsCase encodingRow(String name, String pattern, String uri) {
        return file(name, "User-agent: *\nDisallow: /\nAllow: " + pattern + "\n").allows("ExampleBot", uri).build();
    }
}
