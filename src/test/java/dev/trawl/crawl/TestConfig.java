package dev.trawl.crawl;

import dev.trawl.cli.TrawlCommand;
import dev.trawl.config.ConfigException;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.Verbosity;
import dev.trawl.url.Scope;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Crawl configurations for engine tests: the built-in defaults, quiet, without the polite delay,
 * with 8 per host and a shorter timeout and backoff. Each change is the flag a user would type, and
 * the config is parsed from them by the command itself, so tests get the same values, defaults and
 * checks as a real run.
 */
final class TestConfig {
    /** Flag to value (null for a switch); a later call for the same flag replaces the earlier one. */
    private final Map<String, String> flags = new LinkedHashMap<>();

    private TestConfig() {
        set("--timeout", "10s").set("--delay", "0").set("--per-host", "8").set("--retry-backoff", "100ms")
                .set("--user-agent", "trawl/test").verbosity(Verbosity.QUIET);
    }

    private TestConfig set(String flag, Object value) {
        flags.put(flag, value == null ? null : value.toString());
        return this;
    }

    TestConfig maxDepth(int value) { return set("--max-depth", value); }
    TestConfig maxPages(long value) { return set("--max-pages", value); }
    TestConfig concurrency(int value) { return set("--concurrency", value); }
    TestConfig perHost(int value) { return set("--per-host", value); }
    TestConfig delay(Duration value) { return set("--delay", millis(value)); }
    TestConfig timeout(Duration value) { return set("--timeout", millis(value)); }
    TestConfig retries(int value) { return set("--retries", value); }
    TestConfig maxRetryAfter(Duration value) { return set("--max-retry-after", millis(value)); }
    TestConfig scope(Scope value) { return set("--scope", value.name().toLowerCase(Locale.ROOT)); }
    TestConfig maxBytes(long value) { return set("--max-bytes", value + "B"); }
    TestConfig ignoreRobots() { return set("--ignore-robots", null); }
    TestConfig frontierMemory(int value) { return set("--frontier-memory", value); }
    TestConfig output(Path value) { return set("--output", value); }
    TestConfig maxCrawlDelay(Duration value) { return set("--max-crawl-delay", millis(value)); }
    TestConfig rate(double perSecond) { return set("--rate", BigDecimal.valueOf(perSecond).toPlainString() + "/s"); }
    TestConfig sitemaps() { return set("--sitemaps", null); }
    TestConfig followNofollow() { return set("--follow-nofollow", null); }
    TestConfig checkLinks() { return set("--check-links", null); }
    TestConfig checkFragments() { return set("--check-fragments", null); }
    TestConfig maxQueryVariants(int value) { return set("--max-query-variants", value); }
    TestConfig maxRepeatedSegments(int value) { return set("--max-repeated-segments", value); }
    TestConfig maxUrlLength(int value) { return set("--max-url-length", value); }
    TestConfig maxPagesPerHost(long value) { return set("--max-pages-per-host", value); }
    TestConfig header(String name, String value) { return set("--header", name + ": " + value); }
    TestConfig cookie(String value) { return set("--cookie", value); }
    TestConfig state(Path file) { return set("--state", file); }
    TestConfig sharedState(String url) { return set("--state", url); }
    TestConfig workerTimeout(Duration value) { return set("--worker-timeout", millis(value)); }
    TestConfig crawlName(String value) { return set("--crawl", value); }
    TestConfig allowPrivate() { return set("--allow-private", null); }
    TestConfig exclude(String regex) { return set("--exclude", regex); }
    TestConfig insecure() { return set("--insecure", null); }
    TestConfig httpProxy(String host, int port) { return set("--proxy", "http://" + host + ":" + port); }
    TestConfig changedOnly() { return set("--changed-only", null); }
    TestConfig warc(Path file) { return set("--warc", file); }
    TestConfig warcMaxSize(String size) { return set("--warc-max-size", size); }
    TestConfig recrawlAfter(Duration value) { return set("--recrawl-after", millis(value)); }

    TestConfig verbosity(Verbosity value) {
        flags.remove("--quiet");
        flags.remove("--verbose");
        return switch (value) {
            case QUIET -> set("--quiet", null);
            case VERBOSE -> set("--verbose", null);
            case NORMAL -> this;
        };
    }

    private static String millis(Duration value) {
        if (value.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("test durations are whole milliseconds: " + value);
        }
        return value.toMillis() + "ms";
    }

    /** The defaults above with the given changes, parsed as the command line would be. */
    static CrawlConfig with(UnaryOperator<TestConfig> changes) {
        List<String> args = new ArrayList<>();
        changes.apply(new TestConfig()).flags.forEach((flag, value) -> args.add(value == null ? flag : flag + "=" + value));
        try {
            return TrawlCommand.configFor(args.toArray(String[]::new));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
