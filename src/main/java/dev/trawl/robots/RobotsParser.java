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
 * lines and the member lines ({@code Allow}, {@code Disallow}, {@code Crawl-delay}) after it; a
 * {@code User-agent} line after a member line starts the next group. Members before the first
 * {@code User-agent} line belong to no group and are ignored. All groups naming the token are merged;
 * only when there is none are the {@code *} groups used (merged too); with neither, everything is
 * allowed. A group naming both the token and {@code *} counts as the token's.
 */
final class RobotsParser {
    /** Rules kept for the chosen groups; enough for any real file, and it bounds the work per URL. */
    static final int MAX_RULES = 10_000;

    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE);

    private final ProductToken token;
    private final Groups named = new Groups();
    private final Groups wildcard = new Groups();
    private final List<String> sitemaps = new ArrayList<>();
    private boolean everNamed;
    // The current group: whether a member line has been seen since its last User-agent line, and
    // whether one of its User-agent lines named the token or was *. Before the first User-agent line
    // both flags are false, so members there are dropped.
    private boolean sawMember;
    private boolean groupNamed;
    private boolean groupWildcard;

    private RobotsParser(ProductToken token) {
        this.token = token;
    }

    static RobotsRules parse(byte[] body, ProductToken token) {
        RobotsParser parser = new RobotsParser(token);
        RobotsLexer.lex(body, parser::accept);
        Groups chosen = parser.everNamed ? parser.named : parser.wildcard;
        return RobotsRules.of(List.copyOf(chosen.rules), chosen.crawlDelay, parser.sitemaps);
    }

    private void accept(Line line) {
        switch (line.key()) {
            case USER_AGENT -> userAgent(line.text());
            case ALLOW, DISALLOW -> member().ifPresent(groups -> rule(groups, line));
            case CRAWL_DELAY -> member().ifPresent(groups -> groups.crawlDelay(line.text()));
            case SITEMAP -> {
                if (line.value().length > 0) {
                    sitemaps.add(line.text());
                }
            }
            case UNKNOWN -> {
                // Ignored, and transparent: it neither starts nor ends a group (RFC 9309 §2.2.4).
            }
        }
    }

    private void userAgent(String value) {
        if (sawMember) {
            sawMember = false;
            groupNamed = false;
            groupWildcard = false;
        }
        if (ProductToken.isWildcard(value)) {
            groupWildcard = true;
        } else if (token.isNamedBy(value)) {
            groupNamed = true;
            everNamed = true;
        }
    }

    /** The groups a member line adds to, if the current group concerns this crawler at all. */
    private Optional<Groups> member() {
        sawMember = true;
        if (groupNamed) {
            return Optional.of(named);
        }
        return groupWildcard ? Optional.of(wildcard) : Optional.empty();
    }

    private static void rule(Groups groups, Line line) {
        String pattern = PercentEncoding.canonical(line.value());
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
            if (rules.size() < MAX_RULES) {
                rules.add(rule);
            }
        }

        void crawlDelay(String text) {
            if (crawlDelay == null) {
                crawlDelay = RobotsParser.crawlDelay(text).orElse(null);
            }
        }
    }
}
