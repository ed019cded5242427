package dev.trawl.robots;

import dev.trawl.robots.RobotsLexer.Line;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns lexed lines into the rules for one product token. A group is a run of {@code User-agent}
 * lines and the members after it ({@code Allow}, {@code Disallow}, {@code Crawl-delay}); only an
 * {@code Allow} or {@code Disallow} line ends the run, so a {@code User-agent} line after one starts
 * the next group. {@code Crawl-delay}, {@code Sitemap} and unknown lines neither start nor end a group
 * (RFC 9309 §2.2.4, and Google's parser): {@code User-agent: a}, {@code Crawl-delay: 1},
 * {@code User-agent: b}, {@code Disallow: /} is one group for a and b, and its Crawl-delay applies to
 * both. Members before the first {@code User-agent} line belong to no group and are ignored. All
 * groups naming the token are merged; only when there is none are the {@code *} groups used (merged
 * too); with neither, everything is allowed. A group naming both the token and {@code *} counts as
 * the token's. Every rule of the chosen groups is kept: the lexer's 500 KiB bound the memory.
 */
final class RobotsParser {
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE);

    private final ProductToken token;
    private final Groups named = new Groups();
    private final Groups wildcard = new Groups();
    private final List<String> sitemaps = new ArrayList<>();
    private boolean everNamed;
    // The current group: whether it has had a User-agent line (false only before the first one),
    // whether an Allow or Disallow has ended its run of User-agent lines, and whether one of those
    // lines named the token or was *.
    private boolean inGroup;
    private boolean sawRule;
    private boolean groupNamed;
    private boolean groupWildcard;
    // Its first valid Crawl-delay, held until the group ends: a User-agent line after the delay can
    // still join the group, and the delay is that agent's too.
    private Duration groupDelay;

    private RobotsParser(ProductToken token) {
        this.token = token;
    }

    static RobotsRules parse(byte[] body, ProductToken token) {
        RobotsParser parser = new RobotsParser(token);
        RobotsLexer.lex(body, parser::accept);
        parser.endGroup();
        Groups chosen = parser.everNamed ? parser.named : parser.wildcard;
        return RobotsRules.of(chosen.rules, chosen.crawlDelay, parser.sitemaps);
    }

    private void accept(Line line) {
        switch (line.key()) {
            case USER_AGENT -> userAgent(line.text());
            case ALLOW, DISALLOW -> rule(line);
            case CRAWL_DELAY -> {
                if (inGroup && groupDelay == null) {
                    groupDelay = crawlDelay(line.text()).orElse(null);
                }
            }
            case SITEMAP -> {
                if (line.value().length > 0) {
                    sitemaps.add(line.text());
                }
            }
            case UNKNOWN -> {
                // Ignored, and transparent like Crawl-delay and Sitemap.
            }
        }
    }

    private void userAgent(String value) {
        if (sawRule) {
            endGroup();
        }
        inGroup = true;
        if (ProductToken.isWildcard(value)) {
            groupWildcard = true;
        } else if (token.isNamedBy(value)) {
            groupNamed = true;
            everNamed = true;
        }
    }

    private void endGroup() {
        concerned().ifPresent(groups -> groups.crawlDelay(groupDelay));
        sawRule = false;
        groupNamed = false;
        groupWildcard = false;
        groupDelay = null;
    }

    /** The groups the current group's members go to, if it concerns this crawler at all. */
    private Optional<Groups> concerned() {
        if (groupNamed) {
            return Optional.of(named);
        }
        return groupWildcard ? Optional.of(wildcard) : Optional.empty();
    }

    private void rule(Line line) {
        sawRule = true;
        concerned().ifPresent(groups -> rule(groups, line));
    }

    private static void rule(Groups groups, Line line) {
        String pattern = PercentEncoding.pattern(line.value());
        // An empty pattern matches nothing (RFC 9309 §2.2.2): "Disallow:" disallows nothing.
        if (pattern.isEmpty()) {
            return;
        }
        boolean allow = line.key() == RobotsLexer.Key.ALLOW;
        groups.add(new Rule(pattern, allow));
        if (allow) {
            directoryOfIndexPage(pattern).ifPresent(directory -> groups.add(new Rule(directory, true)));
        }
    }

    /*
     * Google: allowing /dir/index.html (or .htm) also allows /dir/ itself, since that is what the
     * server answers for it. The extra rule is shorter than the original, so it never outranks it.
     */
    private static Optional<String> directoryOfIndexPage(String pattern) {
        int slash = pattern.lastIndexOf('/');
        if (slash < 0 || !pattern.startsWith("/index.htm", slash)) {
            return Optional.empty();
        }
        return Optional.of(pattern.substring(0, slash + 1) + "$");
    }

    /** Seconds, fractions allowed; anything else (negative, units, junk, overflow) is invalid. */
    static Optional<Duration> crawlDelay(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(text.endsWith(".") ? text + "0" : text);
        if (seconds.compareTo(MAX_SECONDS) > 0) {
            return Optional.empty();
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.DOWN);
        int nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.DOWN).intValueExact();
        return Optional.of(Duration.ofSeconds(whole.longValueExact(), nanos));
    }

    /** The merged members of all groups of one kind (named or {@code *}). */
    private static final class Groups {
        private final Set<Rule> rules = new LinkedHashSet<>();
        private Duration crawlDelay;

        void add(Rule rule) {
            rules.add(rule);
        }

        /** The first group's delay wins, in file order. */
        void crawlDelay(Duration delay) {
            if (crawlDelay == null) {
                crawlDelay = delay;
            }
        }
    }
}
