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
import java.util.OptionalDouble;
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
        assertEquals(4, d.perHost());
        assertEquals(Duration.ofMillis(250), d.delay());
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
        assertEquals(Duration.ofSeconds(30), d.maxCrawlDelay());
        assertEquals(OptionalDouble.empty(), d.rate());
        assertFalse(d.sitemaps());
        assertFalse(d.followNofollow());
        assertEquals(RequestOptions.none(), d.request());
        assertEquals(new TrapLimits(2048, 3, OptionalLong.empty(), 500), d.traps());
        assertEquals(Optional.empty(), d.state());
        assertFalse(d.changedOnly());
        assertEquals(Optional.empty(), d.recrawlAfter());
        assertFalse(d.failOnError());
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
    void rejectsPolitenessAndTrapSettingsOutOfRange() {
        assertEquals("--max-crawl-delay: must be at most 1h, got 2h",
                failure(new CrawlConfigBuilder().maxCrawlDelay(Duration.ofHours(2), Origin.flag("--max-crawl-delay"))));
        assertEquals("--max-crawl-delay: must be 0 or more, got PT-1S",
                failure(new CrawlConfigBuilder().maxCrawlDelay(Duration.ofSeconds(-1), Origin.flag("--max-crawl-delay"))));
        assertEquals("--max-url-length: must be at least 64, got 63",
                failure(new CrawlConfigBuilder().maxUrlLength(63, Origin.flag("--max-url-length"))));
        assertEquals("--max-url-length: must be at most 65536, got 65537",
                failure(new CrawlConfigBuilder().maxUrlLength(65_537, Origin.flag("--max-url-length"))));
        assertEquals("--max-repeated-segments: must be at least 1, got 0",
                failure(new CrawlConfigBuilder().maxRepeatedSegments(0, Origin.flag("--max-repeated-segments"))));
        assertEquals("--max-repeated-segments: must be at most 1000, got 1001",
                failure(new CrawlConfigBuilder().maxRepeatedSegments(1001, Origin.flag("--max-repeated-segments"))));
        assertEquals("--max-pages-per-host: must be at least 1, got 0",
                failure(new CrawlConfigBuilder().maxPagesPerHost(OptionalLong.of(0), Origin.flag("--max-pages-per-host"))));
        assertEquals("--max-query-variants: must be at least 1, got 0",
                failure(new CrawlConfigBuilder().maxQueryVariants(0, Origin.flag("--max-query-variants"))));
        assertEquals("--max-query-variants: must be at most 10000000, got 10000001",
                failure(new CrawlConfigBuilder().maxQueryVariants(10_000_001, Origin.flag("--max-query-variants"))));
    }

    @Test
    void acceptsTheEndsOfEachRange() throws ConfigException {
        CrawlConfig low = new CrawlConfigBuilder().maxCrawlDelay(Duration.ZERO, FLAG).rate(OptionalDouble.of(0.001), FLAG)
                .maxUrlLength(64, FLAG).maxRepeatedSegments(1, FLAG).maxPagesPerHost(OptionalLong.of(1), FLAG)
                .maxQueryVariants(1, FLAG).build();
        assertEquals(new TrapLimits(64, 1, OptionalLong.of(1), 1), low.traps());
        CrawlConfig high = new CrawlConfigBuilder().maxCrawlDelay(Duration.ofHours(1), FLAG).rate(OptionalDouble.of(100_000), FLAG)
                .maxUrlLength(65_536, FLAG).maxRepeatedSegments(1000, FLAG).maxQueryVariants(10_000_000, FLAG).build();
        assertEquals(OptionalDouble.of(100_000), high.rate());
        assertEquals(new TrapLimits(65_536, 1000, OptionalLong.empty(), 10_000_000), high.traps());
    }

    @Test
    void rateMustBePositiveAndAtMostOneHundredThousandASecond() {
        Origin rate = Origin.flag("--rate");
        assertEquals("--rate: must be more than 0, got 0/s", failure(new CrawlConfigBuilder().rate(OptionalDouble.of(0), rate)));
        assertEquals("--rate: must be more than 0, got -1.0", failure(new CrawlConfigBuilder().rate(OptionalDouble.of(-1), rate)));
        assertEquals("--rate: must be more than 0, got NaN", failure(new CrawlConfigBuilder().rate(OptionalDouble.of(Double.NaN), rate)));
        assertEquals("--rate: must be at most 100000/s, got 200000/s",
                failure(new CrawlConfigBuilder().rate(OptionalDouble.of(200_000), rate)));
        assertEquals("--rate: must be at most 100000/s, got Infinity",
                failure(new CrawlConfigBuilder().rate(OptionalDouble.of(Double.POSITIVE_INFINITY), rate)));
    }

    @Test
    void headerErrorsNameTheOriginOfTheBadHeader() {
        Origin line2 = Origin.fileLine(Path.of("trawl.properties"), 2, "header");
        Origin line3 = Origin.fileLine(Path.of("trawl.properties"), 3, "header");
        String message = failure(new CrawlConfigBuilder().headers(List.of(
                new CrawlConfigBuilder.SourcedHeader(new RequestOptions.Header("X-A", "1"), line2),
                new CrawlConfigBuilder.SourcedHeader(new RequestOptions.Header("Host", "b.example"), line3))));
        assertTrue(message.startsWith("trawl.properties:3: header: cannot set Host: "), message);
        assertTrue(failure(new CrawlConfigBuilder().headers(List.of(new RequestOptions.Header("X A", "1")), Origin.flag("--header")))
                .startsWith("--header: header name \"X A\" has character U+0020"));
    }

    @Test
    void keepsHeadersInTheOrderGiven() throws ConfigException {
        List<RequestOptions.Header> headers = List.of(new RequestOptions.Header("X-B", "2"), new RequestOptions.Header("X-A", "1"),
                new RequestOptions.Header("X-B", "3"));
        assertEquals(headers, new CrawlConfigBuilder().headers(headers, Origin.flag("--header")).build().request().headers());
    }

    @Test
    void cookieMustBePrintableOnOneLine() throws ConfigException {
        Origin cookie = Origin.flag("--cookie");
        assertEquals("--cookie: must not be blank", failure(new CrawlConfigBuilder().cookie(Optional.of(" "), cookie)));
        assertEquals("--cookie: must not contain a line break",
                failure(new CrawlConfigBuilder().cookie(Optional.of("a=1\r\nX-Evil: 1"), cookie)));
        assertEquals("--cookie: must be printable ASCII, got character U+00E9 at position 3",
                failure(new CrawlConfigBuilder().cookie(Optional.of("a=\u00e9"), cookie)));
        assertEquals(Optional.of("a=1; b=2"),
                new CrawlConfigBuilder().cookie(Optional.of(" a=1; b=2 "), cookie).build().request().cookie());
    }

    @Test
    void proxyNeedsAHostAndAPortInRange() {
        Origin proxy = Origin.flag("--proxy");
        assertEquals("--proxy: proxy port must be from 1 to 65535, got 0", failure(new CrawlConfigBuilder()
                .proxy(Optional.of(new RequestOptions.ProxySpec(RequestOptions.ProxySpec.Kind.HTTP, "p.example", 0)), proxy)));
        assertTrue(failure(new CrawlConfigBuilder()
                .proxy(Optional.of(new RequestOptions.ProxySpec(RequestOptions.ProxySpec.Kind.SOCKS, "", 1080)), proxy))
                .startsWith("--proxy: the proxy needs a host"));
    }

    @Test
    void laterValueReplacesEarlierOne() throws ConfigException {
        CrawlConfig config = new CrawlConfigBuilder()
                .perHost(2, Origin.fileLine(Path.of("f"), 1, "per-host"))
                .perHost(4, FLAG)
                .build();
        assertEquals(4, config.perHost());
    }

    @Test
    void changedOnlyAndRecrawlAfterNeedStateNamingBothFlags() {
        ConfigException changed = assertThrows(ConfigException.class,
                () -> new CrawlConfigBuilder().changedOnly(true, Origin.flag("--changed-only")).build());
        assertEquals("--changed-only: needs --state=FILE (without state every page is new)", changed.getMessage());
        assertTrue(changed.fromCommandLine());
        assertEquals("--recrawl-after: needs --state=FILE (without state no page has been fetched before)",
                failure(new CrawlConfigBuilder().recrawlAfter(Optional.of(Duration.ofHours(1)), Origin.flag("--recrawl-after"))));
    }

    @Test
    void changedOnlyFromTheFileWithoutStateNamesItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> new CrawlConfigBuilder()
                .changedOnly(true, Origin.fileLine(Path.of("trawl.properties"), 7, "changed-only")).build());
        assertEquals("trawl.properties:7: changed-only: needs state = FILE (or --state=FILE) (without state every page is new)",
                e.getMessage());
        assertFalse(e.fromCommandLine());
    }

    @Test
    void falseChangedOnlyAndEmptyRecrawlAfterNeedNoState() throws ConfigException {
        Origin file = Origin.fileLine(Path.of("trawl.properties"), 1, "changed-only");
        CrawlConfig config = new CrawlConfigBuilder().changedOnly(false, file).recrawlAfter(Optional.empty(), file)
                .failOnError(true, Origin.flag("--fail-on-error")).build();
        assertTrue(config.failOnError());
        assertEquals(Optional.empty(), config.state());
    }

    @Test
    void recrawlAfterMustNotBeNegativeAndMayBeZero() throws ConfigException {
        Origin flag = Origin.flag("--recrawl-after");
        CrawlConfigBuilder withState = new CrawlConfigBuilder().state(Path.of("s.db"), Origin.flag("--state"));
        assertEquals("--recrawl-after: must be 0 or more, got PT-1S",
                failure(withState.recrawlAfter(Optional.of(Duration.ofSeconds(-1)), flag)));
        assertEquals(Optional.of(Duration.ZERO), withState.recrawlAfter(Optional.of(Duration.ZERO), flag).build().recrawlAfter());
    }

    @Test
    void stateWithChangedOnlyAndRecrawlAfterBuilds() throws ConfigException {
        CrawlConfig config = new CrawlConfigBuilder().state(Path.of("s.db"), Origin.flag("--state"))
                .changedOnly(true, Origin.flag("--changed-only"))
                .recrawlAfter(Optional.of(Duration.ofHours(20)), Origin.flag("--recrawl-after")).build();
        assertEquals(Optional.of(Path.of("s.db")), config.state());
        assertTrue(config.changedOnly());
        assertEquals(Optional.of(Duration.ofHours(20)), config.recrawlAfter());
    }

    @Test
    void stateMustNotBeTheOutputFile() {
        assertEquals("--state: must not be the output file out/../crawl.jsonl", failure(new CrawlConfigBuilder()
                .output(Path.of("out/../crawl.jsonl"), Origin.flag("--output"))
                .state(Path.of("crawl.jsonl"), Origin.flag("--state"))));
    }
}
