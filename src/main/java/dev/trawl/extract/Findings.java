package dev.trawl.extract;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a page, or a part of it, yields as raw attribute text, in document order: the firsts, and
 * every link and robots value. Filled by a scan of the page ({@link DocumentScan} over jsoup's tree,
 * {@link MarkupScan} over the markup); {@link PageExtractor} resolves and cleans it.
 */
final class Findings {
    private final String productToken;
    private String baseHref;
    private String title;
    /** Distinct href texts in document order → whether every occurrence had rel=nofollow. */
    private LinkedHashMap<String, Boolean> hrefs = new LinkedHashMap<>();
    private boolean anyNofollow;
    private String headCanonical;
    private String otherCanonical;
    private String description;
    /** The content of each robots meta tag. */
    private ArrayDeque<String> robots = new ArrayDeque<>(0);
    /** Hashes of the ids and {@code <a name>}s found, repeats included; null when they are not asked for. */
    private long[] targets;
    private int targetCount;

    /** @param productToken the name whose {@code <meta name>} addresses trawl besides {@code robots} */
    Findings(String productToken) {
        this(productToken, false);
    }

    /** @param findsTargets whether to keep the ids and {@code <a name>}s ({@code --check-fragments}) */
    Findings(String productToken, boolean findsTargets) {
        this.productToken = productToken;
        this.targets = findsTargets ? new long[0] : null;
    }

    /** Whether ids and {@code <a name>}s are kept. */
    boolean findsTargets() {
        return targets != null;
    }

    /**
     * An element's id, or an {@code <a>}'s name, each null when absent: somewhere a fragment can point.
     * Empty values are not kept, as an empty fragment names the top of the page.
     */
    void target(String value) {
        if (targets == null || value == null || value.isEmpty()) {
            return;
        }
        if (targetCount == targets.length) {
            targets = Arrays.copyOf(targets, Math.max(16, targetCount * 2));
        }
        targets[targetCount++] = FragmentTargets.hash(value);
    }

    /** An a or area element with an href; rel is null when it has none. */
    void link(String href, String rel) {
        boolean nofollow = rel != null && hasToken(rel, "nofollow");
        anyNofollow |= nofollow;
        hrefs.merge(href, nofollow, Boolean::logicalAnd);
    }

    /** Whether a title was found: later ones no longer count. */
    boolean hasTitle() {
        return title != null;
    }

    void title(String text) {
        if (title == null) {
            title = text;
        }
    }

    /** A base element's href, null when it has none. */
    void base(String href) {
        if (baseHref == null) {
            baseHref = href;
        }
    }

    /** A meta element's name and content attributes, each null when absent. */
    void meta(String name, String content) {
        if (name == null || content == null) {
            return;
        }
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            return;
        }
        if (stripped.equalsIgnoreCase("robots") || stripped.equalsIgnoreCase(productToken)) {
            robots.add(content);
        } else if (description == null && stripped.equalsIgnoreCase("description")) {
            description = content;
        }
    }

    /** A link element's rel and href, each null when absent, and whether it is in the HTML head. */
    void canonical(String rel, String href, boolean inHead) {
        if (rel == null || href == null || !hasToken(rel, "canonical") || href.isBlank()) {
            return;
        }
        if (inHead && headCanonical == null) {
            headCanonical = href;
        } else if (!inHead && otherCanonical == null) {
            otherCanonical = href;
        }
    }

    String baseHref() {
        return baseHref;
    }

    /** The first HTML title's text, white space collapsed, capped; null when there is none. */
    String title() {
        return title;
    }

    /** Distinct href texts in document order → whether every occurrence had rel=nofollow. */
    Map<String, Boolean> hrefs() {
        return hrefs;
    }

    /** Whether any a/area href had rel=nofollow. */
    boolean anyNofollow() {
        return anyNofollow;
    }

    /** The href of the first canonical link in the head, else of the first elsewhere; null if none. */
    String canonicalHref() {
        return headCanonical != null ? headCanonical : otherCanonical;
    }

    String description() {
        return description;
    }

    /** The ids and {@code <a name>}s found; null when they were not asked for. */
    FragmentTargets targets() {
        return targets == null ? null : FragmentTargets.of(targets, targetCount);
    }

    RobotsDirectives robots() {
        if (robots.isEmpty()) {
            return RobotsDirectives.NONE;
        }
        DirectiveParser parser = new DirectiveParser(null);
        robots.forEach(parser::add);
        return parser.result();
    }

    /**
     * Adds what a later part yields. The smaller part's links and robots values go into the
     * larger's, in front or behind, so that tables nested in tables do not copy theirs at every level.
     */
    void append(Findings later) {
        baseHref = baseHref != null ? baseHref : later.baseHref;
        title = title != null ? title : later.title;
        anyNofollow |= later.anyNofollow;
        headCanonical = headCanonical != null ? headCanonical : later.headCanonical;
        otherCanonical = otherCanonical != null ? otherCanonical : later.otherCanonical;
        description = description != null ? description : later.description;
        if (hrefs.size() >= later.hrefs.size()) {
            later.hrefs.forEach((href, nofollow) -> hrefs.merge(href, nofollow, Boolean::logicalAnd));
        } else {
            hrefs.reversed().forEach((href, nofollow) -> {
                Boolean after = later.hrefs.get(href);
                later.hrefs.putFirst(href, after == null ? nofollow : nofollow && after);
            });
            hrefs = later.hrefs;
        }
        if (targets != null) {
            // Their order does not matter: the smaller part's go into the larger's array.
            Findings larger = targetCount >= later.targetCount ? this : later;
            Findings smaller = larger == this ? later : this;
            int total = targetCount + later.targetCount;
            long[] all = larger.targets.length >= total ? larger.targets : Arrays.copyOf(larger.targets, total * 2);
            System.arraycopy(smaller.targets, 0, all, larger.targetCount, smaller.targetCount);
            targets = all;
            targetCount = total;
        }
        if (robots.size() >= later.robots.size()) {
            robots.addAll(later.robots);
        } else {
            robots.descendingIterator().forEachRemaining(later.robots::addFirst);
            robots = later.robots;
        }
    }

    /** Whether a space-separated token list (a rel value) holds token, compared ignoring ASCII case. */
    static boolean hasToken(String list, String token) {
        int n = list.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(list.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(list.charAt(i))) {
                i++;
            }
            if (i - start == token.length() && list.regionMatches(true, start, token, 0, token.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }
}
