package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.ConfigException;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.RequestOptions;
import dev.trawl.config.RequestOptions.Header;
import dev.trawl.config.RequestOptions.ProxySpec;
import dev.trawl.config.TrapLimits;
import dev.trawl.config.Verbosity;
import dev.trawl.url.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings file ({@code --config}) read through the command: every key, the empty values that mean
 * "no limit", repeated keys, and errors naming the file, the line and the key. The file's syntax alone
 * is {@code config.ConfigFileTest}'s.
 */
class SettingsFileTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("trawl.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private CrawlConfig load(String text) throws Exception {
        return TrawlCommand.configFor("--config=" + write(text));
    }

    private ConfigException failure(String text) throws IOException {
        Path file = write(text);
        return assertThrows(ConfigException.class, () -> TrawlCommand.configFor("--config=" + file));
    }

    @Test
    void readsEveryKey() throws Exception {
        CrawlConfig config = load("""
                max-depth = 1
                max-pages = 50
                concurrency = 4
                per-host = 2
                delay = 250ms
                timeout = 5s
                retries = 0
                retry-backoff = 100ms
                max-retry-after = 10s
                scope = domain
                include = ^https://a\\.example/
                exclude = \\.pdf$
                max-bytes = 1MB
                user-agent = bot/1.0 (+http://a.example/bot; a=b)
                ignore-robots = true
                frontier-memory = 10
                verbose = true
                max-crawl-delay = 5s
                rate = 600/m
                sitemaps = true
                follow-nofollow = true
                header = Accept-Language: en
                cookie = a=1; b=2
                proxy = socks://127.0.0.1:1080
                insecure = true
                max-url-length = 1000
                max-repeated-segments = 2
                max-pages-per-host = 100
                max-query-variants = 50
                state = /var/lib/trawl/a b.db
                changed-only = true
                recrawl-after = 20h
                fail-on-error = true
                """);
        assertEquals(OptionalInt.of(1), config.maxDepth());
        assertEquals(OptionalLong.of(50), config.maxPages());
        assertEquals(4, config.concurrency());
        assertEquals(2, config.perHost());
        assertEquals(Duration.ofMillis(250), config.delay());
        assertEquals(Duration.ofSeconds(5), config.timeout());
        assertEquals(0, config.retries());
        assertEquals(Duration.ofMillis(100), config.retryBackoff());
        assertEquals(Duration.ofSeconds(10), config.maxRetryAfter());
        assertEquals(Scope.DOMAIN, config.scope());
        assertEquals("^https://a\\.example/", config.include().get(0).pattern());
        assertEquals("\\.pdf$", config.exclude().get(0).pattern());
        assertEquals(1024 * 1024, config.maxBytes());
        assertEquals("bot/1.0 (+http://a.example/bot; a=b)", config.userAgent());
        assertTrue(config.ignoreRobots());
        assertEquals(10, config.frontierMemory());
        assertEquals(Verbosity.VERBOSE, config.verbosity());
        assertEquals(Duration.ofSeconds(5), config.maxCrawlDelay());
        assertEquals(OptionalDouble.of(10), config.rate());
        assertTrue(config.sitemaps());
        assertTrue(config.followNofollow());
        assertEquals(new RequestOptions(List.of(new Header("Accept-Language", "en")), Optional.of("a=1; b=2"),
                Optional.of(new ProxySpec(ProxySpec.Kind.SOCKS, "127.0.0.1", 1080)), true), config.request());
        assertEquals(new TrapLimits(1000, 2, OptionalLong.of(100), 50), config.traps());
        assertEquals(Optional.of(Path.of("/var/lib/trawl/a b.db")), config.state());
        assertTrue(config.changedOnly());
        assertEquals(Optional.of(Duration.ofHours(20)), config.recrawlAfter());
        assertTrue(config.failOnError());
    }

    @Test
    void emptyRecrawlAfterRefetchesEverything() throws Exception {
        assertEquals(Optional.empty(), load("recrawl-after =\n").recrawlAfter());
        assertEquals(Optional.of(Duration.ZERO), load("state = s.db\nrecrawl-after = 0\n").recrawlAfter());
    }

    @Test
    void stateNeedsAValueAndRecrawlAfterADuration() throws Exception {
        assertTrue(failure("state =\n").getMessage().endsWith(":1: state: missing value"));
        assertTrue(failure("state = s.db\nrecrawl-after = 1 day\n").getMessage()
                .endsWith(":2: recrawl-after: expected a duration like 500ms, 10s or 2m, got \"1 day\""));
        assertTrue(failure("fail-on-error = yes\n").getMessage().endsWith(":1: fail-on-error: expected true or false, got \"yes\""));
    }

    @Test
    void changedOnlyOrRecrawlAfterWithoutStateNamesTheLine() throws Exception {
        ConfigException e = failure("changed-only = false\nrecrawl-after = 20h\n");
        assertTrue(e.getMessage().endsWith(":2: recrawl-after: needs state = FILE (or --state=FILE) "
                + "(without state no page has been fetched before)"), e.getMessage());
        assertFalse(e.fromCommandLine());
    }

    @Test
    void repeatedHeaderAddsAHeaderPerLine() throws Exception {
        CrawlConfig config = load("""
                header = Accept-Language: en
                header: X-Token: a=b
                header = Accept-Language: de
                """);
        assertEquals(List.of(new Header("Accept-Language", "en"), new Header("X-Token", "a=b"),
                new Header("Accept-Language", "de")), config.request().headers());
    }

    @Test
    void badHeaderNamesItsLine() throws Exception {
        ConfigException e = failure("header = X-A: 1\n\nheader = Connection: close\n");
        assertTrue(e.getMessage().startsWith(dir.resolve("trawl.properties")
                + ":3: header: cannot set Connection: the HTTP client manages connections"), e.getMessage());
        assertFalse(e.fromCommandLine());
    }

    @Test
    void headerWithoutAColonNamesItsLine() throws Exception {
        assertTrue(failure("header = X-A 1\n").getMessage().endsWith(":1: header: expected 'Name: value', got no colon after \"X-A\""));
    }

    @Test
    void emptyMaxPagesPerHostMeansUnlimited() throws Exception {
        assertEquals(OptionalLong.empty(), load("max-pages-per-host =\n").traps().maxPagesPerHost());
        assertEquals(OptionalLong.of(7), load("max-pages-per-host = 7\n").traps().maxPagesPerHost());
    }

    @Test
    void emptyRateMeansNoCeiling() throws Exception {
        assertEquals(OptionalDouble.empty(), load("rate =\n").rate());
        assertEquals(OptionalDouble.of(2.5), load("rate = 2.5\n").rate());
    }

    @Test
    void badRateNamesLineAndKey() throws Exception {
        assertTrue(failure("rate = fast\n").getMessage().endsWith(":1: rate: expected a rate like 10/s, 600/m or 2.5 (per second), got \"fast\""));
        assertTrue(failure("\nrate = 0/s\n").getMessage().endsWith(":2: rate: must be more than 0, got 0/s"));
    }

    @Test
    void badProxyNamesLineAndKey() throws Exception {
        assertTrue(failure("proxy = http://u:p@proxy.example:8080\n").getMessage()
                .contains(":1: proxy: credentials in proxy URLs are not supported yet"));
        assertTrue(failure("proxy = http://proxy.example:70000\n").getMessage()
                .endsWith(":1: proxy: proxy port must be from 1 to 65535, got 70000"));
    }

    @Test
    void cookieAndProxyNeedAValue() throws Exception {
        assertTrue(failure("cookie =\n").getMessage().endsWith(":1: cookie: missing value"));
        assertTrue(failure("proxy =\n").getMessage().endsWith(":1: proxy: missing value"));
    }

    @Test
    void repeatedIncludeAddsAPatternPerLine() throws Exception {
        CrawlConfig config = load("""
                include = /docs/
                include = /blog/
                exclude = \\?print=
                """);
        assertEquals(2, config.include().size());
        assertEquals("/docs/", config.include().get(0).pattern());
        assertEquals("/blog/", config.include().get(1).pattern());
        assertEquals(1, config.exclude().size());
    }

    @Test
    void emptyMaxPagesMeansUnlimited() throws Exception {
        assertEquals(OptionalLong.empty(), load("max-pages =\n").maxPages());
    }

    @Test
    void unknownKeyNamesFileAndLine() throws Exception {
        ConfigException e = failure("""
                # comment
                per-host = 2
                per_host = 3
                """);
        assertEquals(dir.resolve("trawl.properties") + ":3: unknown key \"per_host\"; did you mean per-host?", e.getMessage());
        assertFalse(e.fromCommandLine());
    }

    @Test
    void badValueNamesFileLineAndKey() throws Exception {
        ConfigException e = failure("\n\ndelay = 5 parsecs\n");
        assertEquals(dir.resolve("trawl.properties")
                + ":3: delay: expected a duration like 500ms, 10s or 2m, got \"5 parsecs\"", e.getMessage());
    }

    @Test
    void outOfRangeValueNamesFileLineAndKey() throws Exception {
        ConfigException e = failure("concurrency = 8\n\n\n\n\n\n\n\n\n\n\nper-host = 0\n");
        assertEquals(dir.resolve("trawl.properties") + ":12: per-host: must be at least 1, got 0", e.getMessage());
    }

    @Test
    void nonNumberNamesKey() throws Exception {
        assertTrue(failure("retries = two\n").getMessage().endsWith(":1: retries: expected a whole number, got \"two\""));
    }

    @Test
    void quietAndVerboseTogetherIsAnError() throws Exception {
        assertTrue(failure("verbose = true\nquiet = true\n").getMessage().endsWith(":2: quiet: quiet and verbose cannot both be true"));
    }

    @Test
    void falseQuietLeavesVerboseInPlace() throws Exception {
        assertEquals(Verbosity.VERBOSE, load("verbose = true\nquiet = false\n").verbosity());
        assertEquals(Verbosity.QUIET, load("quiet = true\n").verbosity());
    }

    @Test
    void booleanMustBeTrueOrFalse() throws Exception {
        assertTrue(failure("ignore-robots = yes\n").getMessage().endsWith(":1: ignore-robots: expected true or false, got \"yes\""));
    }

    @Test
    void valuesAreLiteralWithoutEscapes() throws Exception {
        CrawlConfig config = load("exclude = \\.(jpg|png)$ # not a comment\n");
        Pattern pattern = config.exclude().get(0);
        assertEquals("\\.(jpg|png)$ # not a comment", pattern.pattern());
    }

    @Test
    void maxDepthTakesInfAndAnyDepthButNotBlank() throws Exception {
        assertEquals(OptionalInt.empty(), load("max-depth = inf\n").maxDepth());
        assertEquals(OptionalInt.of(5000), load("max-depth = 5000\n").maxDepth());
        assertTrue(failure("max-depth =\n").getMessage().endsWith(":1: max-depth: missing value"));
        assertTrue(failure("\nmax-depth = -2\n").getMessage().endsWith(":2: max-depth: must be at least 0, got -2"));
        assertTrue(failure("max-depth = deep\n").getMessage().endsWith(":1: max-depth: expected a whole number or inf, got \"deep\""));
    }

    @Test
    void theLinesOfARepeatableKeyAreCheckedOneByOne() throws Exception {
        ConfigException e = failure("include = ok\ninclude = also\\.ok\ninclude = (unclosed\n");
        assertTrue(e.getMessage().contains("trawl.properties:3: include: not a valid regular expression"), e.getMessage());
        assertEquals(List.of("ok", "also\\.ok"), load("include = ok\ninclude = also\\.ok\n").include().stream()
                .map(Pattern::pattern).toList());
    }
}
