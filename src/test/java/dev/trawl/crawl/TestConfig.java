package dev.trawl.crawl;

import dev.trawl.config.CrawlConfig;
import dev.trawl.config.Verbosity;
import dev.trawl.url.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/** Crawl configurations for engine tests: the contract's defaults, with short timeouts and no waiting. */
final class TestConfig {
    private int maxDepth = 3;
    private OptionalLong maxPages = OptionalLong.empty();
    private int concurrency = 32;
    private int perHost = 8;
    private Duration delay = Duration.ZERO;
    private Duration timeout = Duration.ofSeconds(10);
    private int retries = 2;
    private Duration maxRetryAfter = Duration.ofMinutes(2);
    private Scope scope = Scope.HOST;
    private long maxBytes = 10L << 20;
    private boolean ignoreRobots;
    private int frontierMemory = 100_000;
    private Optional<Path> output = Optional.empty();

    TestConfig maxDepth(int value) { maxDepth = value; return this; }
    TestConfig maxPages(long value) { maxPages = OptionalLong.of(value); return this; }
    TestConfig concurrency(int value) { concurrency = value; return this; }
    TestConfig perHost(int value) { perHost = value; return this; }
    TestConfig delay(Duration value) { delay = value; return this; }
    TestConfig timeout(Duration value) { timeout = value; return this; }
    TestConfig retries(int value) { retries = value; return this; }
    TestConfig maxRetryAfter(Duration value) { maxRetryAfter = value; return this; }
    TestConfig scope(Scope value) { scope = value; return this; }
    TestConfig maxBytes(long value) { maxBytes = value; return this; }
    TestConfig ignoreRobots() { ignoreRobots = true; return this; }
    TestConfig frontierMemory(int value) { frontierMemory = value; return this; }
    TestConfig output(Path value) { output = Optional.of(value); return this; }

    static CrawlConfig with(UnaryOperator<TestConfig> changes) {
        return changes.apply(new TestConfig()).build();
    }

    CrawlConfig build() {
        return new CrawlConfig(maxDepth, maxPages, concurrency, perHost, delay, timeout, retries,
                Duration.ofMillis(100), maxRetryAfter, scope, List.of(), List.of(), maxBytes, "trawl/test",
                ignoreRobots, frontierMemory, output, Verbosity.QUIET);
    }
}
