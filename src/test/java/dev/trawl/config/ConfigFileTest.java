package dev.trawl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.RequestOptions.Header;
import dev.trawl.config.RequestOptions.ProxySpec;
import dev.trawl.url.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("trawl.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private CrawlConfig load(String text) throws Exception {
        CrawlConfigBuilder builder = new CrawlConfigBuilder();
        ConfigFile.read(write(text)).applyTo(builder);
        return builder.build();
    }

    private ConfigException failure(String text) throws IOException {
        Path file = write(text);
        return assertThrows(ConfigException.class, () -> {
            CrawlConfigBuilder builder = new CrawlConfigBuilder();
            ConfigFile.read(file).applyTo(builder);
            builder.build();
        });
    }

    @Test
    void skipsCommentsAndBlankLines() throws Exception {
        CrawlConfig config = load("""
                # a comment
                ! also a comment

                   # indented comment
                per-host = 2
                """);
        assertEquals(2, config.perHost());
    }

    @Test
    void acceptsEqualsColonAndNoSpaces() throws Exception {
        CrawlConfig config = load("""
                per-host=2
                concurrency: 5
                delay = 500ms
                """);
        assertEquals(2, config.perHost());
        assertEquals(5, config.concurrency());
        assertEquals(Duration.ofMillis(500), config.delay());
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
        assertEquals(1, config.maxDepth());
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
    void badRegexNamesItsLine() throws Exception {
        ConfigException e = failure("include = ok\ninclude = (unclosed\n");
        assertTrue(e.getMessage().startsWith(dir.resolve("trawl.properties") + ":2: include: not a valid regular expression"),
                e.getMessage());
    }

    @Test
    void nonNumberNamesKey() throws Exception {
        assertTrue(failure("retries = two\n").getMessage().endsWith(":1: retries: expected a whole number, got \"two\""));
    }

    @Test
    void lineWithoutSeparatorIsAnError() throws Exception {
        assertTrue(failure("per-host 2\n").getMessage().endsWith(":1: expected key = value, got \"per-host 2\""));
    }

    @Test
    void singleValuedKeyMayNotRepeat() throws Exception {
        assertTrue(failure("per-host = 2\nper-host = 3\n").getMessage().endsWith(":2: per-host: already set on line 1"));
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
    void ignoresByteOrderMarkAndCrlf() throws Exception {
        assertEquals(2, load("\uFEFFper-host = 2\r\nconcurrency = 3\r\n").perHost());
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("nope.properties");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void directoryIsAnErrorNamingThePath() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(dir));
        assertTrue(e.getMessage().startsWith(dir.toString() + ": "), e.getMessage());
    }

    @Test
    void nonUtf8FileIsAnError() throws IOException {
        Path file = dir.resolve("latin1.properties");
        Files.write(file, new byte[] {'u', 's', 'e', 'r', '-', 'a', 'g', 'e', 'n', 't', '=', (byte) 0xE9});
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(file));
        assertEquals(file + ": not UTF-8 text", e.getMessage());
    }
}
