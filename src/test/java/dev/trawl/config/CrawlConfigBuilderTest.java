package dev.trawl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.CrawlConfigBuilder.Sourced;
import dev.trawl.url.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CrawlConfigBuilderTest {
    private static final Origin FLAG = Origin.flag("--per-host");

    @Test
    void defaultsMatchTheCommandLineContract() {
        CrawlConfig d = CrawlConfigBuilder.defaults();
        assertEquals(3, d.maxDepth());
        assertEquals(OptionalLong.empty(), d.maxPages());
        assertEquals(32, d.concurrency());
        assertEquals(8, d.perHost());
        assertEquals(Duration.ZERO, d.delay());
        assertEquals(Duration.ofSeconds(30), d.timeout());
        assertEquals(2, d.retries());
        assertEquals(Duration.ofSeconds(1), d.retryBackoff());
        assertEquals(Duration.ofMinutes(2), d.maxRetryAfter());
        assertEquals(Scope.HOST, d.scope());
        assertEquals(List.of(), d.include());
        assertEquals(List.of(), d.exclude());
        assertEquals(10L * 1024 * 1024, d.maxBytes());
        assertEquals("trawl/" + TrawlVersion.current(), d.userAgent());
        assertFalse(d.ignoreRobots());
        assertEquals(100_000, d.frontierMemory());
        assertEquals(Optional.empty(), d.output());
        assertEquals(Verbosity.NORMAL, d.verbosity());
        assertEquals("trawl", d.productToken());
    }

    @Test
    void versionComesFromTheFilteredResource() {
        assertTrue(TrawlVersion.current().matches("\\d+\\.\\d+\\.\\d+.*"), TrawlVersion.current());
    }

    private static String failure(CrawlConfigBuilder builder) {
        return assertThrows(ConfigException.class, builder::build).getMessage();
    }

    @Test
    void rejectsValuesBelowTheirMinimumNamingTheFlag() {
        assertEquals("--per-host: must be at least 1, got 0", failure(new CrawlConfigBuilder().perHost(0, FLAG)));
        assertEquals("--concurrency: must be at least 1, got 0",
                failure(new CrawlConfigBuilder().concurrency(0, Origin.flag("--concurrency"))));
        assertEquals("--max-depth: must be at least 0, got -1",
                failure(new CrawlConfigBuilder().maxDepth(-1, Origin.flag("--max-depth"))));
        assertEquals("--max-pages: must be at least 1, got 0",
                failure(new CrawlConfigBuilder().maxPages(OptionalLong.of(0), Origin.flag("--max-pages"))));
        assertEquals("--retries: must be at least 0, got -1",
                failure(new CrawlConfigBuilder().retries(-1, Origin.flag("--retries"))));
        assertEquals("--timeout: must be more than 0, got 0",
                failure(new CrawlConfigBuilder().timeout(Duration.ZERO, Origin.flag("--timeout"))));
        assertEquals("--max-bytes: must be at least 1B, got 0",
                failure(new CrawlConfigBuilder().maxBytes(0, Origin.flag("--max-bytes"))));
        assertEquals("--frontier-memory: must be at least 1, got 0",
                failure(new CrawlConfigBuilder().frontierMemory(0, Origin.flag("--frontier-memory"))));
    }

    @Test
    void rejectsValuesAboveTheirSaneMaximum() {
        assertEquals("--retries: must be at most 100, got 101",
                failure(new CrawlConfigBuilder().retries(101, Origin.flag("--retries"))));
        assertEquals("--concurrency: must be at most 1024, got 100000",
                failure(new CrawlConfigBuilder().concurrency(100_000, Origin.flag("--concurrency"))));
        assertEquals("--delay: must be at most 1h, got 2h",
                failure(new CrawlConfigBuilder().delay(Duration.ofHours(2), Origin.flag("--delay"))));
        assertEquals("--max-bytes: must be at most 1GB, got 2GB",
                failure(new CrawlConfigBuilder().maxBytes(2L << 30, Origin.flag("--max-bytes"))));
    }

    @Test
    void errorNamesTheConfigFileLineAndKey() {
        Origin line = Origin.fileLine(Path.of("trawl.properties"), 12, "per-host");
        ConfigException e = assertThrows(ConfigException.class, () -> new CrawlConfigBuilder().perHost(0, line).build());
        assertEquals("trawl.properties:12: per-host: must be at least 1, got 0", e.getMessage());
        assertFalse(e.fromCommandLine());
    }

    @Test
    void flagErrorsAreUsageErrors() {
        assertTrue(assertThrows(ConfigException.class, () -> new CrawlConfigBuilder().perHost(0, FLAG).build()).fromCommandLine());
    }

    @Test
    void userAgentMustNotBeBlankOrSplitTheHeader() {
        Origin ua = Origin.flag("--user-agent");
        assertEquals("--user-agent: must not be blank", failure(new CrawlConfigBuilder().userAgent("  ", ua)));
        assertEquals("--user-agent: must not contain a line break",
                failure(new CrawlConfigBuilder().userAgent("bot\r\nX-Evil: 1", ua)));
        assertTrue(failure(new CrawlConfigBuilder().userAgent("bötchen", ua)).startsWith("--user-agent: must be printable ASCII"));
    }

    @Test
    void badRegexNamesTheOption() {
        String message = failure(new CrawlConfigBuilder().include(List.of(new Sourced("[a-", Origin.flag("--include")))));
        assertTrue(message.startsWith("--include: not a valid regular expression"), message);
    }

    @Test
    void laterValueReplacesEarlierOne() throws ConfigException {
        CrawlConfig config = new CrawlConfigBuilder()
                .perHost(2, Origin.fileLine(Path.of("f"), 1, "per-host"))
                .perHost(4, FLAG)
                .build();
        assertEquals(4, config.perHost());
    }
}
