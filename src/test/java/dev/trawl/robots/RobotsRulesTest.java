package dev.trawl.robots;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Matching: which rule decides for a path, beyond what the conformance suites ({@link
 * GoogleConformanceTest}, {@link Rfc9309ConformanceTest}) ask: trawl's own spelling of paths, hostile
 * patterns, and the edges between literal, anchored and wildcard patterns.
 */
class RobotsRulesTest {

    static boolean allowed(String robotsTxt, String productToken, String pathAndQuery) {
        return RobotsRules.parse(robotsTxt.getBytes(UTF_8), productToken).allows(pathAndQuery);
    }

    @Nested
    class Basics {
        @Test
        void emptyFileAllowsEverything() {
            assertTrue(allowed("", "FooBot", "/"));
            assertTrue(allowed("", "FooBot", "/x/y"));
        }

        @Test
        void emptyPathIsReadAsRoot() {
            assertFalse(allowed("user-agent: FooBot\ndisallow: /\n", "FooBot", ""));
            assertTrue(allowed("user-agent: FooBot\nallow: /$\ndisallow: /\n", "FooBot", ""));
        }

        @Test
        void pathWithoutLeadingSlashGetsOne() {
            String robots = "user-agent: FooBot\ndisallow: /?\n";
            assertFalse(allowed(robots, "FooBot", "?a=b"));
        }

        @Test
        void allowAllAllowsEverything() {
            RobotsRules rules = RobotsRules.allowAll();
            assertTrue(rules.unreachable().isEmpty());
            assertTrue(rules.allows("/"));
            assertTrue(rules.allows("/any/thing?x=1"));
            assertTrue(rules.crawlDelay().isEmpty());
            assertTrue(rules.sitemaps().isEmpty());
        }

        @Test
        void unreachableDisallowsEverythingButRobotsTxtAndSaysWhy() {
            RobotsRules rules = RobotsRules.unreachable("HTTP 503");
            assertEquals(Optional.of("HTTP 503"), rules.unreachable());
            assertFalse(rules.allows("/"));
            assertFalse(rules.allows(""));
            assertFalse(rules.allows("/any/thing?x=1"));
            assertTrue(rules.allows("/robots.txt"));
            assertTrue(rules.crawlDelay().isEmpty());
            assertTrue(rules.sitemaps().isEmpty());
        }

        @Test
        void robotsTxtIsAlwaysAllowed() {
            String robots = "user-agent: *\ndisallow: /\ndisallow: /robots.txt\n";
            assertTrue(allowed(robots, "FooBot", "/robots.txt"));
            assertTrue(allowed(robots, "FooBot", "/robots.txt?x=1"));
            assertFalse(allowed(robots, "FooBot", "/robots.txt.bak"));
            assertFalse(allowed(robots, "FooBot", "/robots.txtx"));
        }

