package dev.trawl.robots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.Fuzzer;
import dev.trawl.Gen;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Properties of robots.txt parsing and matching for arbitrary bytes and generated files (issue 5): parsing
 * never fails, matching always answers, {@code /robots.txt} is always allowed, and the longest-match rule
 * agrees with a plain dynamic-programming matcher written here, independently of {@link Rule}.
 */
class RobotsRulesPropertiesTest {
    private static final String TOKEN = "trawl";

    private static final Gen<String> KEY = Gen.oneOf(
            Gen.elements("User-agent", "user-agent", "USER-AGENT", "useragent", "user agent", "User-agents"),
            Gen.elements("Allow", "allow", "Disallow", "disallow", "DISALLOW", "disalow", "dissallow", "Disallowed"),
            Gen.elements("Crawl-delay", "crawl-delay", "Sitemap", "site-map", "Host", "Noindex", "", "#", "Clean-param"),
            Gen.stringsOf("abc-:", 6));

    private static final Gen<String> COLON = Gen.elements(":", ":", ": ", " : ", " ", "\t", "", "::", ":\t");

    private static final Gen<String> PATTERN_PART = Gen.oneOf(
            Gen.elements("/", "/", "*", "$", "a", "b", "/a", "/b/", "?", "=", "&", ".", "..", "%", "%2", "%41", "%2f", "%2F", "%e2%98%83",
                    "%zz", "~", "%7E", "ü", "日", " ", "#c", "\t", "index.html", "/index.htm", "robots.txt", ";", "\u0000"),
            Gen.stringsOf("ab/*$", 5));

    private static final Gen<String> VALUE = Gen.oneOf(
            Gen.repeat(PATTERN_PART, 8, ""),
            Gen.repeat(PATTERN_PART, 8, ""),
            Gen.elements("*", "* everyone", "trawl", "Trawl/1.0", "TRAWL", "trawl-bot", "googlebot", "*bot", "", "tr*awl"),
            Gen.elements("1", "0.5", "10.", ".5", "-1", "1e3", "abc", "99999999999999999999999", "9223372036854775808", "0"),
            Gen.elements("http://example.com/sitemap.xml", "/relative.xml", "ü"),
            Gen.anyString(20));

    private static final Gen<String> LINE = Gen.oneOf(
            Gen.concat(Gen.elements("", "", " ", "\t", "\ufeff"), KEY, COLON, VALUE, Gen.elements("", "", " ", " # comment", "\t#", "\u0000x")),
            Gen.elements("", "#", "# User-agent: *", "   ", "User-agent: *", "User-agent: trawl", "Disallow: /", "Allow: /"),
            Gen.anyString(30));

    /** Files of generated lines with mixed line ends, sometimes after a byte order mark or part of one. */
    static final Gen<byte[]> FILES = Gen.bytes(random -> {
        StringBuilder text = new StringBuilder(Gen.elements("", "", "", "\ufeff").next(random));
        int lines = Gen.skewed(random, 40);
        for (int i = 0; i < lines; i++) {
            text.append(LINE.next(random)).append(Gen.elements("\n", "\n", "\r\n", "\r", "\n\n").next(random));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(10) == 0 && bytes.length > 0) {
            // Invalid UTF-8 or a partial BOM somewhere.
            bytes[random.nextInt(bytes.length)] = (byte) Gen.elements(0xFF, 0xC3, 0xEF, 0xBB, 0x80, 0x00).next(random).intValue();
        }
        return bytes;
    });

    /** Paths and queries as callers pass them, and as nobody should. */
    private static final Gen<String> PATHS = Gen.oneOf(
            Gen.strings(Gen.concat(Gen.elements("/", "/", "", "?"), Gen.repeat(PATTERN_PART, 10, ""))),
            Gen.elements("/robots.txt", "/robots.txt?x=1", "robots.txt", "/robots.txt/", "/ROBOTS.TXT", "/", "", "?", "/%", "/%zz"),
            Gen.anyString(60));

    @Test
    void parseNeverThrowsOnArbitraryBytes() {
        Fuzzer.forAll(1000, Gen.anyBytes(2000), body -> check(RobotsRules.parse(body, TOKEN)));
    }

    @Test
    void parseNeverThrowsOnGeneratedFiles() {
        Fuzzer.forAll(1000, FILES, body -> check(RobotsRules.parse(body, TOKEN)));
    }

    /** What any parsed file promises: robots.txt allowed, a sane delay, and answers for paths of every kind. */
    private static void check(RobotsRules rules) {
        assertTrue(rules.allows("/robots.txt"));
        assertTrue(rules.allows("/robots.txt?x=1"));
        rules.crawlDelay().ifPresent(delay -> assertFalse(delay.isNegative(), delay::toString));
        rules.sitemaps().forEach(sitemap -> assertFalse(sitemap.isEmpty()));
        for (String path : List.of("/", "", "/a", "/a/b?c=d", "/%7e", "/ü", "/*", "/$", "/\u0000", "?", "/%", "/%4", "/\ud800")) {
            rules.allows(path);
        }
    }

