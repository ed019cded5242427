package dev.trawl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.CrawlConfigBuilder.Sourced;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Consumer<CrawlConfigBuilder> NO_FLAGS = b -> { };

    @TempDir
    Path dir;

    private Optional<Path> file(String text) throws IOException {
        Path file = dir.resolve("trawl.properties");
        Files.writeString(file, text);
        return Optional.of(file);
    }

    @Test
    void flagOverridesFile() throws Exception {
        CrawlConfig config = ConfigLoader.load(file("per-host = 2\n"), b -> b.perHost(4, Origin.flag("--per-host")));
        assertEquals(4, config.perHost());
    }

    @Test
    void fileOverridesDefault() throws Exception {
        assertEquals(2, ConfigLoader.load(file("per-host = 2\n"), NO_FLAGS).perHost());
    }

    @Test
    void defaultAppliesWhenNeitherIsGiven() throws Exception {
        assertEquals(4, ConfigLoader.load(Optional.empty(), NO_FLAGS).perHost());
        assertEquals(4, ConfigLoader.load(file("concurrency = 16\n"), NO_FLAGS).perHost());
    }

    @Test
    void rateComesFromTheFlagThenTheFileThenNoCeiling() throws Exception {
        Optional<Path> file = file("rate = 600/m\n");
        assertEquals(OptionalDouble.of(2), ConfigLoader.load(file, b -> b.rate(OptionalDouble.of(2), Origin.flag("--rate"))).rate());
        assertEquals(OptionalDouble.of(10), ConfigLoader.load(file, NO_FLAGS).rate());
        assertEquals(OptionalDouble.empty(), ConfigLoader.load(Optional.empty(), NO_FLAGS).rate());
    }

    @Test
    void maxCrawlDelayComesFromTheFlagThenTheFileThenTheDefault() throws Exception {
        Optional<Path> file = file("max-crawl-delay = 10s\n");
        assertEquals(Duration.ofSeconds(5), ConfigLoader.load(file,
                b -> b.maxCrawlDelay(Duration.ofSeconds(5), Origin.flag("--max-crawl-delay"))).maxCrawlDelay());
        assertEquals(Duration.ofSeconds(10), ConfigLoader.load(file, NO_FLAGS).maxCrawlDelay());
        assertEquals(Duration.ofSeconds(30), ConfigLoader.load(Optional.empty(), NO_FLAGS).maxCrawlDelay());
    }

    @Test
    void flagHeadersReplaceTheFilesHeaders() throws Exception {
        RequestOptions.Header mine = new RequestOptions.Header("X-Mine", "1");
        CrawlConfig config = ConfigLoader.load(file("header = X-A: 1\nheader = X-B: 2\n"),
                b -> b.headers(List.of(mine), Origin.flag("--header")));
        assertEquals(List.of(mine), config.request().headers());
    }

    @Test
    void flagPatternsReplaceTheFilesPatterns() throws Exception {
        CrawlConfig config = ConfigLoader.load(file("exclude = a\nexclude = b\n"),
                b -> b.exclude(List.of(new Sourced("c", Origin.flag("--exclude")))));
        assertEquals(List.of("c"), config.exclude().stream().map(p -> p.pattern()).toList());
    }

    @Test
    void fileErrorIsNotAUsageError() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file("per-host = 0\n"), NO_FLAGS));
        assertFalse(e.fromCommandLine());
        assertTrue(e.getMessage().endsWith("trawl.properties:1: per-host: must be at least 1, got 0"), e.getMessage());
    }

    @Test
    void flagFixesABadFileValue() throws Exception {
        CrawlConfig config = ConfigLoader.load(file("per-host = 0\n"), b -> b.perHost(3, Origin.flag("--per-host")));
        assertEquals(3, config.perHost());
    }

    @Test
    void shippedConfigFileEqualsBuiltInDefaults() throws Exception {
        Path shipped = Path.of("config/trawl.properties");
        assertTrue(Files.isRegularFile(shipped), "run from the project root: " + shipped.toAbsolutePath());
        assertEquals(CrawlConfigBuilder.defaults(), ConfigLoader.load(Optional.of(shipped), NO_FLAGS));
    }

    @Test
    void shippedConfigFileMentionsEveryKey() throws Exception {
        String text = Files.readString(Path.of("config/trawl.properties"));
        for (String key : ConfigFile.KEYS) {
            assertTrue(Pattern.compile("^(# )?" + Pattern.quote(key) + " =", Pattern.MULTILINE).matcher(text).find(), key);
        }
    }
}
