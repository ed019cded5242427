package dev.trawl.crawl;

import dev.trawl.archive.EarlierCapture;
import dev.trawl.archive.Exchange;
import dev.trawl.archive.ExchangeRecorder;
import dev.trawl.archive.HeldRecords;
import dev.trawl.archive.WarcArchive;
import dev.trawl.archive.WarcFiles;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.TrawlVersion;
import dev.trawl.config.SharedDatabase;
import dev.trawl.config.Verbosity;
import dev.trawl.extract.PageExtractor;
import dev.trawl.fetch.BodyPolicy;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.HttpClientFactory;
import dev.trawl.fetch.RequestGate;
import dev.trawl.fetch.RequestHeaders;
import dev.trawl.fetch.RequestListener;
import dev.trawl.fetch.RetryPolicy;
import dev.trawl.fetch.SendListener;
import dev.trawl.fetch.Sleeper;
import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.LocalFrontier;
import dev.trawl.frontier.Task;
import dev.trawl.output.CrawlSummary;
import dev.trawl.output.ProgressLine;
import dev.trawl.output.RecordWriter;
import dev.trawl.output.RequestLog;
import dev.trawl.output.SummaryLine;
import dev.trawl.pacing.HostPacer;
import dev.trawl.pacing.RateLimiter;
import dev.trawl.pacing.Ticker;
import dev.trawl.postgres.SharedCrawl;
import dev.trawl.postgres.SharedStateException;
import dev.trawl.robots.RobotsCache;
import dev.trawl.sitemap.SitemapLimits;
import dev.trawl.state.ArchiveWriteException;
import dev.trawl.state.RunStart;
import dev.trawl.state.StateException;
import dev.trawl.state.StateLockedException;
import dev.trawl.state.StateStore;
import dev.trawl.trap.TrapGuard;
import dev.trawl.trap.TrapReason;
import dev.trawl.url.Redactor;
import dev.trawl.url.ScopePolicy;
import dev.trawl.url.UrlNormalizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The engine: wires the parts of one crawl, owns its threads, and has the one shutdown path.
 *
 * <p>Phases: the seeds are read into the frontier (and, with {@code --sitemaps}, the seed hosts'
 * sitemaps); then the calling thread dispatches: it takes the next URL the {@link Scheduler}
 * allows and starts a {@link PageJob} for it on a virtual thread, until the scheduler says the
 * crawl is drained (a recrawl's URLs that nothing links to any more included) or stopped. Stopping (max-pages, a signal, a dead output) is one path in every
 * phase: no new requests, requests in flight cancelled and their pages abandoned, the records of
 * finished pages written and flushed, then the summary.
 */
public final class Crawler {
    /** URLs a worker of a shared crawl leases ahead of its scheduler, per -c slot. */
    private static final int LEASED_AHEAD_PER_SLOT = 2;

    private final CrawlConfig config;
    private final OutputStream stdout;
    private final PrintStream stderr;
    private final CrawlEnvironment environment;
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();
    /** Why the crawl failed, for its last line: the output, or the shared state's database. */
    private volatile String failure;
    private volatile Runnable halt = () -> { };

    public Crawler(CrawlConfig config, OutputStream stdout, PrintStream stderr) {
        this(config, stdout, stderr, CrawlEnvironment.system());
    }

    public Crawler(CrawlConfig config, OutputStream stdout, PrintStream stderr, CrawlEnvironment environment) {
        this.config = config;
        this.stdout = stdout;
        this.stderr = stderr;
        this.environment = environment;
    }

    /** Crawls from the seeds until done, max-pages, a signal, or an output failure. Page errors go into records. */
    public CrawlOutcome run(Iterator<HttpUrl> seeds) {
        long started = System.nanoTime();
        Ticker ticker = Ticker.SYSTEM;
        HostPacer pacer = newPacer(ticker);
        TrapGuard guard = new TrapGuard(config.traps(), this::notFollowing);
        WarcFiles warcFiles = config.warc().isPresent() ? warcFiles() : null;
        Opened opened = openState(url -> guard.admit(url) == null, warcFiles);
        if (opened.failure() != null) {
            return opened.failure().withElapsed(emptySummary(started));
        }
        // With a state file the archive is committed with the pages; else it is written as exchanges end.
        WarcArchive archive = null;
        if (warcFiles != null && opened.held() == null) {
            try {
                archive = openArchive(warcFiles);
            } catch (IOException e) {
                opened.state().close();
                return new Early(StopReason.OUTPUT_FAILED, warcMessage(e)).withElapsed(emptySummary(started));
            }
        }
        Consumer<Exchange> archiving = opened.held() != null ? opened.held() : archive;
        ScopePolicy scope = scope(opened.state());
        Ledger ledger = new Ledger(config.maxPages(), opened.state()::recordedBefore);
        // Closed in reverse: the fetcher's exchanges are all archived before the archive closes.
        try (CrawlState state = opened.state(); WarcArchive warc = archive;
                Fetcher fetcher = newFetcher(state.gate(pacer, config), pacer, scope, archiving, earlierCaptures(state));
                ParseThreads parseThreads = ParseThreads.perCore()) {
            Frontier frontier = state.frontier();
            FollowPolicy followPolicy = new FollowPolicy(scope, config.include(), config.exclude());
            RobotsCache robots = config.ignoreRobots() ? null
                    : new RobotsCache(new RobotsOverHttp(fetcher), config.productToken());
            Set<HttpUrl> sites = loadSeeds(seeds, scope, frontier);
            if (sites.isEmpty() || stopReason.get() != null) {
                state.end(false);
                StopReason reason = stopReason.get() == null ? StopReason.NO_SEEDS : stopReason.get();
                return new CrawlOutcome(reason, emptySummary(started), Optional.empty());
            }
            Map<String, String> lastmods = config.sitemaps()
                    ? readSitemaps(sites, fetcher, robots, followPolicy, guard, frontier) : Map.of();
            Scheduler scheduler = new Scheduler(frontier, new HostLimiter(pacer), config.concurrency(), ticker::nanos);
            CrawlParts parts = new CrawlParts(frontier, scheduler, fetcher, robots, scope,
                    new Harvester(new PageExtractor(config.checkFragments()), parseThreads, config.productToken(),
                            followPolicy, config.followNofollow(), config.checkLinks()),
                    new LinkChecks(config, followPolicy),
                    new BodyPolicy(config.maxBytes(), false, PageExtractor::isHtml), environment.clock(), pacer,
                    lastmods::get, state, state.sink(ledger, () -> stop(StopReason.MAX_PAGES)), opened.held());
            ExecutorService fetchers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("trawl-fetch-", 0).factory());
            halt = () -> {
                ledger.close();
                scheduler.stop();
                fetcher.cancelAll();
                fetchers.shutdownNow();
            };
            if (stopReason.get() != null) {
                halt.run(); // a stop came before this halt was in place
            }
            ProgressLine progress = showProgress() ? ProgressLine.start(stderr, () -> new ProgressLine.Snapshot(
                    ledger.records(), ledger.errors(), scheduler.inFlight(), frontier.waiting(),
                    ledger.records() / Math.max(1e-3, (System.nanoTime() - started) / 1e9)), Duration.ofMillis(500)) : null;
            try {
                dispatch(scheduler, parts, fetchers);
            } catch (InterruptedException e) {
                stop(StopReason.INTERRUPTED);
                Thread.currentThread().interrupt();
            } catch (SharedStateException e) {
                // The shared state's database stayed away longer than the worker timeout: what is in
                // flight is abandoned (its URLs go back when the database does), committed records stay.
                failure = e.getMessage();
                stop(StopReason.STATE_FAILED);
            } finally {
                fetchers.close(); // waits for every page job: none outlives the crawl
                scheduler.takeDeferred().forEach(parts.sink()::abandon); // only a stop leaves any
                state.end(stopReason.get() == null);
                if (progress != null) {
                    progress.close();
                }
            }
            CrawlSummary summary = ledger.summary(Duration.ofNanos(System.nanoTime() - started), state.spilled(),
                    labels(guard.refusals()), pacer.slowedHosts());
            StopReason reason = stopReason.get() == null ? StopReason.DRAINED : stopReason.get();
            // After an output failure the counts describe records that were not all written: say only what failed.
            if (config.verbosity() != Verbosity.QUIET && reason != StopReason.OUTPUT_CLOSED
                    && reason != StopReason.OUTPUT_FAILED) {
                stderr.println(SummaryLine.format(summary));
            }
            return new CrawlOutcome(reason, summary, Optional.ofNullable(failure));
        }
    }

    /** Asks the crawl to stop: no new requests, in-flight ones are cancelled, finished records are flushed. Safe from any thread, signal handlers included. */
    public void stop(StopReason reason) {
        if (stopReason.compareAndSet(null, reason)) {
            halt.run();
        }
    }

    /**
     * Reads every seed into the frontier before the crawl starts, so that the scope (the seeds'
     * hosts) is complete before the first link is judged. Reading happens on its own thread so a
     * signal can interrupt a read blocked on a pipe that stays open. Returns the seeds' sites
     * (scheme, host and port), empty when there was no seed.
     */
    private Set<HttpUrl> loadSeeds(Iterator<HttpUrl> seeds, ScopePolicy scope, Frontier frontier) {
        Set<HttpUrl> sites = new LinkedHashSet<>();
        Thread reader = Thread.ofPlatform().name("trawl-seeds").unstarted(() -> {
            while (!Thread.currentThread().isInterrupted() && seeds.hasNext()) {
                HttpUrl seed = seeds.next();
                scope.admitSeed(seed);
                frontier.addSeed(UrlNormalizer.key(seed));
                sites.add(seed.resolve("/"));
            }
        });
        halt = reader::interrupt;
        reader.start();
        if (stopReason.get() != null) {
            reader.interrupt(); // stopped before halt was in place
        }
        joinUninterruptibly(reader);
        return sites;
    }

    private Map<String, String> readSitemaps(Set<HttpUrl> sites, Fetcher fetcher, RobotsCache robots,
            FollowPolicy followPolicy, TrapGuard guard, Frontier frontier) {
        SitemapSeeding seeding = new SitemapSeeding(
                new SitemapOverHttp(fetcher, SitemapLimits.defaults().maxBytesPerFile()), robots, followPolicy, guard,
                frontier, message -> warn(Redactor.redact(message)));
        halt = () -> {
            seeding.cancel();
            fetcher.cancelAll();
        };
        if (stopReason.get() != null) {
            halt.run();
        }
        return seeding.seed(sites);
    }

    /**
     * A crawl state ready to use, or why there is none.
     *
     * @param held where exchanges go when the state commits the archive with its pages; else null
     */
    private record Opened(CrawlState state, HeldRecords held, Early failure) {
        Opened(Early failure) {
            this(null, null, failure);
        }
    }

    /** An outcome decided before the crawl could start. */
    private record Early(StopReason reason, String message) {
        CrawlOutcome withElapsed(CrawlSummary empty) {
            return new CrawlOutcome(reason, empty, Optional.of(message));
        }
    }

    /** @param warcFiles the archive's files, null without --warc: a state file commits them with its pages */
    private Opened openState(Admission admission, WarcFiles warcFiles) {
        if (config.sharedState().isPresent()) {
            return openShared(config.sharedState().get(), admission);
        }
        if (config.state().isEmpty()) {
            try {
                RecordWriter writer = openOutput();
                return new Opened(new EphemeralState(
                        new LocalFrontier(LinkChecks.frontierDepth(config), config.frontierMemory(), admission), writer,
                        config.checkFragments()), null, null);
            } catch (IOException e) {
                return new Opened(new Early(StopReason.OUTPUT_FAILED, outputMessage(e)));
            }
        }
        Path file = config.state().get();
        StateStore store;
        try {
            store = StateStore.open(file);
        } catch (StateLockedException e) {
            return new Opened(new Early(StopReason.STATE_LOCKED, file + " is in use by another trawl"
                    + (e.pid() > 0 ? " (pid " + e.pid() + ")" : "")));
        } catch (StateException e) {
            return new Opened(new Early(StopReason.STATE_FAILED, "cannot use " + file + " as state: " + e.getMessage()));
        }
        try {
            RunStart run = store.beginRun(config.output(), config.recrawlAfter(), environment.clock());
            HeldRecords held = null;
            if (warcFiles != null) {
                try {
                    store.archiveInto(warcFiles);
                } catch (IOException e) {
                    store.close();
                    return new Opened(new Early(StopReason.OUTPUT_FAILED, warcMessage(e)));
                }
                held = new HeldRecords(warcFiles.gzip(), store::archive);
            }
            if (config.output().isPresent()) {
                store.output(config.output().get());
            } else {
                store.output(stdout);
            }
            store.onOutputFailure(this::stateOutputFailed);
            if (run.resumed()) {
                warn("resuming the unfinished crawl in " + file + " (run " + run.run() + ")");
            }
            return new Opened(new DurableState(store, run,
                    store.frontier(LinkChecks.frontierDepth(config), config.frontierMemory(), admission),
                    config.changedOnly(), this::stateOutputFailed), held, null);
        } catch (StateException e) {
            store.close();
            return new Opened(new Early(StopReason.STATE_FAILED, "cannot use " + file + " as state: " + e.getMessage()));
        } catch (IOException e) {
            store.close();
            return new Opened(new Early(StopReason.OUTPUT_FAILED, outputMessage(e)));
        }
    }

    /** Joins the crawl in the database; unreachable or unusable, one line naming it (never a password). */
    private Opened openShared(SharedDatabase database, Admission admission) {
        SharedCrawl shared;
        String output = config.output().map(SharedCrawl::outputKey).orElse(null);
        try {
            shared = SharedCrawl.open(database, sharedSettings(), LinkChecks.frontierDepth(config), admission,
                    LEASED_AHEAD_PER_SLOT * config.concurrency(), config.workerTimeout(), output, config.crawlName(),
                    config.recrawlAfter());
        } catch (SQLException | RuntimeException e) {
            return new Opened(new Early(StopReason.STATE_FAILED, "cannot use PostgreSQL at " + database.shown()
                    + " as state: " + e.getMessage()));
        }
        try {
            RecordWriter writer = openOutput();
            if (output != null) {
                // Started again on its file: the file is written anew from what was committed for it.
                shared.replay(output, line -> {
                    try {
                        writer.writeLine(line);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            return new Opened(new SharedState(shared, writer, config.changedOnly()), null, null);
        } catch (IOException e) {
            shared.close();
            return new Opened(new Early(StopReason.OUTPUT_FAILED, outputMessage(e)));
        } catch (RuntimeException e) {
            shared.close();
            return new Opened(new Early(StopReason.STATE_FAILED, "cannot use PostgreSQL at " + database.shown()
                    + " as state: " + e.getMessage()));
        }
    }

    /** What every worker of a shared crawl must agree on: what is followed and how far. */
    private String sharedSettings() {
        return String.join("\n", whatIsCrawled());
    }

    /** The settings that decide which pages a crawl reaches, as key=value. */
    private List<String> whatIsCrawled() {
        List<String> settings = new ArrayList<>(List.of(
                "max-depth=" + (config.maxDepth().isPresent() ? config.maxDepth().getAsInt() : "inf"),
                "scope=" + config.scope(), "include=" + config.include(), "exclude=" + config.exclude(),
                "ignore-robots=" + config.ignoreRobots(), "follow-nofollow=" + config.followNofollow()));
        if (config.checkLinks()) {
            settings.add("check-links=true"); // only when on: shared crawls begun before it keep their settings
        }
        return settings;
    }

    private ScopePolicy scope(CrawlState state) {
        ScopePolicy scope = new ScopePolicy(config.scope(), state::admitHost);
        state.admittedHosts().forEach(scope::admitHost);
        return scope;
    }

    private void stateOutputFailed(IOException e) {
        if (e instanceof ArchiveWriteException) {
            outputFailed(new RecordWriter.WriteFailure(false, warcMessage(e)));
            return;
        }
        boolean readerGone = config.output().isEmpty() && environment.terminal().stdoutIsPipe();
        outputFailed(new RecordWriter.WriteFailure(readerGone, outputMessage(e)));
    }

    private String outputMessage(IOException e) {
        String where = config.output().map(Object::toString).orElse("stdout");
        return "cannot write output to " + where + ": " + describe(e);
    }

    private void dispatch(Scheduler scheduler, CrawlParts parts, ExecutorService fetchers) throws InterruptedException {
        Task task;
        while ((task = scheduler.next()) != null) {
            PageJob job = new PageJob(parts, task);
            fetchers.execute(job::run);
        }
    }

    private RecordWriter openOutput() throws IOException {
        if (config.output().isPresent()) {
            return RecordWriter.toFile(config.output().get(), this::outputFailed);
        }
        return RecordWriter.toStream(stdout, environment.terminal().stdoutIsPipe(), this::outputFailed);
    }

    private void outputFailed(RecordWriter.WriteFailure writeFailure) {
        if (!writeFailure.readerGone()) {
            failure = writeFailure.message();
        }
        stop(writeFailure.readerGone() ? StopReason.OUTPUT_CLOSED : StopReason.OUTPUT_FAILED);
    }

    private HostPacer newPacer(Ticker ticker) {
        RateLimiter rate = config.rate().isPresent()
                ? RateLimiter.perSecond(config.rate().getAsDouble(), ticker, Sleeper.SYSTEM)
                : RateLimiter.UNLIMITED;
        return new HostPacer(config.perHost(), config.delay(), config.maxCrawlDelay(), config.maxRetryAfter(), rate,
                ticker, environment.clock(), this::warn);
    }

    /** The --warc archive's files: names, size limit, and the warcinfo each begins with. */
    private WarcFiles warcFiles() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("software", "trawl/" + TrawlVersion.current());
        info.put("format", "WARC File Format 1.1");
        info.put("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/");
        info.put("http-header-user-agent", config.userAgent());
        info.put("robots", config.ignoreRobots() ? "ignore" : "obey");
        // The settings that decide what was crawled and how; never the request headers, which may hold a cookie.
        info.put("trawl-options", String.join(" ", whatIsCrawled()) + " concurrency=" + config.concurrency()
                + " per-host=" + config.perHost() + " delay=" + config.delay() + " max-bytes=" + config.maxBytes());
        return new WarcFiles(config.warc().get(), config.warcMaxSize(), info, environment.clock());
    }

    /** The archive written as exchanges end, its first warcinfo written. */
    private WarcArchive openArchive(WarcFiles files) throws IOException {
        // A worker of a shared crawl started again goes on in a new file, keeping what it archived before.
        return WarcArchive.create(files, config.sharedState().isPresent(),
                e -> outputFailed(new RecordWriter.WriteFailure(false, warcMessage(e))));
    }

    private String warcMessage(IOException e) {
        if (e instanceof ArchiveWriteException write) {
            return "cannot write the WARC file " + write.file() + ": " + describe(write.getCause());
        }
        return "cannot write the WARC file " + config.warc().orElseThrow() + ": " + describe(e);
    }

    /** A URL's body in an earlier run, for the archive's identical-payload revisits: the state's last fetch. */
    private static Function<HttpUrl, Optional<EarlierCapture>> earlierCaptures(CrawlState state) {
        return url -> state.previous(UrlNormalizer.key(url))
                .filter(previous -> previous.contentHash() != null || previous.archived() != null)
                .map(previous -> new EarlierCapture(previous.contentHash(), previous.fetchedAt(), previous.archived()));
    }

    /** @param archive where exchanges go; null without --warc */
    private Fetcher newFetcher(RequestGate gate, HostPacer pacer, ScopePolicy scope, Consumer<Exchange> archive,
            Function<HttpUrl, Optional<EarlierCapture>> earlier) {
        RetryPolicy retries = new RetryPolicy(config.retries(), config.retryBackoff(), config.maxRetryAfter(),
                environment.clock(), environment.random());
        RequestListener listener = config.verbosity() == Verbosity.VERBOSE ? new RequestLog(stderr) : RequestListener.NONE;
        // The user's cookie goes only to the seeds' hosts, never to a site the crawl wanders onto.
        RequestHeaders headers = new RequestHeaders(config.request(), scope::onSeedHost);
        // Private addresses only for the seeds' own hosts: a crawl of localhost is meant, a link there is not.
        OkHttpClient client = HttpClientFactory.create(config.timeout(), config.concurrency(), config.request(),
                scope::isSeedHost).newBuilder().eventListener(new SendListener(pacer::sent)).build();
        if (archive != null) {
            client = client.newBuilder()
                    .addNetworkInterceptor(new ExchangeRecorder(archive, config.maxBytes(), environment.clock(), earlier))
                    .build();
        }
        return new Fetcher(client, config.userAgent(), headers, retries, environment.sleeper(), listener, gate);
    }

    private void warn(String message) {
        if (config.verbosity() != Verbosity.QUIET) {
            stderr.println("trawl: " + message);
        }
    }

    private void notFollowing(String url, TrapReason reason) {
        if (config.verbosity() == Verbosity.VERBOSE) {
            stderr.println("trawl: not following " + Redactor.redact(url) + ": " + reason.label());
        }
    }

    private static Map<String, Long> labels(Map<TrapReason, Long> refusals) {
        Map<String, Long> labelled = new LinkedHashMap<>();
        refusals.forEach((reason, count) -> labelled.put(reason.label(), count));
        return labelled;
    }

    private boolean showProgress() {
        return environment.terminal().stderrIsTerminal() && config.verbosity() == Verbosity.NORMAL;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                thread.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static CrawlSummary emptySummary(long started) {
        return new CrawlSummary(0, 0, Map.of(), 0, Duration.ofNanos(System.nanoTime() - started), 0);
    }

    private static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException missing -> "no such file or directory";
            case AccessDeniedException denied -> "permission denied";
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
