package dev.trawl.config;

import dev.trawl.url.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Collects a {@link CrawlConfig} from its sources, remembering where each value came from, and
 * validates it in one place: {@link #build()}. Starts from the built-in defaults, which are the
 * values written in {@code config/trawl.properties} (a test keeps the two equal). A later call for
 * the same setting replaces the earlier one, which is how {@link ConfigLoader} lets flags win over
 * the file.
 */
public final class CrawlConfigBuilder {
    // Upper bounds catch typos (an extra zero) and keep arithmetic far from overflow; each is well
    // above any polite crawl. Lower bounds are what the setting needs to mean anything.
    static final int MAX_DEPTH = 1_000;
    static final int MAX_CONCURRENCY = 1_024;
    static final int MAX_RETRIES = 100;
    static final Duration MAX_WAIT = Duration.ofHours(1);
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);
    static final long MAX_BODY = 1L << 30;
    static final int MAX_FRONTIER_MEMORY = 10_000_000;
    static final double MAX_RATE = 100_000;
    // Shorter than 64 characters would refuse ordinary links (a scheme, a host and a short path).
    static final int MIN_URL_LENGTH = 64;
    static final int MAX_URL_LENGTH = 65_536;
    static final int MAX_REPEATED_SEGMENTS = 1_000;
    static final int MAX_QUERY_VARIANTS = 10_000_000;

    private int maxDepth = 3;
    private OptionalLong maxPages = OptionalLong.empty();
    private int concurrency = 32;
    private int perHost = 4;
    private Duration delay = Duration.ofMillis(250);
    private Duration timeout = Duration.ofSeconds(30);
    private int retries = 2;
    private Duration retryBackoff = Duration.ofSeconds(1);
    private Duration maxRetryAfter = Duration.ofMinutes(2);
    private Scope scope = Scope.HOST;
    private List<Sourced> include = List.of();
    private List<Sourced> exclude = List.of();
    private long maxBytes = 10L * 1024 * 1024;
    private String userAgent = "trawl/" + TrawlVersion.current();
    private boolean ignoreRobots = false;
    private int frontierMemory = 100_000;
    private Optional<Path> output = Optional.empty();
    private Verbosity verbosity = Verbosity.NORMAL;
    private Duration maxCrawlDelay = Duration.ofSeconds(30);
    private OptionalDouble rate = OptionalDouble.empty();
    private boolean sitemaps = false;
    private boolean followNofollow = false;
    private List<SourcedHeader> headers = List.of();
    private Optional<String> cookie = Optional.empty();
    private Optional<RequestOptions.ProxySpec> proxy = Optional.empty();
    private boolean insecure = false;
    private boolean allowPrivate = false;
    private int maxUrlLength = 2048;
    private int maxRepeatedSegments = 3;
    private OptionalLong maxPagesPerHost = OptionalLong.empty();
    private int maxQueryVariants = 500;
    private Optional<Path> state = Optional.empty();
    private boolean changedOnly = false;
    private Optional<Duration> recrawlAfter = Optional.empty();
    private boolean failOnError = false;

    private final Map<String, Origin> origins = new HashMap<>();

    /** A regex as written, and where. */
    public record Sourced(String regex, Origin origin) {
    }

    /** A request header, and where it was given. */
    public record SourcedHeader(RequestOptions.Header header, Origin origin) {
    }

    /** The built-in defaults, built. */
    public static CrawlConfig defaults() {
        try {
            return new CrawlConfigBuilder().build();
        } catch (ConfigException e) {
            throw new IllegalStateException("built-in defaults are invalid", e);
        }
    }

    public CrawlConfigBuilder maxDepth(int value, Origin origin) {
        maxDepth = value;
        return from("max-depth", origin);
    }

    /** Empty for no limit. */
    public CrawlConfigBuilder maxPages(OptionalLong value, Origin origin) {
        maxPages = Objects.requireNonNull(value);
        return from("max-pages", origin);
    }

    public CrawlConfigBuilder concurrency(int value, Origin origin) {
        concurrency = value;
        return from("concurrency", origin);
    }

    public CrawlConfigBuilder perHost(int value, Origin origin) {
        perHost = value;
        return from("per-host", origin);
    }

    public CrawlConfigBuilder delay(Duration value, Origin origin) {
        delay = Objects.requireNonNull(value);
        return from("delay", origin);
    }

    public CrawlConfigBuilder timeout(Duration value, Origin origin) {
        timeout = Objects.requireNonNull(value);
        return from("timeout", origin);
    }

    public CrawlConfigBuilder retries(int value, Origin origin) {
        retries = value;
        return from("retries", origin);
    }

    public CrawlConfigBuilder retryBackoff(Duration value, Origin origin) {
        retryBackoff = Objects.requireNonNull(value);
        return from("retry-backoff", origin);
    }

    public CrawlConfigBuilder maxRetryAfter(Duration value, Origin origin) {
        maxRetryAfter = Objects.requireNonNull(value);
        return from("max-retry-after", origin);
    }

    public CrawlConfigBuilder scope(Scope value, Origin origin) {
        scope = Objects.requireNonNull(value);
        return from("scope", origin);
    }

    /** Replaces the include patterns; each keeps its own origin (a file may give several, on different lines). */
    public CrawlConfigBuilder include(List<Sourced> regexes) {
        include = List.copyOf(regexes);
        return this;
    }

    /** Replaces the exclude patterns. */
    public CrawlConfigBuilder exclude(List<Sourced> regexes) {
        exclude = List.copyOf(regexes);
        return this;
    }

    public CrawlConfigBuilder maxBytes(long value, Origin origin) {
        maxBytes = value;
        return from("max-bytes", origin);
    }

    public CrawlConfigBuilder userAgent(String value, Origin origin) {
        userAgent = Objects.requireNonNull(value);
        return from("user-agent", origin);
    }

    public CrawlConfigBuilder ignoreRobots(boolean value, Origin origin) {
        ignoreRobots = value;
        return from("ignore-robots", origin);
    }

    public CrawlConfigBuilder frontierMemory(int value, Origin origin) {
        frontierMemory = value;
        return from("frontier-memory", origin);
    }

    public CrawlConfigBuilder output(Path value, Origin origin) {
        output = Optional.of(value);
        return from("output", origin);
    }

    public CrawlConfigBuilder verbosity(Verbosity value, Origin origin) {
        verbosity = Objects.requireNonNull(value);
        return from("verbosity", origin);
    }

    public CrawlConfigBuilder maxCrawlDelay(Duration value, Origin origin) {
        maxCrawlDelay = Objects.requireNonNull(value);
        return from("max-crawl-delay", origin);
    }

    /** Request starts per second; empty for no ceiling. */
    public CrawlConfigBuilder rate(OptionalDouble value, Origin origin) {
        rate = Objects.requireNonNull(value);
        return from("rate", origin);
    }

    public CrawlConfigBuilder sitemaps(boolean value, Origin origin) {
        sitemaps = value;
        return from("sitemaps", origin);
    }

    public CrawlConfigBuilder followNofollow(boolean value, Origin origin) {
        followNofollow = value;
        return from("follow-nofollow", origin);
    }

    /** Replaces the extra headers with these, all from one origin (the {@code --header} flags). */
    public CrawlConfigBuilder headers(List<RequestOptions.Header> value, Origin origin) {
        return headers(value.stream().map(header -> new SourcedHeader(header, origin)).toList());
    }

    /** Replaces the extra headers; each keeps its own origin (a file gives them on different lines). */
    public CrawlConfigBuilder headers(List<SourcedHeader> value) {
        headers = List.copyOf(value);
        return this;
    }

    public CrawlConfigBuilder cookie(Optional<String> value, Origin origin) {
        cookie = Objects.requireNonNull(value);
        return from("cookie", origin);
    }

    public CrawlConfigBuilder proxy(Optional<RequestOptions.ProxySpec> value, Origin origin) {
        proxy = Objects.requireNonNull(value);
        return from("proxy", origin);
    }

    public CrawlConfigBuilder insecure(boolean value, Origin origin) {
        insecure = value;
        return from("insecure", origin);
    }

    public CrawlConfigBuilder allowPrivate(boolean value, Origin origin) {
        allowPrivate = value;
        return from("allow-private", origin);
    }

    public CrawlConfigBuilder maxUrlLength(int value, Origin origin) {
        maxUrlLength = value;
        return from("max-url-length", origin);
    }

    public CrawlConfigBuilder maxRepeatedSegments(int value, Origin origin) {
        maxRepeatedSegments = value;
        return from("max-repeated-segments", origin);
    }

    /** Empty for no limit. */
    public CrawlConfigBuilder maxPagesPerHost(OptionalLong value, Origin origin) {
        maxPagesPerHost = Objects.requireNonNull(value);
        return from("max-pages-per-host", origin);
    }

    public CrawlConfigBuilder maxQueryVariants(int value, Origin origin) {
        maxQueryVariants = value;
        return from("max-query-variants", origin);
    }

    public CrawlConfigBuilder state(Path value, Origin origin) {
        state = Optional.of(value);
        return from("state", origin);
    }

    public CrawlConfigBuilder changedOnly(boolean value, Origin origin) {
        changedOnly = value;
        return from("changed-only", origin);
    }

    /** Empty refetches every known URL on a recrawl. */
    public CrawlConfigBuilder recrawlAfter(Optional<Duration> value, Origin origin) {
        recrawlAfter = Objects.requireNonNull(value);
        return from("recrawl-after", origin);
    }

    public CrawlConfigBuilder failOnError(boolean value, Origin origin) {
        failOnError = value;
        return from("fail-on-error", origin);
    }

    /** Checks every setting; the first bad one is reported with its origin. */
    public CrawlConfig build() throws ConfigException {
        between("max-depth", maxDepth, 0, MAX_DEPTH);
        atLeastOne("max-pages", maxPages);
        between("concurrency", concurrency, 1, MAX_CONCURRENCY);
        between("per-host", perHost, 1, MAX_CONCURRENCY);
        atMost("delay", delay, MAX_WAIT, false);
        atMost("timeout", timeout, MAX_WAIT, true);
        between("retries", retries, 0, MAX_RETRIES);
        atMost("retry-backoff", retryBackoff, MAX_WAIT, false);
        atMost("max-retry-after", maxRetryAfter, MAX_RETRY_AFTER, false);
        if (maxBytes < 1 || maxBytes > MAX_BODY) {
            throw new ConfigException(origin("max-bytes"), (maxBytes < 1 ? "must be at least 1B, got " + maxBytes
                    : "must be at most " + SizeFormat.format(MAX_BODY) + ", got " + SizeFormat.format(maxBytes)));
        }
        checkText("user-agent", userAgent);
        between("frontier-memory", frontierMemory, 1, MAX_FRONTIER_MEMORY);
        atMost("max-crawl-delay", maxCrawlDelay, MAX_WAIT, false);
        checkRate();
        for (SourcedHeader header : headers) {
            obey(header.origin(), () -> HeaderFormat.check(header.header()));
        }
        if (cookie.isPresent()) {
            checkText("cookie", cookie.get());
        }
        if (proxy.isPresent()) {
            obey(origin("proxy"), () -> ProxyFormat.check(proxy.get()));
        }
        between("max-url-length", maxUrlLength, MIN_URL_LENGTH, MAX_URL_LENGTH);
        between("max-repeated-segments", maxRepeatedSegments, 1, MAX_REPEATED_SEGMENTS);
        atLeastOne("max-pages-per-host", maxPagesPerHost);
        between("max-query-variants", maxQueryVariants, 1, MAX_QUERY_VARIANTS);
        checkState();
        return new CrawlConfig(maxDepth, maxPages, concurrency, perHost, delay, timeout, retries,
                retryBackoff, maxRetryAfter, scope, compile(include), compile(exclude), maxBytes,
                userAgent.strip(), ignoreRobots, frontierMemory, output, verbosity, maxCrawlDelay, rate, sitemaps,
                followNofollow, new RequestOptions(headers.stream().map(SourcedHeader::header).toList(),
                        cookie.map(String::strip), proxy, insecure, allowPrivate),
                new TrapLimits(maxUrlLength, maxRepeatedSegments, maxPagesPerHost, maxQueryVariants),
                state, changedOnly, recrawlAfter, failOnError);
    }

    private CrawlConfigBuilder from(String key, Origin origin) {
        origins.put(key, Objects.requireNonNull(origin));
        return this;
    }

    private Origin origin(String key) {
        return origins.getOrDefault(key, Origin.builtIn(key));
    }

    private void between(String key, long value, long min, long max) throws ConfigException {
        if (value < min) {
            throw new ConfigException(origin(key), "must be at least " + min + ", got " + value);
        }
        if (value > max) {
            throw new ConfigException(origin(key), "must be at most " + max + ", got " + value);
        }
    }

    private void atMost(String key, Duration value, Duration max, boolean positive) throws ConfigException {
        if (value.isNegative() || (positive && value.isZero())) {
            throw new ConfigException(origin(key), "must be " + (positive ? "more than 0" : "0 or more")
                    + ", got " + (value.isNegative() ? value : DurationFormat.format(value)));
        }
        if (value.compareTo(max) > 0) {
            throw new ConfigException(origin(key), "must be at most " + DurationFormat.format(max)
                    + ", got " + DurationFormat.format(value));
        }
    }

    private void atLeastOne(String key, OptionalLong limit) throws ConfigException {
        if (limit.isPresent() && limit.getAsLong() < 1) {
            throw new ConfigException(origin(key), "must be at least 1, got " + limit.getAsLong());
        }
    }

    // A header value (User-Agent, Cookie): OkHttp accepts only printable ASCII and tab; CR or LF would split the request.
    private void checkText(String key, String value) throws ConfigException {
        if (value.isBlank()) {
            throw new ConfigException(origin(key), "must not be blank");
        }
        obey(origin(key), () -> HeaderFormat.checkValue(value));
    }

    private void checkRate() throws ConfigException {
        if (rate.isEmpty()) {
            return;
        }
        double perSecond = rate.getAsDouble();
        if (!(perSecond > 0)) {
            throw new ConfigException(origin("rate"), "must be more than 0, got "
                    + (perSecond == 0 ? RateFormat.format(0) : perSecond));
        }
        if (perSecond > MAX_RATE) {
            throw new ConfigException(origin("rate"), "must be at most " + RateFormat.format(MAX_RATE) + ", got "
                    + (Double.isFinite(perSecond) ? RateFormat.format(perSecond) : perSecond));
        }
    }

    // changed-only and recrawl-after compare this run with an earlier one, which only the state file remembers:
    // without it every page is new, so asking for either is a mistake worth stopping for, not a silent no-op.
    private void checkState() throws ConfigException {
        if (state.isPresent()) {
            Path file = state.get();
            if (file.toString().isBlank()) {
                throw new ConfigException(origin("state"), "must not be blank");
            }
            if (output.isPresent() && output.get().toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
                throw new ConfigException(origin("state"), "must not be the output file " + output.get());
            }
        }
        if (recrawlAfter.isPresent() && recrawlAfter.get().isNegative()) {
            throw new ConfigException(origin("recrawl-after"), "must be 0 or more, got " + recrawlAfter.get());
        }
        if (changedOnly && state.isEmpty()) {
            throw new ConfigException(origin("changed-only"), "needs " + stateOption("changed-only")
                    + " (without state every page is new)");
        }
        if (recrawlAfter.isPresent() && state.isEmpty()) {
            throw new ConfigException(origin("recrawl-after"), "needs " + stateOption("recrawl-after")
                    + " (without state no page has been fetched before)");
        }
    }

    // Names the state setting the way the user names the one that needs it: a flag, or a key of the settings file.
    private String stateOption(String key) {
        return origin(key).commandLine() ? "--state=FILE" : "state = FILE (or --state=FILE)";
    }

    /** Runs a rule of a format class, reporting what it throws as a problem with the setting from {@code origin}. */
    private static void obey(Origin origin, Runnable rule) throws ConfigException {
        try {
            rule.run();
        } catch (IllegalArgumentException bad) {
            throw new ConfigException(origin, bad.getMessage());
        }
    }

    private static List<Pattern> compile(List<Sourced> regexes) throws ConfigException {
        List<Pattern> patterns = new ArrayList<>(regexes.size());
        for (Sourced regex : regexes) {
            try {
                patterns.add(Pattern.compile(regex.regex()));
            } catch (PatternSyntaxException e) {
                throw new ConfigException(regex.origin(), "not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex() + " of " + DurationFormat.quote(regex.regex()), e);
            }
        }
        return patterns;
    }
}
