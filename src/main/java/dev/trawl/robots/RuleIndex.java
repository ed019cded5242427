package dev.trawl.robots;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which rule decides for a path, found without trying every rule: a file may hold 20,000 of them
 * (500 KiB of lines) and every URL of its host is checked. The answer is the one a plain scan of
 * all rules gives (RFC 9309 §2.2.2 and Google): the matching rule with the longest pattern decides,
 * and Allow wins a tie. Immutable and thread-safe.
 *
 * <p>Rules come in three kinds, each looked up its own way, and the best of the three answers wins:
 * <ul>
 *   <li>Literal patterns (no {@code *}, no final {@code $}) match the path's prefixes. They are kept
 *       sorted, each with a link to the longest other pattern that is a prefix of it: one binary search
 *       finds the greatest pattern not above the path, and its links lead to the longest one that is a
 *       prefix of the path. O(log n) comparisons plus the links walked.</li>
 *   <li>Literal patterns anchored with a final {@code $} match one path exactly: a hash lookup.</li>
 *   <li>Patterns with a {@code *} are tried longest first, and only while they could still beat the
 *       best match found so far.</li>
 * </ul>
 */
final class RuleIndex {
    private static final int NO_MATCH = -1;
    // Longest first, Allow before Disallow among equals: the first wildcard rule that matches decides.
    private static final Comparator<Rule> PRECEDENCE = Comparator.comparingInt(RuleIndex::score).reversed();

    // Literal prefix patterns in String order, with their scores, and for each the index of its
    // longest proper prefix among them (or -1).
    private final String[] prefixes;
    private final int[] prefixScores;
    private final int[] parents;
    // "/a$" is kept as "/a".
    private final Map<String, Integer> exact;
    // Patterns with a '*', longest first (Allow first among equals), and their scores.
    private final WildcardPattern[] wildcards;
    private final int[] wildcardScores;

    private RuleIndex(String[] prefixes, int[] prefixScores, Map<String, Integer> exact, Rule[] wildcards) {
        this.prefixes = prefixes;
        this.prefixScores = prefixScores;
        this.parents = parents(prefixes);
        this.exact = exact;
        this.wildcards = new WildcardPattern[wildcards.length];
        this.wildcardScores = new int[wildcards.length];
        for (int i = 0; i < wildcards.length; i++) {
            this.wildcards[i] = WildcardPattern.of(wildcards[i].pattern());
            this.wildcardScores[i] = score(wildcards[i]);
        }
    }

    static RuleIndex of(Collection<Rule> rules) {
        Map<String, Integer> prefixes = new HashMap<>();
        Map<String, Integer> exact = new HashMap<>();
        Set<Rule> wildcards = new LinkedHashSet<>();
        for (Rule rule : rules) {
            if (rule.hasWildcard()) {
                wildcards.add(rule);
            } else if (rule.pattern().endsWith("$")) {
                exact.merge(rule.pattern().substring(0, rule.pattern().length() - 1), score(rule), Math::max);
            } else {
                prefixes.merge(rule.pattern(), score(rule), Math::max);
            }
        }
        String[] sorted = prefixes.keySet().toArray(String[]::new);
        Arrays.sort(sorted);
        int[] scores = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            scores[i] = prefixes.get(sorted[i]);
        }
        Rule[] byPrecedence = wildcards.toArray(Rule[]::new);
        Arrays.sort(byPrecedence, PRECEDENCE);
        return new RuleIndex(sorted, scores, Map.copyOf(exact), byPrecedence);
    }

    /** Whether the rules allow a canonical path: no rule matches, or the deciding one is an Allow. */
    boolean allows(String path) {
        int best = Math.max(longestPrefix(path), exact.getOrDefault(path, NO_MATCH));
        for (int i = 0; i < wildcards.length && wildcardScores[i] > best; i++) {
            if (wildcards[i].matches(path)) {
                best = wildcardScores[i];
                break;
            }
        }
        return best == NO_MATCH || isAllow(best);
    }

    /** Rules, each kind once; for tests and {@code toString}. */
    int size() {
        return prefixes.length + exact.size() + wildcards.length;
    }

    /*
     * All prefixes of the path sort at or below it, and a longer prefix sorts above a shorter one, so
     * the answer is at or below the floor. If the floor is no prefix of the path, it and the path
     * part at `common`: a pattern longer than that sorts above the floor (and so above the path) or
     * differs from the path, so the answer is the floor's longest prefix of at most `common` chars.
     */
    private int longestPrefix(String path) {
        int at = Arrays.binarySearch(prefixes, path);
        int floor = at >= 0 ? at : -at - 2;
        if (floor < 0) {
            return NO_MATCH;
        }
        int common = commonPrefixLength(prefixes[floor], path);
        while (floor >= 0 && prefixes[floor].length() > common) {
            floor = parents[floor];
        }
        return floor < 0 ? NO_MATCH : prefixScores[floor];
    }

    /*
     * In sorted order the patterns that start with a given one follow it without a gap, so a stack of
     * the chain of prefixes of the last pattern seen holds every prefix of the next one.
     */
    private static int[] parents(String[] sorted) {
        int[] parents = new int[sorted.length];
        int[] chain = new int[sorted.length];
        int depth = 0;
        for (int i = 0; i < sorted.length; i++) {
            while (depth > 0 && !sorted[i].startsWith(sorted[chain[depth - 1]])) {
                depth--;
            }
            parents[i] = depth > 0 ? chain[depth - 1] : -1;
            chain[depth++] = i;
        }
        return parents;
    }

    private static int commonPrefixLength(String a, String b) {
        int limit = Math.min(a.length(), b.length());
        int i = 0;
        while (i < limit && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Longer patterns score higher; at equal length an Allow scores one more than a Disallow. */
    private static int score(Rule rule) {
        return rule.priority() * 2 + (rule.allow() ? 1 : 0);
    }

    private static boolean isAllow(int score) {
        return (score & 1) == 1;
    }
}
