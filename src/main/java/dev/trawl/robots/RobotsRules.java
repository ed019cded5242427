package dev.trawl.robots;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The robots.txt rules that apply to one product token on one origin. Immutable and thread-safe.
 *
 * <p>A path is allowed unless the longest matching pattern is a {@code Disallow}; when an
 * {@code Allow} and a {@code Disallow} of the same length both match, {@code Allow} wins (RFC 9309
 * §2.2.2, and Google). {@code /robots.txt} itself is always allowed. See the package documentation for
 * the parsing rules and where they differ from Google's parser.
 */
public final class RobotsRules {
    private static final RobotsRules ALLOW_ALL = new RobotsRules(RuleIndex.of(List.of()), null, List.of(), null, null);
    private static final RuleIndex EVERYTHING = RuleIndex.of(List.of(new Rule("/", false)));

    private final RuleIndex rules;
    private final Duration crawlDelay;
    private final List<String> sitemaps;
    private final String unreachable;
    private final String noAnswer;

    private RobotsRules(RuleIndex rules, Duration crawlDelay, List<String> sitemaps, String unreachable,
            String noAnswer) {
        this.rules = rules;
        this.crawlDelay = crawlDelay;
        this.sitemaps = sitemaps;
        this.unreachable = unreachable;
        this.noAnswer = noAnswer;
    }

    static RobotsRules of(Collection<Rule> rules, Duration crawlDelay, List<String> sitemaps) {
        return new RobotsRules(RuleIndex.of(rules), crawlDelay, List.copyOf(sitemaps), null, null);
    }

    /**
     * Parses a robots.txt body for one crawler. Never fails on content: junk lines are skipped.
     *
     * @param body         the body as fetched; UTF-8 expected, a byte order mark tolerated, CR, LF or
     *                     CRLF line ends; only the first 500 KiB are read
     * @param productToken the crawler's robots.txt name, e.g. {@code trawl} (not the whole User-Agent
     *                     header); matched case-insensitively against each {@code User-agent} value's
     *                     product-token part
     * @throws IllegalArgumentException if the product token is blank
     */
    public static RobotsRules parse(byte[] body, String productToken) {
        Objects.requireNonNull(body, "body");
        return RobotsParser.parse(body, new ProductToken(productToken));
    }

    /** Everything allowed: no robots.txt, or one that is "unavailable" (RFC 9309 §2.3.1.3). */
    public static RobotsRules allowAll() {
        return ALLOW_ALL;
    }

    /**
     * Everything but {@code /robots.txt} disallowed: the robots.txt is "unreachable" (§2.3.1.4).
     *
     * @param why what happened, for the records of the pages it refuses (e.g. {@code HTTP 503})
     */
    public static RobotsRules unreachable(String why) {
        return unreachable(why, null);
    }

    /**
     * The same, for a host that gave no answer at all.
     *
     * @param failure the kind of failure as the fetcher named it ({@link RobotsFetch.Unreachable#failure()}), or null
     */
    public static RobotsRules unreachable(String why, String failure) {
        return new RobotsRules(EVERYTHING, null, List.of(), Objects.requireNonNull(why, "why"), failure);
    }

    /** Why robots.txt counts as unreachable, when these rules stand for that. */
    public Optional<String> unreachable() {
        return Optional.ofNullable(unreachable);
    }

    /**
     * When the host gave no answer at all (refused, unresolvable, silent): the kind of failure, as
     * the fetcher named it. Empty when it answered, even with an error status. A link checker
     * reports a dead host as dead; robots.txt only speaks for hosts that answer.
     */
    public Optional<String> noAnswer() {
        return Optional.ofNullable(noAnswer);
    }

    /**
     * Whether this crawler may fetch a path.
     *
     * @param pathAndQuery the URL's encoded path plus {@code ?query} if any, e.g. {@code /a%20b/c?x=1};
     *                     its spelling is made canonical first (see {@link PercentEncoding})
     */
    public boolean allows(String pathAndQuery) {
        String path = PercentEncoding.path(pathAndQuery);
        return isRobotsTxt(path) || rules.allows(path);
    }

    /** The chosen group's first valid {@code Crawl-delay}, in seconds (fractions allowed). */
    public Optional<Duration> crawlDelay() {
        return Optional.ofNullable(crawlDelay);
    }

    /** Every {@code Sitemap} line of the file, in order, as written; they belong to no group. */
    public List<String> sitemaps() {
        return sitemaps;
    }

    private static boolean isRobotsTxt(String path) {
        int query = path.indexOf('?');
        int end = query < 0 ? path.length() : query;
        return end == "/robots.txt".length() && path.startsWith("/robots.txt");
    }

    @Override
    public String toString() {
        return "RobotsRules[rules=" + rules.size() + ", crawlDelay=" + crawlDelay + ", sitemaps=" + sitemaps.size() + "]";
    }
}
