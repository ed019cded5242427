package dev.trawl.robots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.Fuzzer;
import dev.trawl.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The indexed lookup gives the answer of a plain scan of every rule: the longest matching pattern
 * decides and Allow wins a tie. Examples aimed at the index's shortcuts, then a property over many
 * rules that share prefixes, against the scan written out here.
 */
class RuleIndexTest {

    private static RuleIndex index(Rule... rules) {
        return RuleIndex.of(List.of(rules));
    }

    private static Rule allow(String pattern) {
        return new Rule(pattern, true);
    }

    private static Rule disallow(String pattern) {
        return new Rule(pattern, false);
    }

    @Test
    void noRulesAllowEverything() {
        assertTrue(index().allows("/"));
        assertTrue(index().allows("/a/b?c"));
    }

    @Test
    void floorThatIsNoPrefixFallsBackToItsLongestPrefixThatIs() {
        // "/ab/c" sorts just below "/ab/d" but is no prefix of it; "/a" is.
        RuleIndex rules = index(disallow("/a"), allow("/ab/c"), allow("/ab/"));
        assertTrue(rules.allows("/ab/d"));
        rules = index(disallow("/a"), allow("/ab/c"));
        assertFalse(rules.allows("/ab/d"));
        assertTrue(rules.allows("/ab/c/d"));
        assertTrue(rules.allows("/b"));
    }

    @Test
    void longestOfAChainOfPrefixesDecides() {
        RuleIndex rules = index(disallow("/"), allow("/a"), disallow("/aa"), allow("/aaa"), disallow("/aaaa"));
        assertFalse(rules.allows("/"));
        assertTrue(rules.allows("/ab"));
        assertFalse(rules.allows("/aab"));
        assertTrue(rules.allows("/aaab"));
        assertFalse(rules.allows("/aaaab"));
        assertFalse(rules.allows("/b"));
    }

    @Test
    void pathBelowEveryPatternMatchesNone() {
        assertTrue(index(disallow("/b"), disallow("/c")).allows("/a"));
    }

    @Test
    void allowWinsATieWithinAndAcrossKinds() {
        assertTrue(index(disallow("/a"), allow("/a")).allows("/a/x"));
        // "/a$" and "/ab" are both 3 long.
        assertTrue(index(disallow("/ab"), allow("/a$")).allows("/a"));
        assertTrue(index(disallow("/a$"), allow("/a*")).allows("/a"));
        assertTrue(index(disallow("/a*"), allow("/ab")).allows("/ab"));
        assertTrue(index(disallow("/a*"), allow("/a$")).allows("/a"));
    }

    @Test
    void longerWildcardBeatsShorterLiteralAndTheReverse() {
        assertFalse(index(allow("/page"), disallow("/*.html")).allows("/page.html"));
        assertTrue(index(allow("/x/page."), disallow("/*.html")).allows("/x/page.html"));
        assertFalse(index(allow("/x/page."), disallow("/*.html")).allows("/x/y.html"));
    }

    @Test
    void exactPatternsMatchOnlyTheWholePath() {
        RuleIndex rules = index(disallow("/"), allow("/$"), allow("/a$"));
        assertTrue(rules.allows("/"));
        assertTrue(rules.allows("/a"));
        assertFalse(rules.allows("/ab"));
        assertFalse(rules.allows("/a/"));
    }

    @Test
    void shorterWildcardsAreNotTriedOnceALongerMatchDecides() {
        RuleIndex rules = index(allow("/a/b/c"), disallow("/*"), disallow("/a*"));
        assertTrue(rules.allows("/a/b/c/d"));
        assertFalse(rules.allows("/a/b/d"));
    }

    @Test
    void duplicatesAreKeptOnce() {
        RuleIndex rules = index(disallow("/a"), disallow("/a"), allow("/a"), disallow("/a*"), disallow("/a*"));
        assertEquals(2, rules.size());
        // "/a*" is one longer than "/a".
        assertFalse(rules.allows("/a"));
        assertTrue(rules.allows("/b"));
    }

    // ---- against a plain scan -----------------------------------------------------------------------

    /** Patterns over a small alphabet, so that they share prefixes and form long chains of them. */
    private static final Gen<String> BODY = Gen.stringsOf("ab/", 7);

