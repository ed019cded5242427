package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.ConfigException;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.RequestOptions;
import dev.trawl.config.TrapLimits;
import dev.trawl.config.TrawlVersion;
import dev.trawl.config.Verbosity;
import dev.trawl.url.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each option's value as its converter reads and bounds it: the built-in defaults, the ends of each
 * range, and the message for a value out of range, naming the flag.
 */
class OptionValuesTest {
    private static CrawlConfig config(String... args) throws ConfigException {
        return TrawlCommand.configFor(args);
    }

    private static String failure(String... args) {
        return assertThrows(ConfigException.class, () -> TrawlCommand.configFor(args)).getMessage();
    }

    @Test
    void defaultsMatchTheCommandLineContract() throws ConfigException {
        CrawlConfig d = config();
        assertEquals(OptionalInt.of(3), d.maxDepth());
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

    @Test
    void rejectsValuesBelowTheirMinimumNamingTheFlag() {
        assertEquals("--per-host: must be at least 1, got 0", failure("--per-host=0"));
        assertEquals("--concurrency: must be at least 1, got 0", failure("-c", "0"));
        assertEquals("--max-depth: must be at least 0, got -1", failure("--max-depth=-1"));
        assertEquals("--max-pages: must be at least 1, got 0", failure("--max-pages=0"));
        assertEquals("--retries: must be at least 0, got -1", failure("--retries=-1"));
        assertEquals("--timeout: must be more than 0, got 0", failure("--timeout=0"));
        assertEquals("--max-bytes: must be at least 1B, got 0", failure("--max-bytes=0"));
        assertEquals("--frontier-memory: must be at least 1, got 0", failure("--frontier-memory=0"));
    }

    @Test
    void rejectsValuesAboveTheirSaneMaximum() {
        assertEquals("--retries: must be at most 100, got 101", failure("--retries=101"));
        assertEquals("--concurrency: must be at most 1024, got 100000", failure("--concurrency=100000"));
        assertEquals("--delay: must be at most 1h, got 2h", failure("--delay=2h"));
        assertEquals("--max-bytes: must be at most 1GB, got 2GB", failure("--max-bytes=2GB"));
    }

    @Test
    void aNonNumberNamesWhatWasExpected() {
        assertEquals("--concurrency: expected a whole number, got \"many\"", failure("-c", "many"));
        assertEquals("--concurrency: expected a whole number, got \"\"", failure("--concurrency="));
        assertEquals("--retries: number too large, got 99999999999999999999", failure("--retries=99999999999999999999"));
        assertEquals("--retries: must be at most 100, got 9999999999", failure("--retries=9999999999"));
    }

    @Test
    void flagErrorsAreUsageErrors() {
        assertTrue(assertThrows(ConfigException.class, () -> config("--per-host=0")).fromCommandLine());
    }

    @Test
    void userAgentMustNotBeBlankOrSplitTheHeader() {
        assertEquals("--user-agent: must not be blank", failure("--user-agent=  "));
        assertEquals("--user-agent: must not contain a line break", failure("--user-agent=bot\r\nX-Evil: 1"));
        assertTrue(failure("--user-agent=bötchen").startsWith("--user-agent: must be printable ASCII"));
    }

    @Test
    void badRegexNamesTheOption() {
        String message = failure("--include=[a-");
        assertTrue(message.startsWith("--include: not a valid regular expression"), message);
    }

    @Test
    void rejectsPolitenessAndTrapSettingsOutOfRange() {
        assertEquals("--max-crawl-delay: must be at most 1h, got 2h", failure("--max-crawl-delay=2h"));
        assertEquals("--max-crawl-delay: must not be negative, got \"-1s\"", failure("--max-crawl-delay=-1s"));
        assertEquals("--max-url-length: must be at least 64, got 63", failure("--max-url-length=63"));
        assertEquals("--max-url-length: must be at most 65536, got 65537", failure("--max-url-length=65537"));
        assertEquals("--max-repeated-segments: must be at least 1, got 0", failure("--max-repeated-segments=0"));
        assertEquals("--max-repeated-segments: must be at most 1000, got 1001", failure("--max-repeated-segments=1001"));
        assertEquals("--max-pages-per-host: must be at least 1, got 0", failure("--max-pages-per-host=0"));
        assertEquals("--max-query-variants: must be at least 1, got 0", failure("--max-query-variants=0"));
        assertEquals("--max-query-variants: must be at most 10000000, got 10000001", failure("--max-query-variants=10000001"));
    }

    @Test
    void acceptsTheEndsOfEachRange() throws ConfigException {
        CrawlConfig low = config("--max-crawl-delay=0", "--rate=0.001", "--max-url-length=64", "--max-repeated-segments=1",
                "--max-pages-per-host=1", "--max-query-variants=1");
        assertEquals(new TrapLimits(64, 1, OptionalLong.of(1), 1), low.traps());
        assertEquals(Duration.ZERO, low.maxCrawlDelay());
        CrawlConfig high = config("--max-crawl-delay=1h", "--rate=100000", "--max-url-length=65536",
                "--max-repeated-segments=1000", "--max-query-variants=10000000");
        assertEquals(OptionalDouble.of(100_000), high.rate());
        assertEquals(new TrapLimits(65_536, 1000, OptionalLong.empty(), 10_000_000), high.traps());
    }

    @Test
    void rateMustBePositiveAndAtMostOneHundredThousandASecond() {
        assertEquals("--rate: must be more than 0, got 0/s", failure("--rate=0"));
        assertEquals("--rate: must not be negative, got \"-1\"", failure("--rate=-1"));
        assertEquals("--rate: must be at most 100000/s, got 200000/s", failure("--rate=200000"));
    }

    @Test
    void headerErrorsNameTheFlagAndSayWhy() {
        assertTrue(failure("-H", "Host: b.example").startsWith("--header: cannot set Host: "));
        assertTrue(failure("--header=X A: 1").startsWith("--header: header name \"X A\" has character U+0020"));
    }

    @Test
    void keepsHeadersInTheOrderGiven() throws ConfigException {
        assertEquals(List.of(new RequestOptions.Header("X-B", "2"), new RequestOptions.Header("X-A", "1"),
                new RequestOptions.Header("X-B", "3")), config("-H", "X-B: 2", "-H", "X-A: 1", "-H", "X-B: 3").request().headers());
    }

    @Test
    void cookieMustBePrintableOnOneLine() throws ConfigException {
        assertEquals("--cookie: must not be blank", failure("--cookie= "));
        assertEquals("--cookie: must not contain a line break", failure("--cookie=a=1\r\nX-Evil: 1"));
        assertEquals("--cookie: must be printable ASCII, got character U+00E9 at position 3", failure("--cookie=a=\u00e9"));
        assertEquals(Optional.of("a=1; b=2"), config("--cookie= a=1; b=2 ").request().cookie());
    }

    @Test
    void proxyNeedsAPortInRange() {
        assertEquals("--proxy: proxy port must be from 1 to 65535, got 0", failure("--proxy=http://p.example:0"));
    }

    @Test
    void changedOnlyAndRecrawlAfterNeedStateNamingBothFlags() {
        ConfigException changed = assertThrows(ConfigException.class, () -> config("--changed-only"));
        assertEquals("--changed-only: needs --state=FILE (without state every page is new)", changed.getMessage());
        assertTrue(changed.fromCommandLine());
        assertEquals("--recrawl-after: needs --state=FILE (without state no page has been fetched before)",
                failure("--recrawl-after=1h"));
    }

    @Test
    void recrawlAfterMustNotBeNegativeAndMayBeZero() throws ConfigException {
        assertEquals("--recrawl-after: must not be negative, got \"-1s\"", failure("--state=s.db", "--recrawl-after=-1s"));
        assertEquals(Optional.of(Duration.ZERO), config("--state=s.db", "--recrawl-after=0").recrawlAfter());
    }

    @Test
    void stateWithChangedOnlyAndRecrawlAfterBuilds() throws ConfigException {
        CrawlConfig config = config("--state=s.db", "--changed-only", "--recrawl-after=20h");
        assertEquals(Optional.of(Path.of("s.db")), config.state());
        assertTrue(config.changedOnly());
        assertEquals(Optional.of(Duration.ofHours(20)), config.recrawlAfter());
    }

    @Test
    void stateMustNotBeTheOutputFile() {
        assertEquals("--state: must not be the output file out/../crawl.jsonl",
                failure("--output=out/../crawl.jsonl", "--state=crawl.jsonl"));
    }

    // ---- --max-depth=N|inf (issue 10, point 3) ----

    @ParameterizedTest
    @ValueSource(strings = {"inf", "INF", "Inf"})
    void maxDepthInfMeansNoLimit(String inf) throws ConfigException {
        assertEquals(OptionalInt.empty(), config("--max-depth=" + inf).maxDepth());
        assertEquals(OptionalInt.empty(), config("-d", inf).maxDepth());
    }

    @Test
    void maxDepthHasNoCapBelowTheLargestDepth() throws ConfigException {
        assertEquals(OptionalInt.of(0), config("-d", "0").maxDepth());
        assertEquals(OptionalInt.of(1001), config("--max-depth=1001").maxDepth());
        assertEquals(OptionalInt.of(1_000_000), config("--max-depth=1000000").maxDepth());
        assertEquals(OptionalInt.of(Integer.MAX_VALUE), config("--max-depth=" + Integer.MAX_VALUE).maxDepth());
    }

    @Test
    void maxDepthRefusesNegativesJunkAndNumbersBeyondAnyDepth() {
        assertEquals("--max-depth: must be at least 0, got -1", failure("--max-depth=-1"));
        assertEquals("--max-depth: must be at least 0, got -5000", failure("-d", "-5000"));
        assertEquals("--max-depth: expected a whole number or inf, got \"deep\"", failure("-d", "deep"));
        assertEquals("--max-depth: expected a whole number or inf, got \"infinite\"", failure("--max-depth=infinite"));
        assertEquals("--max-depth: expected a whole number or inf, got \"1.5\"", failure("--max-depth=1.5"));
        assertEquals("--max-depth: expected a whole number or inf, got \"\"", failure("--max-depth="));
        assertEquals("--max-depth: number too large, got 99999999999; inf means no limit", failure("--max-depth=99999999999"));
    }

    @Test
    void pageLimitsTakeInfOrEmptyForNoLimit() throws ConfigException {
        assertEquals(OptionalLong.empty(), config("--max-pages=inf").maxPages());
        assertEquals(OptionalLong.empty(), config("--max-pages=").maxPages());
        assertEquals(OptionalLong.of(5_000_000_000L), config("-n", "5000000000").maxPages());
        assertEquals(OptionalLong.empty(), config("--max-pages-per-host=INF").traps().maxPagesPerHost());
        assertEquals("--max-pages: expected a whole number or inf, got \"many\"", failure("-n", "many"));
    }
}