    @Test
    void allowsAnswersForArbitraryPaths() {
        Fuzzer.forAll(1000, Gen.lists(Gen.oneOf(PATHS, Gen.strings(random -> new String(FILES.next(random), StandardCharsets.UTF_8))), 2, 2),
                pair -> {
                    RobotsRules rules = RobotsRules.parse(pair.get(1).getBytes(StandardCharsets.UTF_8), TOKEN);
                    rules.allows(pair.get(0));
                });
    }

    @Test
    void anEmptyFileAllowsEverything() {
        RobotsRules empty = RobotsRules.parse(new byte[0], TOKEN);
        RobotsRules onlyComments = RobotsRules.parse("# nothing here\n\n   \n#User-agent: *\n#Disallow: /\n".getBytes(StandardCharsets.UTF_8), TOKEN);
        Fuzzer.forAll(1000, PATHS, path -> {
            assertTrue(empty.allows(path));
            assertTrue(onlyComments.allows(path));
        });
    }

    @Test
    void disallowingTheRootDisallowsEveryPathButRobotsTxt() {
        RobotsRules rules = RobotsRules.parse("User-agent: *\nDisallow: /\n".getBytes(StandardCharsets.UTF_8), TOKEN);
        Fuzzer.forAll(1000, PATHS, path -> {
            String absolute = path.startsWith("/") ? path : "/" + path;
            int query = absolute.indexOf('?');
            boolean robotsTxt = (query < 0 ? absolute : absolute.substring(0, query)).equals("/robots.txt");
            assertEquals(robotsTxt, rules.allows(path));
        });
    }

    // ---- matching against an independent oracle ---------------------------------------------------

    /**
     * Canonical pattern text (no spaces, no '#', no lone '%', upper-case escapes only), so that patterns and paths
     * reach the matcher as written and the oracle can compare them as they are.
     */
    private static final Gen<String> CANONICAL = Gen.oneOf(
            Gen.elements("/", "a", "b", "/a", "/b", "ab", "*", "*", "$", "?", "=", ".", "%41", "%2F", "~"),
            Gen.stringsOf("ab/", 3));

    private static final Gen<String> LITERAL_PATTERN = Gen.strings(Gen.concat(Gen.constant("/"), Gen.repeat(
            Gen.elements("a", "b", "/", "?", "=", ".", "%41", "%2F", "~", "-", "$a", "robots"), 12, "")))
            .filter(pattern -> !pattern.startsWith("/robots.txt"));

    @Test
    void aLiteralPatternMatchesItselfAndWhatItIsAPrefixOf() {
        Fuzzer.forAll(1000, Gen.lists(LITERAL_PATTERN, 2, 2), pair -> {
            String pattern = pair.get(0);
            String path = pattern + pair.get(1).substring(1);
            assertFalse(rules("Disallow: " + pattern).allows(pattern), pattern);
            assertFalse(rules("Disallow: " + pattern).allows(path), path);
            // A longer Allow beats a shorter Disallow, and Allow wins a tie.
            assertTrue(rules("Disallow: /", "Allow: " + pattern).allows(path), path);
            assertEquals(pattern.equals("/"), rules("Allow: /", "Disallow: " + pattern).allows(path), path);
            // '$' anchors at the end: the pattern itself, nothing longer.
            assertFalse(rules("Disallow: " + pattern + "$").allows(pattern), pattern);
            assertEquals(!path.equals(pattern), rules("Disallow: " + pattern + "$").allows(path), path);
        });
    }

    /** One Allow or Disallow line. */
    private record Line(boolean allow, String pattern) {
        @Override
        public String toString() {
            return (allow ? "Allow: " : "Disallow: ") + pattern;
        }
    }

    /** Rules and a path; the path is often made from a rule's pattern so that matches are common. */
    private record Case(List<Line> lines, String path) {
    }

    private static final Gen<String> CANONICAL_TEXT = Gen.strings(Gen.repeat(CANONICAL, 6, "")).filter(RobotsRulesPropertiesTest::isCanonical);

    private static final Gen<Line> LINES = new Gen<>() {
        @Override
        public Line next(RandomGenerator random) {
            String pattern = CANONICAL_TEXT.next(random);
            return new Line(random.nextBoolean(), random.nextInt(4) == 0 ? pattern : "/" + pattern);
        }

        @Override
        public Stream<Line> shrinks(Line line) {
            return CANONICAL_TEXT.shrinks(line.pattern()).map(pattern -> new Line(line.allow(), pattern));
        }
    };

    private static final Gen<List<Line>> RULES = Gen.lists(LINES, 1, 8);