        @Test
        void blankProductTokenIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> RobotsRules.parse(new byte[0], " "));
            assertThrows(NullPointerException.class, () -> RobotsRules.parse(new byte[0], null));
            assertThrows(NullPointerException.class, () -> RobotsRules.parse(null, "FooBot"));
        }
    }

    @Nested
    class Precedence {
        @Test
        void tieIsBetweenPatternLengthsNotMatchedLengths() {
            // Both are 5 bytes long; Allow wins although /a*z matched more of the path.
            assertTrue(allowed("user-agent: FooBot\ndisallow: /a*yz\nallow: /abcd\n", "FooBot", "/abcdxyz"));
        }

        @Test
        void emptyAllowAndDisallowMatchNothing() {
            assertTrue(allowed("user-agent: FooBot\ndisallow: \nallow: \n", "FooBot", "/x/page.html"));
            assertTrue(allowed("user-agent: FooBot\ndisallow:\n", "FooBot", "/"));
        }

    }

    @Nested
    class Patterns {
        @Test
        void dollarInsideAPatternIsLiteral() {
            String robots = "user-agent: FooBot\ndisallow: /a$b\ndisallow: /c$*d\n";
            assertFalse(allowed(robots, "FooBot", "/a$b/x"));
            assertTrue(allowed(robots, "FooBot", "/a"));
            assertFalse(allowed(robots, "FooBot", "/c$xd"));
            assertTrue(allowed(robots, "FooBot", "/cxd"));
        }

        @Test
        void starInTheMiddleMatchesEmptyAndLongRuns() {
            String robots = "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n";
            assertFalse(allowed(robots, "FooBot", "/foo/bar/quz"));
            assertTrue(allowed(robots, "FooBot", "/foo/quz"));
            assertTrue(allowed(robots, "FooBot", "/foo//quz"));
            assertTrue(allowed(robots, "FooBot", "/foo/bax/quz"));
            assertFalse(allowed("user-agent: FooBot\ndisallow: /a*b*c\n", "FooBot", "/abc"));
            assertFalse(allowed("user-agent: FooBot\ndisallow: /a*b*c\n", "FooBot", "/axxbxxcxx"));
            assertTrue(allowed("user-agent: FooBot\ndisallow: /a*b*c\n", "FooBot", "/acb"));
        }

        @Test
        void patternStartingWithStarMatchesAnywhere() {
            String robots = "user-agent: FooBot\ndisallow: *fish\n";
            assertFalse(allowed(robots, "FooBot", "/catfish"));
            assertFalse(allowed(robots, "FooBot", "/?q=fish"));
            assertTrue(allowed(robots, "FooBot", "/cat"));
        }

        @Test
        void patternNotStartingWithSlashOrStarMatchesNothing() {
            // As in Google's parser: patterns are anchored at the start of the path, which is "/".
            String robots = "user-agent: FooBot\ndisallow: fish\ndisallow: $\n";
            assertTrue(allowed(robots, "FooBot", "/fish"));
            assertTrue(allowed(robots, "FooBot", "/"));
        }

        @Test
        void queryIsPartOfThePath() {
            String robots = "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n";
            assertTrue(allowed(robots, "FooBot", "/foo/bar?qux=taz&baz=http://foo.bar?tar&par"));
            assertFalse(allowed("user-agent: FooBot\ndisallow: /*?sort=\n", "FooBot", "/list?sort=asc"));
            assertTrue(allowed("user-agent: FooBot\ndisallow: /*?sort=\n", "FooBot", "/list?page=2"));
        }

        @Test
        void hostilePatternsFinishAndMatchCorrectly() {
            String robots = "user-agent: FooBot\ndisallow: /*a*a*a*a*a*a*a*b\ndisallow: /*a*a*a*a*a*a*a*a*c$\n";
            String as = "/" + "a".repeat(100_000);
            assertTrue(allowed(robots, "FooBot", as));
            assertFalse(allowed(robots, "FooBot", as + "b"));
            assertFalse(allowed(robots, "FooBot", as + "c"));
            assertTrue(allowed(robots, "FooBot", as + "cd"));
        }

        @Test
        void manyStarsFinishAndMatchCorrectly() {
            String robots = "user-agent: FooBot\ndisallow: /" + "*a".repeat(5_000) + "$\n";
            assertTrue(allowed(robots, "FooBot", "/" + "a".repeat(4_999)));
            assertFalse(allowed(robots, "FooBot", "/" + "ba".repeat(5_000)));
        }
    }

    @Nested
    class Encoding {
        @Test
        void hexCaseOfPercentEscapesDoesNotMatter() {
            assertTrue(allowed("User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%e3%83%84\n", "FooBot",
                    "/foo/bar/%E3%83%84"));
            // Unlike Google, the path is made canonical too: OkHttp keeps escapes as the link wrote them.
            assertTrue(allowed("User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n", "FooBot",
                    "/foo/bar/%e3%83%84"));
            assertFalse(allowed("User-agent: FooBot\nDisallow: /a%2fb\n", "FooBot", "/a%2Fb"));
        }

        @Test
        void unencodedNonAsciiPathIsEncodedBeforeMatching() {
            // Google answers false here and expects callers to encode; we encode for them.
            assertTrue(allowed("User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n", "FooBot", "/foo/bar/ツ"));
        }

        @Test
        void escapedUnreservedCharactersMatchThemselvesUnescaped() {
            // RFC 9309 2.2.2 (Google compares them as written and answers false for /foo/bar/baz).
            String robots = "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n";
            assertTrue(allowed(robots, "FooBot", "/foo/bar/baz"));
            assertTrue(allowed(robots, "FooBot", "/foo/bar/%62%61%7A"));
            assertFalse(allowed(robots, "FooBot", "/foo/bar/bay"));
            String tilde = "User-agent: FooBot\nDisallow: /%7Efoo\n";
            assertFalse(allowed(tilde, "FooBot", "/~foo"));
            assertFalse(allowed(tilde, "FooBot", "/%7Efoo"));
            assertFalse(allowed(tilde, "FooBot", "/%7efoo"));
            assertTrue(allowed("User-agent: FooBot\nDisallow: /~foo\n", "FooBot", "/%7Ebar"));
        }

        @Test
        void escapedReservedCharactersDoNotMatchThemselvesUnescaped() {
            String robots = "User-agent: FooBot\nDisallow: /a%2Fb\nDisallow: /c%3Fd\n";
            assertTrue(allowed(robots, "FooBot", "/a/b"));
            assertFalse(allowed(robots, "FooBot", "/a%2fb"));
            assertTrue(allowed(robots, "FooBot", "/c?d"));
        }

        @Test
        void escapedStarAndDollarMatchThoseCharactersInTheUrl() {
            // RFC 9309 2.2.3: a pattern matches a literal * or $ through %2A and %24.
            String robots = "User-agent: FooBot\nDisallow: /file-with-a-%2A.html\nDisallow: /foo-%24\n";
            assertFalse(allowed(robots, "FooBot", "/file-with-a-*.html"));
            assertFalse(allowed(robots, "FooBot", "/file-with-a-%2a.html"));
            assertTrue(allowed(robots, "FooBot", "/file-with-a-b.html"));
            assertFalse(allowed(robots, "FooBot", "/foo-$"));
            assertTrue(allowed(robots, "FooBot", "/foo-"));
        }

        @Test
        void spaceInAPatternMatchesPercentTwenty() {
            String robots = "User-agent: FooBot\nDisallow: /a b\n";
            assertFalse(allowed(robots, "FooBot", "/a%20b/c"));
            assertTrue(allowed(robots, "FooBot", "/a+b/c"));
        }

        @Test
        void longerEncodedPatternWinsByItsEncodedLength() {
            // "/*é" is 8 bytes once encoded ("/*%C3%A9"), longer than the 6-byte "/abcde".
            String robots = "User-agent: FooBot\nAllow: /abcde\nDisallow: /*é\n";
            assertFalse(allowed(robots, "FooBot", "/abcde%C3%A9"));
        }
    }
}
