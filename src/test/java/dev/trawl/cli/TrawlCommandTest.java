package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.ConfigException;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.DurationFormat;
import dev.trawl.config.RequestOptions;
import dev.trawl.config.RequestOptions.Header;
import dev.trawl.config.RequestOptions.ProxySpec;
import dev.trawl.config.TrapLimits;
import dev.trawl.config.TrawlVersion;
import dev.trawl.config.Verbosity;
import dev.trawl.crawl.CrawlOutcome;
import dev.trawl.output.CrawlSummary;
import dev.trawl.crawl.StopReason;
import dev.trawl.page.ErrorType;
import dev.trawl.seed.SeedReader;
import dev.trawl.url.Scope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class TrawlCommandTest {
    @TempDir
    Path dir;

    private InputStream stdin = InputStream.nullInputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private int run(String... args) {
        return TrawlCommand.commandLine(stdin, out, err).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** Parses like execute() but stops before the crawl, returning the command to inspect. */
    private TrawlCommand parsed(String... args) {
        TrawlCommand command = new TrawlCommand(stdin, out, err);
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void badDurationIsAUsageErrorNamingTheFlag() {
        assertEquals(2, run("--delay=5 parsecs", "http://a.example/"));
        assertEquals("trawl: --delay: expected a duration like 500ms, 10s or 2m, got \"5 parsecs\"", err().lines().findFirst().orElseThrow());
        assertTrue(err().contains("Try 'trawl --help' for more information."), err());
        assertFalse(err().contains("\tat "), "no stack trace without -v: " + err());
        assertEquals("", out());
    }

    @Test
    void badSizeIsAUsageErrorNamingTheFlag() {
        assertEquals(2, run("--max-bytes=lots", "http://a.example/"));
        assertTrue(err().startsWith("trawl: --max-bytes: expected a size like 512KB or 10MB"), err());
    }

    @Test
    void badIntegerNamesTheLongFlagEvenWhenTheShortOneWasTyped() {
        assertEquals(2, run("-c", "many", "http://a.example/"));
        assertTrue(err().startsWith("trawl: --concurrency: expected a whole number, got \"many\""), err());
    }

    @Test
    void outOfRangeFlagIsAUsageError() {
        assertEquals(2, run("--per-host=0", "http://a.example/"));
        assertTrue(err().startsWith("trawl: --per-host: must be at least 1, got 0" + System.lineSeparator()), err());
        assertTrue(err().contains("Try 'trawl --help'"), err());
    }

    @Test
    void badRegexFlagIsAUsageError() {
        assertEquals(2, run("--exclude=[", "http://a.example/"));
        assertTrue(err().startsWith("trawl: --exclude: not a valid regular expression"), err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("--frobnicate", "http://a.example/"));
        assertTrue(err().startsWith("trawl: Unknown option: '--frobnicate'"), err());
    }

    @Test
    void badConfigFileExitsOneNamingKeyAndLine() throws IOException {
        Path config = file("trawl.properties", "# mine\nper-host = 2\nmax-depth = deep\n");
        assertEquals(1, run("--config=" + config, "http://a.example/"));
        assertEquals("trawl: " + config + ":3: max-depth: expected a whole number or inf, got \"deep\"" + System.lineSeparator(), err());
    }

    @Test
    void configFileWithUnknownKeyExitsOne() throws IOException {
        Path config = file("trawl.properties", "\n\nthreads = 4\n");
        assertEquals(1, run("--config", config.toString(), "http://a.example/"));
        assertTrue(err().startsWith("trawl: " + config + ":3: unknown key \"threads\""), err());
    }

    @Test
    void missingConfigFileExitsOneNamingThePath() {
        Path missing = dir.resolve("missing.properties");
        assertEquals(1, run("--config=" + missing, "http://a.example/"));
        assertEquals("trawl: " + missing + ": no such file" + System.lineSeparator(), err());
    }

    @Test
    void versionPrintsTheVersion() {
        assertEquals(0, run("--version"));
        assertEquals("trawl " + TrawlVersion.current() + System.lineSeparator(), out());
        assertEquals("", err());
    }

    @Test
    void helpListsEveryOptionAndExitStatus() {
        assertEquals(0, run("--help"));
        String help = out();
        for (String option : List.of("URL", "-i, --input=FILE", "-o, --output=FILE", "-d, --max-depth=N",
                "-n, --max-pages=N", "-c, --concurrency=N", "--per-host=N", "--delay=DURATION",
                "-t, --timeout=DURATION", "-r, --retries=N", "--retry-backoff=DURATION",
                "--max-retry-after=DURATION", "--scope=host|domain|any", "--include=REGEX", "--exclude=REGEX",
                "--max-bytes=SIZE", "--user-agent=STRING", "--ignore-robots", "--frontier-memory=N",
                "--config=FILE", "-q, --quiet", "-v, --verbose", "-h, --help", "-V, --version",
                "--max-crawl-delay=DURATION", "--rate=RATE", "--sitemaps", "--follow-nofollow",
                "-H, --header='Name: value'", "--cookie=", "--proxy=URL", "--insecure", "--max-url-length=N",
                "--max-repeated-segments=N", "--max-pages-per-host=N", "--max-query-variants=N",
                "--state=FILE", "--changed-only", "--recrawl-after=DURATION", "--fail-on-error")) {
            assertTrue(help.contains(option), option + " missing from\n" + help);
        }
        assertTrue(help.contains("Exit status:"), help);
        for (String status : List.of("  0 ", "  1 ", "  2 ", "  3 ", "  75 ", "  130 ", "  141 ", "  143 ")) {
            assertTrue(help.contains(status), "exit status " + status.strip() + " missing from\n" + help);
        }
    }

    @Test
    void helpGroupsTheOptionsByPurposeThenGivesExamplesThenTheExitStatuses() {
        assertEquals(0, run("--help"));
        List<String> lines = out().lines().toList();
        List<String> headings = List.of("What to crawl:", "Politeness:", "Requests:", "Output:", "State between runs:",
                "Safety limits:", "General:", "Examples:", "Exit status:");
        int previous = -1;
        for (String heading : headings) {
            int at = -1;
            for (int i = 0; i < lines.size() && at < 0; i++) {
                if (lines.get(i).startsWith(heading)) {
                    at = i;
                }
            }
            assertTrue(at > previous, heading + " missing or out of order in\n" + out());
            previous = at;
        }
        // Each option under its heading: the first of a few per section.
        String help = out();
        assertTrue(help.indexOf("--max-depth=N|inf") > help.indexOf("What to crawl:"), help);
        assertTrue(help.indexOf("--per-host=N") > help.indexOf("Politeness:"), help);
        assertTrue(help.indexOf("--timeout=DURATION") > help.indexOf("Requests:"), help);
        assertTrue(help.indexOf("--output=FILE") > help.indexOf("Output:"), help);
        assertTrue(help.indexOf("--state=FILE") > help.indexOf("State between runs:"), help);
        assertTrue(help.indexOf("--max-query-variants=N") > help.indexOf("Safety limits:"), help);
        assertTrue(help.indexOf("--config=FILE") > help.indexOf("General:"), help);
        for (String line : lines) {
            assertTrue(line.length() <= 100, "longer than 100 columns: " + line);
        }
    }

    @Test
    void helpExamplesAreCommandsThatParse() {
        run("--help");
        String help = out();
        List<String> examples = help.substring(help.indexOf("Examples:"), help.indexOf("Exit status:")).lines()
                .map(String::strip).filter(line -> line.startsWith("trawl ")).toList();
        assertTrue(examples.size() >= 5, help);
        for (String example : examples) {
            String command = example.split(" \\| ")[0];
            List<String> args = new ArrayList<>();
            java.util.regex.Matcher word = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(command.substring("trawl ".length()));
            while (word.find()) {
                args.add(word.group(1) != null ? word.group(1) : word.group(2).replace("'", ""));
            }
            if (args.contains(">")) {
                args = args.subList(0, args.indexOf(">"));
            }
            List<String> parsed = args;
            ParameterException bad = null;
            try {
                TrawlCommand.configFor(parsed.toArray(String[]::new));
            } catch (ParameterException e) {
                bad = e;
            } catch (ConfigException e) {
                throw new AssertionError(example + ": " + e.getMessage(), e);
            }
            assertEquals(null, bad, example);
        }
    }

    @Test
    void helpShowsTheBuiltInDefaults() {
        run("--help");
        String help = out().replaceAll("\\s+", " ");
        for (String shown : List.of("Default: 3", "Default: 32", "Default: 4", "Default: 250ms", "Default: 30s",
                "Default: 10MB", "Default: host", "Default: trawl/" + TrawlVersion.current(), "Default: unlimited",
                "Default: 1s", "Default: 2m", "Default: 100000", "Default: 2048", "Default: 500",
                "Default: no ceiling", "Default: off")) {
            assertTrue(help.contains(shown), shown + " missing from\n" + help);
        }
    }

    @Test
    void quietWithVerboseIsAUsageError() {
        assertEquals(2, run("-q", "-v", "http://a.example/"));
        assertTrue(err().startsWith("trawl: --quiet, --verbose are mutually exclusive"), err());
        assertFalse(err().contains("\tat "), err());
    }

    @Test
    void noSeedsAtAllIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err().startsWith("trawl: no seed URL: give URL arguments or --input=FILE"), err());
    }

    @Test
    void noValidSeedExitsTwo() throws IOException {
        Path seeds = file("seeds.txt", "# nothing usable\nftp://x\n");
        assertEquals(2, run("-i", seeds.toString(), "mailto:a@b.example"));
        assertEquals(List.of(
                "trawl: argument 1: not an http(s) URL: \"***@b.example\"",
                "trawl: " + seeds + ":2: not an http(s) URL: \"ftp://x\"",
                "trawl: no valid seed URL"), err().lines().toList());
    }

    @Test
    void emptyStdinHasNoValidSeed() {
        assertEquals(2, run("-i", "-"));
        assertEquals("trawl: no valid seed URL" + System.lineSeparator(), err());
    }

    @Test
    void missingInputFileIsAUsageErrorNamingTheFlag() {
        Path missing = dir.resolve("seeds.txt");
        assertEquals(2, run("-i", missing.toString()));
        assertTrue(err().startsWith("trawl: --input: " + missing + ": no such file"), err());
    }

    @Test
    void flagOverridesConfigFile() throws Exception {
        Path config = file("trawl.properties", "per-host = 2\n");
        assertEquals(4, parsed("--config=" + config, "--per-host=4").config().perHost());
    }

    @Test
    void configFileOverridesDefault() throws Exception {
        Path config = file("trawl.properties", "per-host = 2\n");
        assertEquals(2, parsed("--config=" + config).config().perHost());
    }

    @Test
    void defaultAppliesWithoutFileOrFlag() throws Exception {
        assertEquals(4, parsed().config().perHost());
        assertEquals(TrawlCommand.configFor(), parsed("http://a.example/").config());
    }

    @Test
    void flagPatternsReplaceTheConfigFilesPatterns() throws Exception {
        Path config = file("trawl.properties", "include = /docs/\ninclude = /blog/\n");
        assertEquals(2, parsed("--config=" + config).config().include().size());
        CrawlConfig config2 = parsed("--config=" + config, "--include=/news/").config();
        assertEquals(List.of("/news/"), config2.include().stream().map(p -> p.pattern()).toList());
    }

    @Test
    void verboseFlagOverridesQuietInConfigFile() throws Exception {
        Path config = file("trawl.properties", "quiet = true\n");
        assertEquals(Verbosity.QUIET, parsed("--config=" + config).config().verbosity());
        assertEquals(Verbosity.VERBOSE, parsed("--config=" + config, "-v").config().verbosity());
    }

    @Test
    void everyFlagReachesTheConfig() throws Exception {
        CrawlConfig c = parsed("-o", "out.jsonl", "-d", "1", "-n", "10", "-c", "4", "--per-host=2", "--delay=250ms",
                "-t", "5s", "-r", "0", "--retry-backoff=100ms", "--max-retry-after=30s", "--scope=DOMAIN",
                "--include=a", "--include=b", "--exclude=c", "--max-bytes=512KB", "--user-agent=bot/2",
                "--ignore-robots", "--frontier-memory=50", "-q", "http://a.example/").config();
        assertEquals(Optional.of(Path.of("out.jsonl")), c.output());
        assertEquals(OptionalInt.of(1), c.maxDepth());
        assertEquals(OptionalLong.of(10), c.maxPages());
        assertEquals(4, c.concurrency());
        assertEquals(2, c.perHost());
        assertEquals(Duration.ofMillis(250), c.delay());
        assertEquals(Duration.ofSeconds(5), c.timeout());
        assertEquals(0, c.retries());
        assertEquals(Duration.ofMillis(100), c.retryBackoff());
        assertEquals(Duration.ofSeconds(30), c.maxRetryAfter());
        assertEquals(Scope.DOMAIN, c.scope());
        assertEquals(List.of("a", "b"), c.include().stream().map(p -> p.pattern()).toList());
        assertEquals(List.of("c"), c.exclude().stream().map(p -> p.pattern()).toList());
        assertEquals(512 * 1024, c.maxBytes());
        assertEquals("bot/2", c.userAgent());
        assertTrue(c.ignoreRobots());
        assertEquals(50, c.frontierMemory());
        assertEquals(Verbosity.QUIET, c.verbosity());
    }

    @Test
    void everyPolitenessRequestAndTrapFlagReachesTheConfig() throws Exception {
        CrawlConfig c = parsed("--max-crawl-delay=5s", "--rate=600/m", "--sitemaps", "--follow-nofollow",
                "-H", "Accept-Language: en", "--header=X-Token: a=b", "--cookie=a=1; b=2",
                "--proxy=socks://127.0.0.1:1080", "--insecure", "--max-url-length=1000", "--max-repeated-segments=2",
                "--max-pages-per-host=100", "--max-query-variants=50", "http://a.example/").config();
        assertEquals(Duration.ofSeconds(5), c.maxCrawlDelay());
        assertEquals(OptionalDouble.of(10), c.rate());
        assertTrue(c.sitemaps());
        assertTrue(c.followNofollow());
        assertEquals(new RequestOptions(List.of(new Header("Accept-Language", "en"), new Header("X-Token", "a=b")),
                Optional.of("a=1; b=2"), Optional.of(new ProxySpec(ProxySpec.Kind.SOCKS, "127.0.0.1", 1080)), true),
                c.request());
        assertEquals(new TrapLimits(1000, 2, OptionalLong.of(100), 50), c.traps());
    }

    @Test
    void rateFlagTakesEveryUnitAndABareNumber() throws Exception {
        assertEquals(OptionalDouble.of(2.5), parsed("--rate=2.5/s").config().rate());
        assertEquals(OptionalDouble.of(1), parsed("--rate=3600/h").config().rate());
        assertEquals(OptionalDouble.of(10), parsed("--rate=10").config().rate());
    }

    @Test
    void badRateIsAUsageErrorNamingTheFlag() {
        assertEquals(2, run("--rate=fast", "http://a.example/"));
        assertEquals("trawl: --rate: expected a rate like 10/s, 600/m or 2.5 (per second), got \"fast\"",
                err().lines().findFirst().orElseThrow());
    }

    @Test
    void rateAboveTheCeilingIsAUsageError() {
        assertEquals(2, run("--rate=200000/s", "http://a.example/"));
        assertTrue(err().startsWith("trawl: --rate: must be at most 100000/s, got 200000/s" + System.lineSeparator()), err());
    }

    @Test
    void refusedHeaderIsAUsageErrorNamingTheFlagAndSayingWhy() {
        assertEquals(2, run("-H", "Host: other.example", "http://a.example/"));
        assertTrue(err().startsWith("trawl: --header: cannot set Host: trawl sends each request to the host in its URL"), err());
        assertEquals("", out());
    }

    @Test
    void headerWithoutAColonIsAUsageErrorNamingTheFlag() {
        assertEquals(2, run("-H", "Accept-Language en", "http://a.example/"));
        assertTrue(err().startsWith("trawl: --header: expected 'Name: value', got no colon after \"Accept-Language\""), err());
    }

    @Test
    void badHeaderInTheConfigFileExitsOneNamingItsLine() throws IOException {
        Path config = file("trawl.properties", "header = X-A: 1\nheader = Bad Name: 2\n");
        assertEquals(1, run("--config=" + config, "http://a.example/"));
        assertTrue(err().startsWith("trawl: " + config + ":2: header: header name \"Bad Name\" has character U+0020"), err());
    }

    @Test
    void headerFlagsReplaceTheConfigFilesHeaders() throws Exception {
        Path config = file("trawl.properties", "header = X-A: 1\nheader = X-B: 2\n");
        assertEquals(2, parsed("--config=" + config).config().request().headers().size());
        assertEquals(List.of(new Header("X-C", "3")),
                parsed("--config=" + config, "-H", "X-C: 3").config().request().headers());
    }

    @Test
    void proxyWithCredentialsIsAUsageErrorSayingTheyAreNotSupportedYet() {
        assertEquals(2, run("--proxy=http://u:p@proxy.example:8080", "http://a.example/"));
        assertTrue(err().startsWith("trawl: --proxy: credentials in proxy URLs are not supported yet"), err());
        assertFalse(err().contains("u:p"), "the password is not echoed: " + err());
    }

    @Test
    void proxyWithoutAPortIsAUsageError() {
        assertEquals(2, run("--proxy=http://proxy.example", "http://a.example/"));
        assertTrue(err().startsWith("trawl: --proxy: the proxy needs a port"), err());
    }

    @Test
    void cookieWithALineBreakIsAUsageError() {
        assertEquals(2, run("--cookie=a=1\r\nX-Evil: 1", "http://a.example/"));
        assertTrue(err().startsWith("trawl: --cookie: must not contain a line break"), err());
    }

    @Test
    void outOfRangeTrapLimitIsAUsageErrorNamingTheFlag() {
        assertEquals(2, run("--max-url-length=10", "http://a.example/"));
        assertTrue(err().startsWith("trawl: --max-url-length: must be at least 64, got 10"), err());
    }

    @Test
    void rateAndMaxCrawlDelayFlagsOverrideTheConfigFile() throws Exception {
        Path config = file("trawl.properties", "rate = 600/m\nmax-crawl-delay = 10s\n");
        CrawlConfig fromFile = parsed("--config=" + config).config();
        assertEquals(OptionalDouble.of(10), fromFile.rate());
        assertEquals(Duration.ofSeconds(10), fromFile.maxCrawlDelay());
        CrawlConfig fromFlags = parsed("--config=" + config, "--rate=1/s", "--max-crawl-delay=0").config();
        assertEquals(OptionalDouble.of(1), fromFlags.rate());
        assertEquals(Duration.ZERO, fromFlags.maxCrawlDelay());
    }

    @Test
    void maxPagesPerHostLeftEmptyInTheConfigFileIsUnlimitedUntilAFlagSetsIt() throws Exception {
        Path config = file("trawl.properties", "max-pages-per-host =\n");
        assertEquals(OptionalLong.empty(), parsed("--config=" + config).config().traps().maxPagesPerHost());
        assertEquals(OptionalLong.of(5), parsed("--config=" + config, "--max-pages-per-host=5").config().traps().maxPagesPerHost());
    }

    @Test
    void switchesLeftOffKeepTheConfigFilesValue() throws Exception {
        Path config = file("trawl.properties", "sitemaps = true\ninsecure = true\n");
        CrawlConfig c = parsed("--config=" + config).config();
        assertTrue(c.sitemaps());
        assertTrue(c.request().insecure());
        assertFalse(c.followNofollow());
    }

    @Test
    void helpSaysWhatThePolitenessDefaultsAddUpTo() throws ConfigException {
        run("--help");
        String help = out().replaceAll("\\s+", " ");
        CrawlConfig d = TrawlCommand.configFor();
        assertTrue(help.contains("Politeness: by default trawl obeys robots.txt and its Crawl-delay (up to "
                + DurationFormat.format(d.maxCrawlDelay()) + "), keeps at most " + d.perHost()
                + " requests in flight to one site and starts them at least " + DurationFormat.format(d.delay())
                + " apart (at most " + Duration.ofSeconds(1).dividedBy(d.delay()) + " a second"), help);
        assertTrue(help.contains("waits out Retry-After up to " + DurationFormat.format(d.maxRetryAfter())), help);
        assertTrue(help.contains("--delay=0 --per-host=32"), help);
    }

    @Test
    void helpSaysWhyTheDelayDefaultIsWhatItIs() throws ConfigException {
        run("--help");
        String help = out().replaceAll("\\s+", " ");
        assertTrue(help.contains("The default means at most " + Duration.ofSeconds(1).dividedBy(TrawlCommand.configFor().delay())
                + " starts a second to one site, close to what well-behaved crawlers do"), help);
    }

    @Test
    void flagErrorFromConfigIsMarkedAsCommandLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> TrawlCommand.configFor("--retries=500"));
        assertTrue(e.fromCommandLine());
        assertEquals("--retries: must be at most 100, got 500", e.getMessage());
    }

    @Test
    void seedsComeFromArgumentsThenStdin() throws Exception {
        stdin = new ByteArrayInputStream("http://b.example/\n".getBytes(StandardCharsets.UTF_8));
        List<String> urls = new ArrayList<>();
        try (SeedReader seeds = parsed("-i", "-", "http://a.example/").openSeeds()) {
            seeds.forEachRemaining(url -> urls.add(url.toString()));
        }
        assertEquals(List.of("http://a.example/", "http://b.example/"), urls);
    }

    @Test
    void noSeedOptionIsAParameterException() {
        assertThrows(ParameterException.class, () -> parsed().openSeeds());
    }

    private static CrawlOutcome outcome(StopReason reason, String failure) {
        return new CrawlOutcome(reason, new CrawlSummary(0, 0, Map.of(), 0, Duration.ZERO, 0), Optional.ofNullable(failure));
    }

    private int exitStatusFor(CrawlOutcome outcome) throws Exception {
        return exitStatusFor(outcome, false);
    }

    private int exitStatusFor(CrawlOutcome outcome, boolean failOnError) throws Exception {
        try (SeedReader seeds = parsed("http://a.example/").openSeeds()) {
            return parsed("http://a.example/").exitStatus(outcome, seeds, failOnError);
        }
    }

    private static CrawlOutcome finished(Map<ErrorType, Long> errors) {
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        return new CrawlOutcome(StopReason.DRAINED, new CrawlSummary(5, 5 - failed, errors, 0, Duration.ZERO, 0), Optional.empty());
    }

    @Test
    void outputFailureExitsOneWithTheReason() throws Exception {
        assertEquals(1, exitStatusFor(outcome(StopReason.OUTPUT_FAILED, "out.jsonl: No space left on device")));
        assertEquals("trawl: out.jsonl: No space left on device" + System.lineSeparator(), err());
    }

    @Test
    void closedOutputExitsQuietlyLikeSigpipe() throws Exception {
        assertEquals(141, exitStatusFor(outcome(StopReason.OUTPUT_CLOSED, null)));
        assertEquals("", err());
    }

    @Test
    void signalsAndNormalEndsMapToTheirStatuses() throws Exception {
        assertEquals(0, exitStatusFor(outcome(StopReason.DRAINED, null)));
        assertEquals(0, exitStatusFor(outcome(StopReason.MAX_PAGES, null)));
        assertEquals(130, exitStatusFor(outcome(StopReason.INTERRUPTED, null)));
        assertEquals(143, exitStatusFor(outcome(StopReason.TERMINATED, null)));
        assertEquals("", err());
    }

    @Test
    void crawlerReportingNoSeedsExitsTwoWithAMessage() throws Exception {
        assertEquals(2, exitStatusFor(outcome(StopReason.NO_SEEDS, null)));
        assertEquals("trawl: no valid seed URL" + System.lineSeparator(), err());
    }

    @Test
    void stateLockedExitsSeventyFiveWithTheCrawlersMessage() throws Exception {
        assertEquals(75, exitStatusFor(outcome(StopReason.STATE_LOCKED, "state.db is in use by another trawl (pid 1234)")));
        assertEquals("trawl: state.db is in use by another trawl (pid 1234)" + System.lineSeparator(), err());
    }

    @Test
    void unusableStateExitsOneWithTheCrawlersMessage() throws Exception {
        assertEquals(1, exitStatusFor(outcome(StopReason.STATE_FAILED, "state.db: not a trawl state file")));
        assertEquals("trawl: state.db: not a trawl state file" + System.lineSeparator(), err());
    }

    @Test
    void failOnErrorIgnoresRobotsRefusals() throws Exception {
        assertEquals(0, exitStatusFor(finished(Map.of(ErrorType.ROBOTS, 2L)), true));
        assertEquals("", err());
    }

    @Test
    void failOnErrorExitsThreeOnAnHttpErrorAndSaysWhyEvenWhenQuiet() throws Exception {
        assertEquals(3, exitStatusFor(finished(Map.of(ErrorType.HTTP, 2L, ErrorType.ROBOTS, 1L, ErrorType.TIMEOUT, 1L)), true));
        assertEquals("trawl: --fail-on-error: 3 page errors (timeout 1, http 2)" + System.lineSeparator(), err());
    }

    @Test
    void failOnErrorNamesMissingFragmentsBesideThePageErrors() throws Exception {
        CrawlOutcome outcome = new CrawlOutcome(StopReason.DRAINED, new CrawlSummary(5, 4, Map.of(ErrorType.HTTP, 1L),
                0, Duration.ZERO, 0, Map.of(), List.of(), 5, Optional.empty(), 0, 0, 2), Optional.empty());
        assertEquals(3, exitStatusFor(outcome, true));
        assertEquals("trawl: --fail-on-error: 1 page error (http 1); 2 missing fragments" + System.lineSeparator(),
                err());
    }

    @Test
    void pageErrorsExitZeroWithoutFailOnError() throws Exception {
        assertEquals(0, exitStatusFor(finished(Map.of(ErrorType.HTTP, 2L)), false));
        assertEquals("", err());
    }

    @Test
    void brokenSeedListOutranksPageErrors() throws Exception {
        InputStream line = new ByteArrayInputStream("http://a.example/\n".getBytes(StandardCharsets.UTF_8));
        stdin = new InputStream() {
            @Override
            public int read() throws IOException {
                int b = line.read();
                if (b < 0) {
                    throw new IOException("Input/output error");
                }
                return b;
            }
        };
        TrawlCommand command = parsed("-i", "-");
        try (SeedReader seeds = command.openSeeds()) {
            seeds.forEachRemaining(url -> { });
            assertTrue(seeds.readFailure().isPresent());
            assertEquals(1, command.exitStatus(finished(Map.of(ErrorType.DNS, 1L)), seeds, true));
        }
        assertFalse(err().contains("--fail-on-error"), err());
    }

    @Test
    void failOnErrorAndStateFlagsReachTheConfig() throws Exception {
        CrawlConfig c = parsed("--state=crawl.db", "--changed-only", "--recrawl-after=20h", "--fail-on-error",
                "http://a.example/").config();
        assertEquals(Optional.of(Path.of("crawl.db")), c.state());
        assertTrue(c.changedOnly());
        assertEquals(Optional.of(Duration.ofHours(20)), c.recrawlAfter());
        assertTrue(c.failOnError());
        CrawlConfig none = parsed("http://a.example/").config();
        assertEquals(Optional.empty(), none.state());
        assertFalse(none.changedOnly());
        assertEquals(Optional.empty(), none.recrawlAfter());
        assertFalse(none.failOnError());
    }

    @Test
    void stateKeysOfTheConfigFileReachTheConfigAndFlagsOverrideThem() throws Exception {
        Path config = file("trawl.properties", "state = a.db\nchanged-only = true\nrecrawl-after = 1h\nfail-on-error = true\n");
        CrawlConfig fromFile = parsed("--config=" + config).config();
        assertEquals(Optional.of(Path.of("a.db")), fromFile.state());
        assertTrue(fromFile.changedOnly());
        assertEquals(Optional.of(Duration.ofHours(1)), fromFile.recrawlAfter());
        assertTrue(fromFile.failOnError());
        CrawlConfig fromFlags = parsed("--config=" + config, "--state=b.db", "--recrawl-after=0").config();
        assertEquals(Optional.of(Path.of("b.db")), fromFlags.state());
        assertEquals(Optional.of(Duration.ZERO), fromFlags.recrawlAfter());
    }

    @Test
    void stateFromTheFileSatisfiesTheFlagsThatNeedIt() throws Exception {
        Path config = file("trawl.properties", "state = a.db\n");
        CrawlConfig c = parsed("--config=" + config, "--changed-only", "--recrawl-after=1h").config();
        assertTrue(c.changedOnly());
        assertEquals(Optional.of(Path.of("a.db")), c.state());
    }

    @Test
    void changedOnlyWithoutStateIsAUsageErrorNamingBothOptions() {
        assertEquals(2, run("--changed-only", "http://a.example/"));
        assertEquals("trawl: --changed-only: needs --state=FILE (without state every page is new)",
                err().lines().findFirst().orElseThrow());
        assertTrue(err().contains("Try 'trawl --help'"), err());
        assertEquals("", out());
    }

    @Test
    void recrawlAfterWithoutStateIsAUsageErrorNamingBothOptions() {
        assertEquals(2, run("--recrawl-after=20h", "http://a.example/"));
        assertEquals("trawl: --recrawl-after: needs --state=FILE (without state no page has been fetched before)",
                err().lines().findFirst().orElseThrow());
    }

    @Test
    void negativeRecrawlAfterIsAUsageError() {
        assertEquals(2, run("--state=a.db", "--recrawl-after=-1h", "http://a.example/"));
        assertEquals("trawl: --recrawl-after: must not be negative, got \"-1h\"", err().lines().findFirst().orElseThrow());
    }

    @Test
    void changedOnlyInTheConfigFileWithoutStateExitsOneNamingItsLine() throws IOException {
        Path config = file("trawl.properties", "# nightly\nchanged-only = true\n");
        assertEquals(1, run("--config=" + config, "http://a.example/"));
        assertEquals("trawl: " + config + ":2: changed-only: needs state = FILE (or --state=FILE) (without state every page is new)"
                + System.lineSeparator(), err());
    }

    @Test
    void emptyRecrawlAfterInTheConfigFileNeedsNoState() throws Exception {
        Path config = file("trawl.properties", "recrawl-after =\n");
        assertEquals(Optional.empty(), parsed("--config=" + config).config().recrawlAfter());
    }
}