    private static final Gen<Rule> RULE = new Gen<>() {
        @Override
        public Rule next(RandomGenerator random) {
            String body = "/" + BODY.next(random);
            int at = random.nextInt(body.length() + 1);
            String pattern = switch (random.nextInt(10)) {
                case 0, 1 -> body.substring(0, at) + "*" + body.substring(at);
                case 2 -> body + "$";
                case 3 -> body.substring(0, at) + "*" + body.substring(at) + "$";
                case 4 -> body.substring(0, at) + "$" + body.substring(at);
                default -> body;
            };
            return new Rule(pattern, random.nextBoolean());
        }

        @Override
        public Stream<Rule> shrinks(Rule rule) {
            String pattern = rule.pattern();
            return Stream.concat(
                    rule.allow() ? Stream.of(new Rule(pattern, false)) : Stream.empty(),
                    IntStream.range(1, pattern.length())
                            .mapToObj(i -> new Rule(pattern.substring(0, i) + pattern.substring(i + 1), rule.allow())));
        }
    };

    private static final Gen<List<Rule>> RULES = Gen.lists(RULE, 1, 300);

    /** Rules, and paths made mostly from their patterns: the patterns themselves, cut, extended, altered. */
    private record Case(List<Rule> rules, List<String> paths) {
    }

    private static final Gen<Case> CASES = new Gen<>() {
        @Override
        public Case next(RandomGenerator random) {
            List<Rule> rules = RULES.next(random);
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String literal = rules.get(random.nextInt(rules.size())).pattern()
                        .replace("*", "ab/".substring(0, random.nextInt(4)));
                if (literal.endsWith("$")) {
                    literal = literal.substring(0, literal.length() - 1);
                }
                paths.add(switch (random.nextInt(5)) {
                    case 0 -> literal;
                    case 1 -> literal.substring(0, random.nextInt(literal.length() + 1));
                    case 2 -> literal + BODY.next(random);
                    case 3 -> literal.isEmpty() ? "/" : literal.substring(0, literal.length() - 1) + "ba/".charAt(random.nextInt(3));
                    default -> "/" + BODY.next(random);
                });
            }
            return new Case(rules, paths);
        }

        @Override
        public Stream<Case> shrinks(Case value) {
            return RULES.shrinks(value.rules()).map(rules -> new Case(rules, value.paths()));
        }
    };

    @Test
    void answersAsAPlainScanOfEveryRule() {
        Fuzzer.forAll(1000, CASES, c -> {
            RuleIndex index = RuleIndex.of(c.rules());
            for (String path : c.paths()) {
                assertEquals(plainScanAllows(c.rules(), path), index.allows(path), () -> c.rules() + " " + path);
            }
        });
    }

    /** Every rule tried: the longest matching pattern decides, Allow wins a tie, no match allows. */
    private static boolean plainScanAllows(List<Rule> rules, String path) {
        int longest = -1;
        boolean allow = true;
        for (Rule rule : rules) {
            if (!googleMatches(rule.pattern(), path)) {
                continue;
            }
            if (rule.priority() > longest) {
                longest = rule.priority();
                allow = rule.allow();
            } else if (rule.priority() == longest) {
                allow |= rule.allow();
            }
        }
        return allow;
    }

    /*
     * Google's RobotsMatchStrategy::Matches (robots.cc): walk the pattern once, keeping the sorted
     * offsets of the path that the pattern so far can end at.
     */
    static boolean googleMatches(String pattern, String path) {
        int length = path.length();
        int[] positions = new int[length + 1];
        int count = 1;
        for (int p = 0, end = pattern.length(); p < end; p++) {
            char c = pattern.charAt(p);
            if (c == '$' && p == end - 1) {
                return positions[count - 1] == length;
            }
            if (c == '*') {
                count = length - positions[0] + 1;
                for (int i = 1; i < count; i++) {
                    positions[i] = positions[i - 1] + 1;
                }
            } else {
                int next = 0;
                for (int i = 0; i < count; i++) {
                    if (positions[i] < length && path.charAt(positions[i]) == c) {
                        positions[next++] = positions[i] + 1;
                    }
                }
                count = next;
                if (count == 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
