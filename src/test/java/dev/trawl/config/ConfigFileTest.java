package dev.trawl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.url.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
