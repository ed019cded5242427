package dev.trawl.robots;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which groups apply to a product token, and what the chosen groups contribute (rules, Crawl-delay),
 * plus the global Sitemap lines: what the conformance suites ({@link GoogleConformanceTest} and the
 * others) do not already ask.
 */
class RobotsParserTest {

    static boolean allowed(String robotsTxt, String productToken, String pathAndQuery) {
        return RobotsRules.parse(robotsTxt.getBytes(UTF_8), productToken).allows(pathAndQuery);
    }

    @Nested
    class Groups {
        @Test
        void rulesBeforeAnyUserAgentAreIgnored() {
            assertTrue(allowed("disallow: /\nuser-agent: FooBot\nallow: /x\n", "FooBot", "/y"));
        }

        @Test
        void namedGroupWithoutRulesAllowsEverything() {
            String robots = "user-agent: *\ndisallow: /\nuser-agent: FooBot\n";
            assertTrue(allowed(robots, "FooBot", "/x"));
            assertFalse(allowed(robots, "BarBot", "/x"));
        }

        @Test
        void namedGroupWithOnlyEmptyRulesAllowsEverything() {
            String robots = "user-agent: *\ndisallow: /\nuser-agent: FooBot\ndisallow:\n";
            assertTrue(allowed(robots, "FooBot", "/x"));
        }

        @Test
        void starGroupsAreMerged() {
            String robots = "user-agent: *\ndisallow: /a\nuser-agent: BarBot\ndisallow: /\nuser-agent: *\ndisallow: /b\n";
            assertFalse(allowed(robots, "FooBot", "/a"));
            assertFalse(allowed(robots, "FooBot", "/b"));
            assertTrue(allowed(robots, "FooBot", "/c"));
        }

        @Test
        void groupNamingBothStarAndTheTokenBelongsToTheToken() {
            String robots = "user-agent: *\nuser-agent: FooBot\ndisallow: /private\n";
            assertFalse(allowed(robots, "FooBot", "/private"));
            assertFalse(allowed(robots, "BarBot", "/private"));
        }

        @Test
        void starFollowedBySpaceAndMoreIsStillTheStarGroup() {
            assertFalse(allowed("user-agent: * everybody\ndisallow: /\n", "FooBot", "/x"));
            assertFalse(allowed("user-agent: *\t\ndisallow: /\n", "FooBot", "/x"));
        }

        @Test
        void starGluedBeforeANameNamesNobody() {
            assertTrue(allowed("user-agent: *bot\ndisallow: /\n", "FooBot", "/x"));
        }

        @Test
        void starGluedAfterANameIsCutOffLikeAnyNonTokenCharacter() {
            String robots = "user-agent: FooBot*\ndisallow: /\nuser-agent: *\nallow: /\n";
            assertFalse(allowed(robots, "FooBot", "/x"));
        }

        @Test
        void unknownLinesDoNotEndAGroup() {
            String robots = "user-agent: FooBot\ndisallow: /a\nnoindex: /b\ndisallow: /c\n";
            assertFalse(allowed(robots, "FooBot", "/a"));
            assertTrue(allowed(robots, "FooBot", "/b"));
            assertFalse(allowed(robots, "FooBot", "/c"));
        }

        @Test
        void crawlDelayDoesNotSplitUserAgentRuns() {
            // Issue 10: a and b are one group, so a may not fetch / either (RFC 9309 §2.2.4).
            String robots = "User-agent: a\nCrawl-delay: 1\n\nUser-agent: b\nDisallow: /\n";
            assertFalse(allowed(robots, "a", "/"));
            assertFalse(allowed(robots, "b", "/"));
            assertTrue(allowed(robots, "c", "/"));
        }

        @Test
        void onlyAllowAndDisallowEndAUserAgentRun() {
            String robots = "user-agent: FooBot\ncrawl-delay: 1\nsitemap: https://foo.bar/s.xml\nhost: foo.bar\n"
                    + "user-agent: BarBot\ndisallow: /x\ncrawl-delay: 2\nuser-agent: BazBot\ndisallow: /y\n";
            assertFalse(allowed(robots, "FooBot", "/x"));
            assertTrue(allowed(robots, "FooBot", "/y"));
            assertFalse(allowed(robots, "BarBot", "/x"));
            assertFalse(allowed(robots, "BazBot", "/y"));
            assertTrue(allowed(robots, "BazBot", "/x"));
        }
    }

    @Nested
    class UserAgents {
        @Test
        void versionAndCommentAfterTheTokenAreIgnored() {
            String robots = "user-agent: *\nallow: /\nuser-agent: Googlebot/2.1 (+http://www.google.com/bot.html)\ndisallow: /\n";
            assertFalse(allowed(robots, "googlebot", "/x"));
            assertFalse(allowed(robots, "Googlebot", "/x"));
        }

