package dev.trawl.cli;

import dev.trawl.config.ConfigException;
import dev.trawl.config.ConfigLoader;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.CrawlConfigBuilder;
import dev.trawl.config.CrawlConfigBuilder.Sourced;
import dev.trawl.config.Origin;
import dev.trawl.config.RequestOptions.Header;
import dev.trawl.config.RequestOptions.ProxySpec;
import dev.trawl.config.Verbosity;
import dev.trawl.crawl.CrawlOutcome;
import dev.trawl.crawl.Crawler;
import dev.trawl.crawl.SignalTrap;
import dev.trawl.page.ErrorType;
import dev.trawl.seed.SeedException;
import dev.trawl.seed.SeedReader;
import dev.trawl.url.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code trawl} command: options as documented in {@code docs/cli.md}, turned into a
 * {@link CrawlConfig} by {@link ConfigLoader} and a {@link SeedReader}, then handed to the
 * {@link Crawler}. Option fields hold picocli's defaults for the help text, but only options the
 * user typed reach the config, so the {@code --config} file can override a default.
 */
@Command(name = "trawl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        defaultValueProvider = DefaultsProvider.class, showDefaultValues = true, sortOptions = false,
        description = "Crawls the web from the seed URLs and writes one JSON object per URL to stdout (JSON Lines). "
                + "Progress and a summary go to stderr.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            ExitStatus.OK + ":the crawl ran (page errors are in the output)",
            ExitStatus.FATAL + ":fatal: cannot write the output, bad config file, unusable --state file, seed list "
                    + "unreadable part way, internal error",
            ExitStatus.USAGE + ":usage error, or no valid seed URL",
            ExitStatus.PAGE_ERRORS + ":--fail-on-error, and the crawl finished with page errors other than robots refusals",
            ExitStatus.STATE_LOCKED + ":the --state file is in use by another trawl (try again later)",
            ExitStatus.INTERRUPTED + ":interrupted by SIGINT, after flushing finished records",
            ExitStatus.OUTPUT_CLOSED + ":the reader of the output went away (e.g. | head)",
            ExitStatus.TERMINATED + ":terminated by SIGTERM, after flushing finished records"},
        footerHeading = "%n",
        footer = {
            "DURATION: 500ms, 10s, 1.5s, 2m, 1h or 0. SIZE: 100B, 512KB, 10MB, 1GB (KB = 1024 bytes).",
            "RATE: 10/s, 600/m, 2.5/s, 3600/h, or a number (per second).",
            "Settings: built-in defaults, overridden by --config=FILE, overridden by flags.",
            "",
            "Politeness: by default trawl obeys robots.txt and its Crawl-delay (up to 30s), keeps at most 4 "
                    + "requests in flight to one site and starts them at least 250ms apart (at most 4 a second, "
                    + "close to what well-behaved crawlers do), waits out Retry-After up to 2m, retries with "
                    + "growing backoff, and stays on the seeds' hosts. Go faster only on a site of your own: "
                    + "--delay=0 --per-host=32."})
