package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.ConfigException;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.RequestOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a setting's value comes from: a flag typed beats the settings file, which beats the declared default. */
class SettingsPrecedenceTest {
    @TempDir
    Path dir;

    private String file(String text) throws IOException {
        Path file = dir.resolve("trawl.properties");
        Files.writeString(file, text);
        return "--config=" + file;
    }

    private static CrawlConfig config(String... args) throws ConfigException {
        return TrawlCommand.configFor(args);
    }

    @Test
    void flagOverridesFile() throws Exception {
        assertEquals(4, config(file("per-host = 2\n"), "--per-host=4").perHost());
        assertEquals(4, config("--per-host=4", file("per-host = 2\n")).perHost(), "wherever --config comes");
    }

    @Test
    void fileOverridesDefault() throws Exception {
        assertEquals(2, config(file("per-host = 2\n")).perHost());
    }

    @Test
    void defaultAppliesWhenNeitherIsGiven() throws Exception {
        assertEquals(4, config().perHost());
        assertEquals(4, config(file("concurrency = 16\n")).perHost());
    }

    @Test
    void optionsOfOneGroupTakeTheFileAndTheFlagsTogether() throws Exception {
        // --per-host and --delay are declared in one group; picocli sets up a group when one of its options
        // is typed, and the file's value must still reach the others, whichever comes first.
        String config = file("delay = 1s\nmax-crawl-delay = 5s\n");
        for (List<String> args : List.of(List.of(config, "--per-host=2"), List.of("--per-host=2", config))) {
            CrawlConfig c = config(args.toArray(String[]::new));
            assertEquals(2, c.perHost(), args.toString());
            assertEquals(Duration.ofSeconds(1), c.delay(), args.toString());
            assertEquals(Duration.ofSeconds(5), c.maxCrawlDelay(), args.toString());
        }
    }

    @Test
    void rateComesFromTheFlagThenTheFileThenNoCeiling() throws Exception {
        String config = file("rate = 600/m\n");
        assertEquals(OptionalDouble.of(2), config(config, "--rate=2/s").rate());
        assertEquals(OptionalDouble.of(10), config(config).rate());
        assertEquals(OptionalDouble.empty(), config().rate());
    }

    @Test
    void maxCrawlDelayComesFromTheFlagThenTheFileThenTheDefault() throws Exception {
        String config = file("max-crawl-delay = 10s\n");
        assertEquals(Duration.ofSeconds(5), config(config, "--max-crawl-delay=5s").maxCrawlDelay());
        assertEquals(Duration.ofSeconds(10), config(config).maxCrawlDelay());
        assertEquals(Duration.ofSeconds(30), config().maxCrawlDelay());
    }

    @Test
    void maxDepthInfFromTheFileAndAFlagThatSetsALimitAgain() throws Exception {
        String config = file("max-depth = inf\n");
        assertEquals(OptionalInt.empty(), config(config).maxDepth());
        assertEquals(OptionalInt.of(7), config(config, "-d", "7").maxDepth());
        assertEquals(OptionalInt.empty(), config(file("max-depth = 7\n"), "--max-depth=inf").maxDepth());
    }

    @Test
    void aFlagLiftsTheFilesPageLimitWithInf() throws Exception {
        String config = file("max-pages = 100\nmax-pages-per-host = 10\n");
        assertEquals(OptionalLong.of(100), config(config).maxPages());
        assertEquals(OptionalLong.empty(), config(config, "-n", "inf", "--max-pages-per-host=inf").maxPages());
        assertEquals(OptionalLong.empty(), config(config, "--max-pages-per-host=inf").traps().maxPagesPerHost());
    }

    @Test
    void flagHeadersReplaceTheFilesHeaders() throws Exception {
        RequestOptions.Header mine = new RequestOptions.Header("X-Mine", "1");
        assertEquals(List.of(mine), config(file("header = X-A: 1\nheader = X-B: 2\n"), "-H", "X-Mine: 1").request().headers());
    }

    @Test
    void flagPatternsReplaceTheFilesPatterns() throws Exception {
        CrawlConfig config = config(file("exclude = a\nexclude = b\n"), "--exclude=c");
        assertEquals(List.of("c"), config.exclude().stream().map(p -> p.pattern()).toList());
    }

    @Test
    void fileErrorIsNotAUsageError() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> config(file("per-host = 0\n")));
        assertFalse(e.fromCommandLine());
        assertTrue(e.getMessage().endsWith("trawl.properties:1: per-host: must be at least 1, got 0"), e.getMessage());
    }

    @Test
    void aBadLineIsReportedEvenWhenAFlagSetsTheSameSetting() throws Exception {
        // The file is checked whole when it is read: it is wrong whatever today's flags say, and the next
        // run without the flag would fail on it anyway.
        ConfigException e = assertThrows(ConfigException.class, () -> config(file("per-host = 0\n"), "--per-host=3"));
        assertTrue(e.getMessage().endsWith("trawl.properties:1: per-host: must be at least 1, got 0"), e.getMessage());
        assertFalse(e.fromCommandLine());
    }

    @Test
    void shippedSettingsFileEqualsTheBuiltInDefaults() throws Exception {
        Path shipped = Path.of("config/trawl.properties");
        assertTrue(Files.isRegularFile(shipped), "run from the project root: " + shipped.toAbsolutePath());
        assertEquals(config(), config("--config=" + shipped));
    }
}