        @Test
        void tokenMustMatchWholeNotAsPrefix() {
            String robots = "user-agent: Googlebot-Image\ndisallow: /\nuser-agent: FooBotExtra\ndisallow: /\n";
            assertTrue(allowed(robots, "Googlebot", "/x"));
            assertTrue(allowed(robots, "FooBot", "/x"));
            assertFalse(allowed(robots, "googlebot-image", "/x"));
        }

        @Test
        void tokenWithCharactersOutsideTheRfcSetOnlyGetsTheStarGroup() {
            String robots = "user-agent: bot2\ndisallow: /a\nuser-agent: *\ndisallow: /b\n";
            assertTrue(allowed(robots, "bot2", "/a"));
            assertFalse(allowed(robots, "bot2", "/b"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"useragent", "user agent", "User-Agents", "USERAGENT"})
        void userAgentTyposGoogleAcceptsAreAccepted(String key) {
            assertFalse(allowed(key + ": FooBot\ndisallow: /\n", "FooBot", "/x"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"dissallow", "dissalow", "disalow", "diasllow", "disallaw", "DISALOW", "Disallowed"})
        void disallowTyposGoogleAcceptsAreAccepted(String key) {
            assertFalse(allowed("user-agent: FooBot\n" + key + ": /\n", "FooBot", "/x"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"disallw", "dis-allow", "deny", "user_agent"})
        void otherMisspellingsAreIgnored(String key) {
            assertTrue(allowed("user-agent: FooBot\n" + key + ": /\n", "FooBot", "/x"));
        }
    }

    @Nested
    class CrawlDelay {
        private Optional<Duration> delay(String robots, String token) {
            return RobotsRules.parse(robots.getBytes(UTF_8), token).crawlDelay();
        }

        @Test
        void wholeSecondsAreRead() {
            assertEquals(Optional.of(Duration.ofSeconds(10)), delay("user-agent: *\ncrawl-delay: 10\n", "FooBot"));
        }

        @Test
        void fractionalSecondsAreRead() {
            assertEquals(Optional.of(Duration.ofMillis(500)), delay("user-agent: *\ncrawl-delay: 0.5\n", "FooBot"));
            assertEquals(Optional.of(Duration.ofMillis(250)), delay("user-agent: *\ncrawl-delay: .25\n", "FooBot"));
            assertEquals(Optional.of(Duration.ofSeconds(2)), delay("user-agent: *\ncrawl-delay: 2.\n", "FooBot"));
            assertEquals(Optional.of(Duration.ofNanos(1_000_000_001L)),
                    delay("user-agent: *\ncrawl-delay: 1.0000000019\n", "FooBot"));
        }

        @Test
        void keyIsCaseInsensitiveAndCommentsAreStripped() {
            assertEquals(Optional.of(Duration.ofSeconds(3)), delay("user-agent: *\nCRAWL-DELAY: 3 # be nice\n", "FooBot"));
            assertEquals(Optional.of(Duration.ofSeconds(3)), delay("user-agent: *\ncrawl-delay 3\n", "FooBot"));
        }

        @Test
        void zeroIsAValidDelay() {
            assertEquals(Optional.of(Duration.ZERO), delay("user-agent: *\ncrawl-delay: 0\n", "FooBot"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-1", "abc", "5s", "1,5", "1.2.3", "+3", "1e3", "NaN", "Infinity", "99999999999999999999"})
        void invalidValuesAreIgnored(String value) {
            assertEquals(Optional.empty(), delay("user-agent: *\ncrawl-delay: " + value + "\n", "FooBot"));
        }

        @Test
        void firstValidValueWins() {
            assertEquals(Optional.of(Duration.ofSeconds(4)),
                    delay("user-agent: *\ncrawl-delay: soon\ncrawl-delay: 4\ncrawl-delay: 9\n", "FooBot"));
        }

        @Test
        void firstValidValueAcrossMergedGroupsWins() {
            String robots = "user-agent: FooBot\ndisallow: /a\nuser-agent: *\ndisallow: /b\ncrawl-delay: 1\n"
                    + "user-agent: FooBot\ndisallow: /c\ncrawl-delay: 7\nuser-agent: foobot\ndisallow: /d\ncrawl-delay: 8\n";
            assertEquals(Optional.of(Duration.ofSeconds(7)), delay(robots, "FooBot"));
        }

        @Test
        void appliesToEveryAgentOfTheGroupItIsIn() {
            // The group is a and b whichever of their lines the Crawl-delay stands after.
            String robots = "User-agent: a\nCrawl-delay: 1\n\nUser-agent: b\nDisallow: /\n";
            assertEquals(Optional.of(Duration.ofSeconds(1)), delay(robots, "a"));
            assertEquals(Optional.of(Duration.ofSeconds(1)), delay(robots, "b"));
            assertEquals(Optional.empty(), delay(robots, "c"));
        }

        @Test
        void perBotDelaysBeforeTheStarGroupJoinIt() {
            // A common real-world shape: every User-agent line up to the first rule is one group.
            String robots = "User-agent: MJ12bot\nCrawl-delay: 20\n\nUser-agent: SemrushBot\nCrawl-delay: 10\n\n"
                    + "User-agent: *\nDisallow: /login\n";
            assertEquals(Optional.of(Duration.ofSeconds(20)), delay(robots, "trawl"));
            assertEquals(Optional.of(Duration.ofSeconds(20)), delay(robots, "SemrushBot"));
            assertFalse(allowed(robots, "MJ12bot", "/login"));
            assertFalse(allowed(robots, "trawl", "/login"));
        }

        @Test
        void comesFromTheChosenGroupOnly() {
            String robots = "user-agent: *\ndisallow: /a\ncrawl-delay: 1\nuser-agent: FooBot\ndisallow: /b\ncrawl-delay: 5\n"
                    + "user-agent: BarBot\ndisallow: /\n";
            assertEquals(Optional.of(Duration.ofSeconds(5)), delay(robots, "FooBot"));
            assertEquals(Optional.of(Duration.ofSeconds(1)), delay(robots, "QuxBot"));
            assertEquals(Optional.empty(), delay(robots, "BarBot"));
        }

        @Test
        void isEmptyWhenNoneIsGiven() {
            assertEquals(Optional.empty(), delay("user-agent: *\ndisallow: /x\n", "FooBot"));
            assertEquals(Optional.empty(), delay("", "FooBot"));
        }

        @Test
        void outsideAnyGroupIsIgnored() {
            assertEquals(Optional.empty(), delay("crawl-delay: 5\nuser-agent: *\ndisallow: /x\n", "FooBot"));
        }
    }

    @Nested
    class Sitemaps {
        private List<String> sitemaps(String robots) {
            return RobotsRules.parse(robots.getBytes(UTF_8), "FooBot").sitemaps();
        }

        @Test
        void sitemapsAnywhereAreCollectedInOrder() {
            String robots = """
                    Sitemap: http://foo.bar/first.xml
                    User-Agent: foo
                    Allow: /some/path
                    sitemap: https://foo.bar/second.xml
                    User-Agent: bar

                    SITEMAP:https://other.example/third.xml
                    """;
            assertEquals(List.of("http://foo.bar/first.xml", "https://foo.bar/second.xml", "https://other.example/third.xml"),
                    sitemaps(robots));
        }

        @Test
        void sitemapsAreKeptAsWritten() {
            assertEquals(List.of("https://foo.bar/Site Map/ツ.xml?a=B"), sitemaps("Sitemap:   https://foo.bar/Site Map/ツ.xml?a=B  \n"));
        }

        @Test
        void siteMapSpellingIsAccepted() {
            assertEquals(List.of("https://foo.bar/s.xml"), sitemaps("site-map: https://foo.bar/s.xml\n"));
        }

        @Test
        void emptySitemapLinesAreSkipped() {
            assertEquals(List.of(), sitemaps("sitemap:\nsitemap: # none\n"));
        }

        @Test
        void sitemapsAreReturnedWhateverTheGroups() {
            String robots = "user-agent: BarBot\ndisallow: /\nsitemap: https://foo.bar/s.xml\n";
            assertEquals(List.of("https://foo.bar/s.xml"), RobotsRules.parse(robots.getBytes(UTF_8), "QuxBot").sitemaps());
        }

        @Test
        void sitemapListIsImmutable() {
            List<String> list = sitemaps("sitemap: https://foo.bar/s.xml\n");
            assertThrows(UnsupportedOperationException.class, () -> list.add("x"));
        }
    }

    @Nested
    class Size {
        @Test
        void everyRuleInTheFirst500KibCounts() {
            // Issue 10: 490 KB of Disallow lines, the last one forbidding /deep/.
            StringBuilder robots = new StringBuilder("User-agent: *\n");
            int rules = 0;
            while (robots.length() < 490_000) {
                robots.append(String.format(Locale.ROOT, "Disallow: /archive/%06d/\n", rules++));
            }
            robots.append("Disallow: /deep/\n");
            assertTrue(robots.length() < RobotsLexer.MAX_BODY_BYTES, "within the 500 KiB read");
            assertTrue(rules > 18_000, rules + " rules");
            assertFalse(allowed(robots.toString(), "trawl", "/deep/page.html"));
            assertFalse(allowed(robots.toString(), "trawl", "/archive/000000/x"));
            assertFalse(allowed(robots.toString(), "trawl", String.format(Locale.ROOT, "/archive/%06d/", rules - 1)));
            assertTrue(allowed(robots.toString(), "trawl", "/archive/"));
            assertTrue(allowed(robots.toString(), "trawl", "/deeper"));
        }

        @Test
        void duplicateRulesAreKeptOnce() {
            String robots = "user-agent: FooBot\n" + "disallow: /same\n".repeat(20_000) + "disallow: /other\n";
            assertFalse(allowed(robots, "FooBot", "/same"));
            assertFalse(allowed(robots, "FooBot", "/other"));
            assertTrue(allowed(robots, "FooBot", "/else"));
        }
    }
}