public final class TrawlCommand implements Callable<Integer> {
    private final InputStream stdin;
    private final OutputStream stdout;
    private final PrintStream stderr;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "URL", arity = "0..*", description = "Seed URLs.", showDefaultValue = Visibility.NEVER)
    private List<String> urls = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "Seed list, one URL a line; - reads stdin; blank lines and lines starting with # are skipped.")
    private String input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "JSON Lines output. Default: stdout.")
    private Path output;

    @Option(names = {"-d", "--max-depth"}, paramLabel = "N", description = "Link depth from the seeds (0 = seeds only).")
    private int maxDepth;

    @Option(names = {"-n", "--max-pages"}, paramLabel = "N",
            description = "Stop after N pages have been recorded. Default: unlimited.")
    private Long maxPages;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", description = "Requests in flight, all hosts together.")
    private int concurrency;

    @Option(names = "--per-host", paramLabel = "N",
            description = "Requests in flight to one host. The default keeps a slow site from ever having more than a "
                    + "handful of trawl's requests at once. For your own site raise both: --delay=0 --per-host=32.")
    private int perHost;

    @Option(names = "--delay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Least gap between two request starts to one host. The default means at most 4 starts a "
                    + "second to one site, close to what well-behaved crawlers do; raise it for small or fragile "
                    + "sites, 0 for your own.")
    private Duration delay;

    @Option(names = "--max-crawl-delay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest robots.txt Crawl-delay obeyed; a longer one is clamped to this and reported once. "
                    + "Capped because a site asking for minutes between requests would make a crawl of a few hundred "
                    + "pages take days (at 30s, 120 pages take an hour). 0 ignores Crawl-delay.")
    private Duration maxCrawlDelay;

    @Option(names = "--rate", paramLabel = "RATE", converter = RateConverter.class,
            description = "Most request starts per second, all hosts together, for when you must promise a budget: "
                    + "10/s, 600/m, 2.5/s, 3600/h. Default: no ceiling; the per-host pacing still applies.")
    private Double rate;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Deadline of one attempt: connect, headers and whole body.")
    private Duration timeout;

    @Option(names = {"-r", "--retries"}, paramLabel = "N", description = "Extra attempts after a transient failure.")
    private int retries;

    @Option(names = "--retry-backoff", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Base of the exponential backoff between attempts.")
    private Duration retryBackoff;

    @Option(names = "--max-retry-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest Retry-After honoured; a longer one fails the page.")
    private Duration maxRetryAfter;

    @Option(names = "--scope", paramLabel = "host|domain|any", converter = ScopeConverter.class,
            description = "Which discovered links are followed.")
    private Scope scope;

    @Option(names = "--include", paramLabel = "REGEX", showDefaultValue = Visibility.NEVER,
            description = "Follow only links matching one of these (repeatable; replaces the config file's).")
    private List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "REGEX", showDefaultValue = Visibility.NEVER,
            description = "Do not follow links matching any of these (repeatable; replaces the config file's).")
    private List<String> exclude = new ArrayList<>();

    @Option(names = "--max-url-length", paramLabel = "N",
            description = "Longest URL followed, in characters; a longer link is refused and counted. The default is "
                    + "the sitemaps protocol's limit and what browsers have long agreed on, so real pages fit.")
    private int maxUrlLength;

    @Option(names = "--max-repeated-segments", paramLabel = "N",
            description = "Most times one path segment may appear in a URL followed (/a/b/a/b/a/b/ has a three times). "
                    + "The default stops relative-link loops after a few rounds but leaves /2024/01/01/ alone.")
    private int maxRepeatedSegments;

    @Option(names = "--max-pages-per-host", paramLabel = "N",
            description = "Most URLs taken from one host; further links to it are refused and counted. "
                    + "Default: unlimited, since depth and the other guards bound a crawl; set it to cap what one "
                    + "site can cost.")
    private Long maxPagesPerHost;

    @Option(names = "--max-query-variants", paramLabel = "N",
            description = "Most distinct query strings followed for one path. The default stops faceted search and "
                    + "calendars from multiplying without end but keeps every page of a long forum thread reachable.")
    private int maxQueryVariants;

    @Option(names = "--max-bytes", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Largest body read; larger is an error.")
    private long maxBytes;

    @Option(names = "--user-agent", paramLabel = "STRING", description = "The User-Agent header.")
    private String userAgent;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", converter = HeaderConverter.class,
            showDefaultValue = Visibility.NEVER,
            description = "Extra request header, sent to every host (repeatable; replaces the config file's). "
                    + "Host, Content-Length, Transfer-Encoding and Connection are trawl's own to set. Default: none.")
    private List<Header> headers = new ArrayList<>();

    @Option(names = "--cookie", paramLabel = "'a=1; b=2'",
            description = "Cookie header, sent to the seeds' hosts only, so it never leaks to other sites. Default: none.")
    private String cookie;

    @Option(names = "--proxy", paramLabel = "URL", converter = ProxyConverter.class,
            description = "Send every request through this proxy, given as http://host:port or as "
                    + "socks5://host:port (or socks://host:port). The port is required; credentials in the URL are "
                    + "not supported yet. Default: none (direct connections).")
    private ProxySpec proxy;

    @Option(names = "--insecure",
            description = "Accept any TLS certificate (self-signed, expired, another host's). Default: off, so a bad "
                    + "certificate is error tls; use it only for servers you trust, such as your own test server.")
    private boolean insecure;

    @Option(names = "--allow-private",
            description = "Fetch loopback, link-local and private-network addresses (127.0.0.1, 10.x, 192.168.x, fe80::...) "
                    + "on hosts other than the seeds' own. Default: off, so a link or a redirect cannot steer the crawl "
                    + "into your own network; a seed's own host is always fetched, even a private one.")
    private boolean allowPrivate;

    @Option(names = "--ignore-robots", description = "Do not fetch or obey robots.txt. Default: obey.")
    private boolean ignoreRobots;

    @Option(names = "--sitemaps",
            description = "Also seed the crawl from each seed host's sitemaps (robots.txt Sitemap: lines, else "
                    + "/sitemap.xml). Default: off, since a sitemap can list far more pages than you asked for.")
    private boolean sitemaps;

    @Option(names = "--follow-nofollow",
            description = "Also follow links marked nofollow (meta robots, X-Robots-Tag, rel=nofollow). Default: off: "
                    + "site owners mark with nofollow the links they do not want crawled.")
    private boolean followNofollow;

    @Option(names = "--frontier-memory", paramLabel = "N",
            description = "Queued URLs held in memory; more are spilled to a temporary file.")
    private int frontierMemory;

    @Option(names = "--state", paramLabel = "FILE",
            description = "SQLite file holding the crawl's state, so that a crawl killed at any moment resumes where it "
                    + "stopped and the next run after a finished one is an incremental recrawl. A second trawl on the "
                    + "same file exits 75. Default: none, nothing is kept between runs.")
    private Path state;

    @Option(names = "--changed-only",
            description = "Write only the records of new or changed pages, so a scheduled recrawl yields just the "
                    + "delta. Needs --state. Default: off, every page is written.")
    private boolean changedOnly;

    @Option(names = "--recrawl-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "On a recrawl, skip URLs fetched more recently than this (0 skips none). Needs --state. "
                    + "Default: none, every known URL is fetched again.")
    private Duration recrawlAfter;

    @Option(names = "--fail-on-error",
            description = "Exit 3 when the crawl finishes with page errors other than robots.txt refusals, so cron "
                    + "and CI can alert. With --state, the whole run's: errors recorded before a crash or a stop count, "
                    + "and so do pages --changed-only did not write. Default: off, page errors are only in the output.")
    private boolean failOnError;

    @Option(names = "--config", paramLabel = "FILE", description = "Defaults file (config/trawl.properties style).")
    private Path configFile;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Chatter chatter;

    /** -q and -v exclude each other; picocli reports both given as a usage error. */
    static final class Chatter {
        @Option(names = {"-q", "--quiet"}, description = "No progress and no summary on stderr.")
        boolean quiet;

        @Option(names = {"-v", "--verbose"}, description = "One stderr line per request; stack traces for fatal errors.")
        boolean verbose;
    }

    private Verbosity verbosity;

    public TrawlCommand(InputStream stdin, OutputStream stdout, PrintStream stderr) {
        this.stdin = Objects.requireNonNull(stdin);
        this.stdout = Objects.requireNonNull(stdout);
        this.stderr = Objects.requireNonNull(stderr);
    }

    /**
     * The command ready to {@code execute(args)}: help and version to {@code stdout}, messages to
     * {@code stderr}, usage errors as one line plus a hint (exit 2), unexpected exceptions as one
     * line (exit 1; the stack trace too with --verbose).
     */
    public static CommandLine commandLine(InputStream stdin, OutputStream stdout, PrintStream stderr) {
        return new CommandLine(new TrawlCommand(stdin, stdout, stderr))
                .setOut(new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(stderr, stderr.charset()), true))
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionExceptionHandler(new InternalErrorHandler());
    }

    @Override
    @SuppressWarnings("try") // the signal trap is used for its scope only
    public Integer call() throws IOException {
        CrawlConfig config;
        try {
            config = config();
        } catch (ConfigException e) {
            if (e.fromCommandLine()) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            stderr.println("trawl: " + e.getMessage());
            return ExitStatus.FATAL;
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

    /** The config from defaults, the --config file and the flags given; parse the arguments first. */
    CrawlConfig config() throws ConfigException {
        ParseResult parsed = spec.commandLine().getParseResult();
        return ConfigLoader.load(Optional.ofNullable(configFile), b -> {
            Flags given = new Flags(parsed);
            given.set("--output", o -> b.output(output, o));
            given.set("--max-depth", o -> b.maxDepth(maxDepth, o));
            given.set("--max-pages", o -> b.maxPages(OptionalLong.of(maxPages), o));
            given.set("--concurrency", o -> b.concurrency(concurrency, o));
            given.set("--per-host", o -> b.perHost(perHost, o));
            given.set("--delay", o -> b.delay(delay, o));
            given.set("--max-crawl-delay", o -> b.maxCrawlDelay(maxCrawlDelay, o));
            given.set("--rate", o -> b.rate(OptionalDouble.of(rate), o));
            given.set("--timeout", o -> b.timeout(timeout, o));
            given.set("--retries", o -> b.retries(retries, o));
            given.set("--retry-backoff", o -> b.retryBackoff(retryBackoff, o));
            given.set("--max-retry-after", o -> b.maxRetryAfter(maxRetryAfter, o));
            given.set("--scope", o -> b.scope(scope, o));
            given.set("--include", o -> b.include(sourced(include, o)));
            given.set("--exclude", o -> b.exclude(sourced(exclude, o)));
            given.set("--max-url-length", o -> b.maxUrlLength(maxUrlLength, o));
            given.set("--max-repeated-segments", o -> b.maxRepeatedSegments(maxRepeatedSegments, o));
            given.set("--max-pages-per-host", o -> b.maxPagesPerHost(OptionalLong.of(maxPagesPerHost), o));
            given.set("--max-query-variants", o -> b.maxQueryVariants(maxQueryVariants, o));
            given.set("--max-bytes", o -> b.maxBytes(maxBytes, o));
            given.set("--user-agent", o -> b.userAgent(userAgent, o));
            given.set("--header", o -> b.headers(headers, o));
            given.set("--cookie", o -> b.cookie(Optional.of(cookie), o));
            given.set("--proxy", o -> b.proxy(Optional.of(proxy), o));
            given.set("--insecure", o -> b.insecure(insecure, o));
            given.set("--allow-private", o -> b.allowPrivate(allowPrivate, o));
            given.set("--ignore-robots", o -> b.ignoreRobots(ignoreRobots, o));
            given.set("--sitemaps", o -> b.sitemaps(sitemaps, o));
            given.set("--follow-nofollow", o -> b.followNofollow(followNofollow, o));
            given.set("--frontier-memory", o -> b.frontierMemory(frontierMemory, o));
            given.set("--state", o -> b.state(state, o));
            given.set("--changed-only", o -> b.changedOnly(changedOnly, o));
            given.set("--recrawl-after", o -> b.recrawlAfter(Optional.of(recrawlAfter), o));
            given.set("--fail-on-error", o -> b.failOnError(failOnError, o));
            if (chatter != null && chatter.quiet) {
                b.verbosity(Verbosity.QUIET, Origin.flag("--quiet"));
            }
            if (chatter != null && chatter.verbose) {
                b.verbosity(Verbosity.VERBOSE, Origin.flag("--verbose"));
            }
        });
    }

    /** The seeds from the URL arguments and --input; parse the arguments first. */
    SeedReader openSeeds() {
        if (urls.isEmpty() && input == null) {
            throw new ParameterException(spec.commandLine(), "no seed URL: give URL arguments or --input=FILE");
        }
        try {
            return SeedReader.open(urls, Optional.ofNullable(input), stdin, stderr);
        } catch (SeedException e) {
            throw new ParameterException(spec.commandLine(), "--input: " + e.getMessage(), e);
        }
    }

    /** Whether fatal errors should carry a stack trace: -v, or verbose = true in the config file. */
    boolean verbose() {
        return verbosity != null ? verbosity == Verbosity.VERBOSE : chatter != null && chatter.verbose;
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
        StringJoiner byType = new StringJoiner(", ", total + (total == 1 ? " page error (" : " page errors ("), ")");
        errors.forEach((type, count) -> byType.add(type.wireName() + " " + count));
        return byType.toString();
    }

    private static List<Sourced> sourced(List<String> regexes, Origin origin) {
        return regexes.stream().map(regex -> new Sourced(regex, origin)).toList();
    }

    /** Applies a setting only when its option was typed, naming the option as the value's origin. */
    private record Flags(ParseResult parsed) {
        void set(String option, Consumer<Origin> setter) {
            if (parsed.hasMatchedOption(option)) {
                setter.accept(Origin.flag(option));
            }
        }
    }
}