    @Test
    void theLongestMatchingRuleDecidesAsAPlainMatcherSays() {
        Gen<Case> cases = new Gen<>() {
            @Override
            public Case next(RandomGenerator random) {
                List<Line> lines = RULES.next(random);
                String path = random.nextBoolean() ? instance(lines.get(random.nextInt(lines.size())).pattern(), random)
                        : "/" + CANONICAL_TEXT.next(random).replace("*", "").replace("$", "");
                return new Case(lines, path);
            }

            @Override
            public Stream<Case> shrinks(Case value) {
                return Stream.concat(
                        RULES.shrinks(value.lines()).map(lines -> new Case(lines, value.path())),
                        CANONICAL_TEXT.shrinks(value.path()).filter(path -> path.startsWith("/")).map(path -> new Case(value.lines(), path)));
            }
        };
        Fuzzer.forAll(1000, cases, c -> {
            String file = "User-agent: *\n" + String.join("\n", c.lines().stream().map(Line::toString).toList());
            assertEquals(expectedAllows(c.lines(), c.path()), RobotsRules.parse(file.getBytes(StandardCharsets.UTF_8), TOKEN)
                    .allows(c.path()), () -> c.lines() + " " + c.path());
        });
    }

    /** Every '%' starts an escape with upper-case hex digits, as PercentEncoding would leave it. */
    private static boolean isCanonical(String text) {
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length() || !isUpperHex(text.charAt(i + 1)) || !isUpperHex(text.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUpperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    @Test
    void patternsFullOfWildcardsStillAnswerCorrectly() {
        Gen<List<String>> gen = Gen.lists(Gen.strings(random -> {
            int stars = 1 + random.nextInt(200);
            StringBuilder pattern = new StringBuilder("/");
            for (int i = 0; i < stars; i++) {
                pattern.append(random.nextInt(4) == 0 ? "a" : "").append('*');
            }
            return pattern.append(random.nextBoolean() ? "b" : "a").append(random.nextBoolean() ? "$" : "").toString();
        }), 1, 3);
        Fuzzer.forAll(300, gen, patterns -> {
            String path = "/" + "a".repeat(patterns.getFirst().length() * 2) + (patterns.size() > 1 ? "b" : "");
            List<Line> lines = patterns.stream().map(p -> new Line(false, p)).toList();
            assertEquals(expectedAllows(lines, path), rules(lines.stream().map(Line::toString).toArray(String[]::new)).allows(path), path);
        });
    }

    private static RobotsRules rules(String... lines) {
        return RobotsRules.parse(("User-agent: *\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), TOKEN);
    }

    /** A path the pattern matches: each '*' replaced by a random run, a final '$' dropped. */
    private static String instance(String pattern, RandomGenerator random) {
        String body = pattern.endsWith("$") ? pattern.substring(0, pattern.length() - 1) : pattern;
        StringBuilder path = new StringBuilder();
        for (char c : body.toCharArray()) {
            path.append(c == '*' ? "ab/".substring(0, random.nextInt(4)) : String.valueOf(c));
        }
        if (!pattern.endsWith("$") && random.nextBoolean()) {
            path.append("/tail");
        }
        return path.toString();
    }

    /** RFC 9309 by the letter: the longest matching pattern decides, Allow wins a tie, nothing matching allows. */
    private static boolean expectedAllows(List<Line> lines, String path) {
        String canonicalPath = spelling(path.startsWith("/") ? path : "/" + path, true);
        int longestAllow = -1;
        int longestDisallow = -1;
        for (Line line : lines) {
            String pattern = spelling(line.pattern(), false);
            if (pattern.isEmpty() || !globMatches(pattern, canonicalPath)) {
                continue;
            }
            if (line.allow()) {
                longestAllow = Math.max(longestAllow, pattern.length());
            } else {
                longestDisallow = Math.max(longestDisallow, pattern.length());
            }
        }
        return longestDisallow < 0 || longestAllow >= longestDisallow;
    }

    private static final Pattern ESCAPE = Pattern.compile("%([0-9A-F]{2})");

    /**
     * RFC 9309's spelling of canonical text, written out here on its own: escaped unreserved characters
     * decoded (§2.2.2); '*' and '$' in a path, and a '$' inside a pattern, escaped (§2.2.3).
     */
    private static String spelling(String text, boolean path) {
        String decoded = ESCAPE.matcher(text).replaceAll(escape -> {
            char c = (char) Integer.parseInt(escape.group(1), 16);
            boolean unreserved = Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0;
            return unreserved ? String.valueOf(c) : escape.group();
        });
        if (path) {
            return decoded.replace("*", "%2A").replace("$", "%24");
        }
        boolean anchored = decoded.endsWith("$");
        String body = (anchored ? decoded.substring(0, decoded.length() - 1) : decoded).replace("$", "%24");
        return anchored ? body + "$" : body;
    }

    /** Whether the pattern matches a prefix of the path ('*' any run, a final '$' the end), by dynamic programming. */
    static boolean globMatches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        // reach[j]: the pattern so far can end at path offset j.
        boolean[] reach = new boolean[path.length() + 1];
        reach[0] = true;
        for (char c : p.toCharArray()) {
            boolean[] next = new boolean[path.length() + 1];
            if (c == '*') {
                boolean any = false;
                for (int j = 0; j <= path.length(); j++) {
                    any |= reach[j];
                    next[j] = any;
                }
            } else {
                for (int j = 0; j < path.length(); j++) {
                    next[j + 1] = reach[j] && path.charAt(j) == c;
                }
            }
            reach = next;
        }
        if (anchored) {
            return reach[path.length()];
        }
        for (boolean r : reach) {
            if (r) {
                return true;
            }
        }
        return false;
    }
}
