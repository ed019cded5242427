package dev.trawl.cli;

import dev.trawl.config.ConfigException;
import dev.trawl.config.ConfigFile;
import dev.trawl.config.ConfigRules;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.Origin;
import dev.trawl.config.Verbosity;
import dev.trawl.crawl.CrawlOutcome;
import dev.trawl.crawl.Crawler;
import dev.trawl.crawl.SignalTrap;
import dev.trawl.page.ErrorType;
import dev.trawl.seed.SeedException;
import dev.trawl.seed.SeedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code trawl} command: options as documented in {@code docs/cli.md}, turned into a
 * {@link CrawlConfig} and a {@link SeedReader}, then handed to the {@link Crawler}. Each setting is
 * declared once, as an {@code @Option} in one of the groups below: its flag, its key in the settings
 * file (the long name without dashes, read by {@link SettingsFile}), its default, its converter (which
 * parses and checks its bounds) and its help text. Precedence is picocli's: a flag typed, else the
 * settings file's value, else the declared default.
 */
@Command(name = "trawl", versionProvider = VersionProvider.class, defaultValueProvider = SettingsFile.class,
        resourceBundle = "dev.trawl.version", sortOptions = false,
        abbreviateSynopsis = true, usageHelpWidth = HelpSections.WIDTH,
        description = "Crawls the web from the seed URLs and writes one JSON object per URL to stdout (JSON Lines). "
                + "Progress and a summary go to stderr.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            ExitStatus.OK + ":the crawl ran (page errors are in the output)",
            ExitStatus.FATAL + ":fatal: cannot write the output, bad settings file, unusable --state file, seed list "
                    + "unreadable part way, internal error",
            ExitStatus.USAGE + ":usage error, or no valid seed URL",
            ExitStatus.PAGE_ERRORS + ":--fail-on-error, and the crawl finished with page errors other than robots refusals, "
                    + "or missing fragments",
            ExitStatus.STATE_LOCKED + ":the --state file is in use by another trawl (try again later)",
            ExitStatus.INTERRUPTED + ":interrupted by SIGINT, after flushing finished records",
            ExitStatus.OUTPUT_CLOSED + ":the reader of the output went away (e.g. | head)",
            ExitStatus.TERMINATED + ":terminated by SIGTERM, after flushing finished records"})
