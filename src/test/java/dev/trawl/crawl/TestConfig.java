package dev.trawl.crawl;

import dev.trawl.config.ConfigException;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.CrawlConfigBuilder;
import dev.trawl.config.Origin;
import dev.trawl.config.RequestOptions;
import dev.trawl.config.Verbosity;
import dev.trawl.url.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Crawl configurations for engine tests: the built-in defaults, quiet, without the polite delay,
 * with 8 per host and a shorter timeout and backoff, built through the same
 * {@link CrawlConfigBuilder} (and its validation) as the CLI's.
 */
final class TestConfig {
    private static final Origin TEST = Origin.flag("test");
    private final CrawlConfigBuilder builder = new CrawlConfigBuilder()
            .timeout(Duration.ofSeconds(10), TEST)
            .delay(Duration.ZERO, TEST)
            .perHost(8, TEST)
            .retryBackoff(Duration.ofMillis(100), TEST)
            .userAgent("trawl/test", TEST)
            .verbosity(Verbosity.QUIET, TEST);

    TestConfig maxDepth(int value) { builder.maxDepth(value, TEST); return this; }
    TestConfig maxPages(long value) { builder.maxPages(OptionalLong.of(value), TEST); return this; }
    TestConfig concurrency(int value) { builder.concurrency(value, TEST); return this; }
    TestConfig perHost(int value) { builder.perHost(value, TEST); return this; }
    TestConfig delay(Duration value) { builder.delay(value, TEST); return this; }
    TestConfig timeout(Duration value) { builder.timeout(value, TEST); return this; }
    TestConfig retries(int value) { builder.retries(value, TEST); return this; }
    TestConfig maxRetryAfter(Duration value) { builder.maxRetryAfter(value, TEST); return this; }
    TestConfig scope(Scope value) { builder.scope(value, TEST); return this; }
    TestConfig maxBytes(long value) { builder.maxBytes(value, TEST); return this; }
    TestConfig ignoreRobots() { builder.ignoreRobots(true, TEST); return this; }
    TestConfig frontierMemory(int value) { builder.frontierMemory(value, TEST); return this; }
    TestConfig output(Path value) { builder.output(value, TEST); return this; }
    TestConfig maxCrawlDelay(Duration value) { builder.maxCrawlDelay(value, TEST); return this; }
    TestConfig rate(double perSecond) { builder.rate(OptionalDouble.of(perSecond), TEST); return this; }
    TestConfig verbosity(Verbosity value) { builder.verbosity(value, TEST); return this; }
    TestConfig sitemaps() { builder.sitemaps(true, TEST); return this; }
    TestConfig followNofollow() { builder.followNofollow(true, TEST); return this; }
    TestConfig maxQueryVariants(int value) { builder.maxQueryVariants(value, TEST); return this; }
    TestConfig maxRepeatedSegments(int value) { builder.maxRepeatedSegments(value, TEST); return this; }
    TestConfig maxUrlLength(int value) { builder.maxUrlLength(value, TEST); return this; }
    TestConfig maxPagesPerHost(long value) { builder.maxPagesPerHost(OptionalLong.of(value), TEST); return this; }
    TestConfig header(String name, String value) {
        builder.headers(List.of(new RequestOptions.Header(name, value)), TEST);
        return this;
    }
    TestConfig cookie(String value) { builder.cookie(Optional.of(value), TEST); return this; }
    TestConfig state(Path file) { builder.state(file, TEST); return this; }
    TestConfig allowPrivate() { builder.allowPrivate(true, TEST); return this; }
    TestConfig insecure() { builder.insecure(true, TEST); return this; }
    TestConfig httpProxy(String host, int port) {
        builder.proxy(Optional.of(new RequestOptions.ProxySpec(RequestOptions.ProxySpec.Kind.HTTP, host, port)), TEST);
        return this;
    }
    TestConfig changedOnly() { builder.changedOnly(true, TEST); return this; }
    TestConfig recrawlAfter(Duration value) { builder.recrawlAfter(Optional.of(value), TEST); return this; }

    static CrawlConfig with(UnaryOperator<TestConfig> changes) {
        try {
            return changes.apply(new TestConfig()).builder.build();
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