public final class TrawlCommand implements Callable<Integer> {
    private final InputStream stdin;
    private final OutputStream stdout;
    private final PrintStream stderr;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "URL", arity = "0..*", description = "Seed URLs.")
    private List<String> urls = new ArrayList<>();

    @ArgGroup(validate = false, order = 1, heading = "%nWhat to crawl:%n")
    CrawlOptions crawl = new CrawlOptions();

    @ArgGroup(validate = false, order = 2, heading = HelpSections.POLITENESS)
    PolitenessOptions politeness = new PolitenessOptions();

    @ArgGroup(validate = false, order = 3, heading = "%nRequests:%n")
    FetchOptions fetch = new FetchOptions();

    @ArgGroup(validate = false, order = 4, heading = "%nOutput:%n")
    OutputOptions output = new OutputOptions();

    @ArgGroup(validate = false, order = 5, heading = "%nState between runs:%n")
    StateOptions state = new StateOptions();

    @ArgGroup(validate = false, order = 6, heading = "%nSafety limits:%n")
    SafetyOptions safety = new SafetyOptions();

    @ArgGroup(validate = false, order = 7, heading = "%nGeneral:%n")
    GeneralOptions general = new GeneralOptions();

    private Verbosity verbosity;

    public TrawlCommand(InputStream stdin, OutputStream stdout, PrintStream stderr) {
        this.stdin = Objects.requireNonNull(stdin);
        this.stdout = Objects.requireNonNull(stdout);
        this.stderr = Objects.requireNonNull(stderr);
    }

    /**
     * The command ready to {@code execute(args)}: help and version to {@code stdout}, messages to
     * {@code stderr}, usage errors as one line plus a hint (exit 2), a bad settings file as one line
     * (exit 1), unexpected exceptions as one line (exit 1; the stack trace too with --verbose).
     */
    public static CommandLine commandLine(InputStream stdin, OutputStream stdout, PrintStream stderr) {
        return HelpSections.addTo(new CommandLine(new TrawlCommand(stdin, stdout, stderr)))
                .addSubcommand(new StatusCommand(stdout, stderr))
                .addSubcommand(new ExportCommand(stdout, stderr))
                .setOut(new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(stderr, stderr.charset()), true))
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionExceptionHandler(new InternalErrorHandler());
    }

    /**
     * The configuration a crawl started with these arguments would use, seeds aside: for tests and
     * tools that want a config the way users make one.
     *
     * @throws ConfigException a bad setting, with the message trawl would print (flag or file:line: key)
     * @throws ParameterException any other usage error (an unknown option, say)
     */
    public static CrawlConfig configFor(String... args) throws ConfigException {
        OutputStream nowhere = OutputStream.nullOutputStream();
        CommandLine commandLine = commandLine(InputStream.nullInputStream(), nowhere, new PrintStream(nowhere));
        try {
            commandLine.parseArgs(args);
            return commandLine.<TrawlCommand>getCommand().config();
        } catch (ParameterException e) {
            throw UsageErrorHandler.badSetting(e).orElseThrow(() -> e);
        }
    }

    @Override
    @SuppressWarnings("try") // the signal trap is used for its scope only
    public Integer call() throws IOException {
        CrawlConfig config;
        try {
            config = config();
        } catch (ConfigException e) {
            // The error handler tells a flag (a usage error) from the settings file (exit 1).
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        verbosity = config.verbosity();
        try (SeedReader seeds = openSeeds()) {
            if (!seeds.hasNext()) {
                return noValidSeed(seeds);
            }
            Crawler crawler = new Crawler(config, stdout, stderr);
            CrawlOutcome outcome;
            try (SignalTrap trap = SignalTrap.install(crawler::stop)) {
                outcome = crawler.run(seeds);
            }
            return exitStatus(outcome, seeds, config.failOnError());
        }
    }

    /** The config from the parsed options, with the rules between settings checked; parse the arguments first. */
    CrawlConfig config() throws ConfigException {
        settingsFile().check(spec);
        CrawlConfig config = new CrawlConfig(crawl.maxDepth, crawl.maxPages, fetch.concurrency, politeness.perHost,
                politeness.delay, fetch.timeout, fetch.retries, fetch.retryBackoff, fetch.maxRetryAfter, crawl.scope,
                crawl.include, crawl.exclude, safety.maxBytes, fetch.userAgent, politeness.ignoreRobots,
                safety.frontierMemory, output.file, verbosity(), politeness.maxCrawlDelay, politeness.rate,
                crawl.sitemaps, politeness.followNofollow, fetch.request(safety.allowPrivate), safety.traps(),
                state.file(), state.changedOnly, Optional.ofNullable(state.recrawlAfter), output.failOnError, state.shared(),
                state.workerTimeout, state.crawlName, output.warc,
                output.warcMaxSize == null ? OptionalLong.empty() : OptionalLong.of(output.warcMaxSize), crawl.checkLinks,
                crawl.checkFragments);
        ConfigRules.check(config, this::origin);
        return config;
    }

    /**
     * -q or -v as typed; else quiet or verbose from the settings file, where "false" leaves the other in
     * place and both true is an error at the later line.
     */
    private Verbosity verbosity() throws ConfigException {
        boolean quietTyped = typed("--quiet");
        boolean verboseTyped = typed("--verbose");
        if (quietTyped && verboseTyped) {
            throw new ParameterException(spec.commandLine(), "--quiet, --verbose are mutually exclusive (specify only one)");
        }
        if (quietTyped || verboseTyped) {
            return quietTyped && general.quiet ? Verbosity.QUIET : verboseTyped && general.verbose ? Verbosity.VERBOSE
                    : Verbosity.NORMAL;
        }
        if (general.quiet && general.verbose) {
            SettingsFile file = settingsFile();
            int quietLine = file.line(spec, "quiet").map(ConfigFile.Entry::line).orElse(0);
            int verboseLine = file.line(spec, "verbose").map(ConfigFile.Entry::line).orElse(0);
            throw new ConfigException(origin(quietLine > verboseLine ? "quiet" : "verbose"),
                    "quiet and verbose cannot both be true");
        }
        return general.quiet ? Verbosity.QUIET : general.verbose ? Verbosity.VERBOSE : Verbosity.NORMAL;
    }

    private boolean typed(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Where a setting's value came from: the flag typed, the settings file's line, or the built-in default. */
    private Origin origin(String key) {
        OptionSpec option = spec.findOption("--" + key);
        if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
            return Origin.flag(option.longestName());
        }
        return settingsFile().origin(spec, key);
    }

    private SettingsFile settingsFile() {
        return (SettingsFile) spec.defaultValueProvider();
    }

    /** The seeds from the URL arguments and --input; parse the arguments first. */
    SeedReader openSeeds() {
        if (urls.isEmpty() && crawl.input == null) {
            throw new ParameterException(spec.commandLine(), "no seed URL: give URL arguments or --input=FILE");
        }
        try {
            return SeedReader.open(urls, Optional.ofNullable(crawl.input), stdin, stderr);
        } catch (SeedException e) {
            throw new ParameterException(spec.commandLine(), "--input: " + e.getMessage(), e);
        }
    }

    /** Whether fatal errors should carry a stack trace: -v, or verbose = true in the settings file. */
    boolean verbose() {
        return verbosity != null ? verbosity == Verbosity.VERBOSE : general.verbose;
    }

    private int noValidSeed(SeedReader seeds) {
        if (seeds.readFailure().isPresent()) {
            return ExitStatus.FATAL;
        }
        stderr.println("trawl: no valid seed URL");
        return ExitStatus.USAGE;
    }

    /** The exit status for how the crawl ended, saying on stderr what the crawler did not. */
    int exitStatus(CrawlOutcome outcome, SeedReader seeds, boolean failOnError) {
        switch (outcome.reason()) {
            case OUTPUT_FAILED -> stderr.println("trawl: " + outcome.failure().orElse("cannot write the output"));
            case NO_SEEDS -> stderr.println("trawl: no valid seed URL");
            case STATE_LOCKED -> stderr.println("trawl: " + outcome.failure().orElse("the state file is in use by another trawl"));
            case STATE_FAILED -> stderr.println("trawl: " + outcome.failure().orElse("cannot use the state file"));
            default -> {
                // the crawler has said what there was to say
            }
        }
        int status = ExitStatus.of(outcome, failOnError);
        // A seed list that broke off part way means the crawl did not cover what was asked; the reader has reported it.
        if ((status == ExitStatus.OK || status == ExitStatus.PAGE_ERRORS) && seeds.readFailure().isPresent()) {
            return ExitStatus.FATAL;
        }
        if (status == ExitStatus.PAGE_ERRORS) {
            // Said even with -q: a cron job run quietly mails only what reaches stderr, and this is what it should mail.
            stderr.println("trawl: --fail-on-error: " + pageErrors(outcome));
        }
        return status;
    }

    private static String pageErrors(CrawlOutcome outcome) {
        Map<ErrorType, Long> errors = ExitStatus.pageErrors(outcome.summary());
        long total = errors.values().stream().mapToLong(Long::longValue).sum();
        StringJoiner what = new StringJoiner("; ");
        if (total > 0) {
            StringJoiner byType = new StringJoiner(", ", total + (total == 1 ? " page error (" : " page errors ("), ")");
            errors.forEach((type, count) -> byType.add(type.wireName() + " " + count));
            what.add(byType.toString());
        }
        long missing = outcome.summary().missingFragments();
        if (missing > 0) {
            what.add(missing + (missing == 1 ? " missing fragment" : " missing fragments"));
        }
        return what.toString();
    }
}
