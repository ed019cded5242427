package dev.trawl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The shared crawl's benchmark (issue 12): 1, 2 and 4 trawl processes sharing one crawl through
 * PostgreSQL, against the lab's synthetic site at 50 ms latency, on this one machine; their pages/s
 * and what each page costs the database (its CPU, its transactions). Run from the repository root
 * after the build, with the test dependencies on the class path (TestPostgres's PostgreSQL):
 * {@code target/java -cp target/test-classes:target/trawl.jar:$(cat target/test-classpath.txt)
 * dev.trawl.bench.SharedCrawlBench --help}.
 */
public final class SharedCrawlBench {
    private static final String HELP = """
            Usage: target/java -cp target/test-classes:target/trawl.jar:$(cat target/test-classpath.txt) \\
                     dev.trawl.bench.SharedCrawlBench [options]
            Run from the repository root after
              ./mvnw -B -q package -DskipTests
              ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt

            Serves the shared lab's synthetic site (site_server.go's graph and pages, seed 42) in-process
            at a fixed latency, and crawls it with 1, 2 and 4 trawl processes sharing one crawl through
            PostgreSQL, each `target/trawl -q --delay=0 --max-depth=100 -c C --per-host=P --state URL
            -o FILE SEED`, all started at once, on a fresh database each run. The counts alternate
            within a round (1 2 4, then 4 2 1) so that the machine's load falls on all alike. Every run
            must end with each page fetched once and recorded once in the workers' files together,
            every worker exiting 0, or the benchmark exits 1 (2 on a usage error).

            Per run, and as medians per worker count: wall time (first start to last exit; start-up,
            span and end at the site), pages/s, speed-up over the first count, the ideal crawl's time at
            that concurrency (zero CPU), the workers' CPU (/usr/bin/time around each), PostgreSQL's CPU
            (/proc: the postmaster, its reaped children and its live ones), its transactions and
            deadlocks (pg_stat_database), its backends waiting for locks (pg_stat_activity, sampled every
            100 ms), the site's CPU (this JVM's), and how busy the cores were, with ours and with every
            process's work; then, per count, what bounds it.

              --pages N          pages on the synthetic site                        (default 5000)
              --latency D        slept before every response: 0, 50ms, 1.5s       (default 50ms)
              --workers LIST     worker counts, comma-separated                     (default 1,2,4)
              --runs R           rounds, each running every count once              (default 2)
              -c, --concurrency C  each worker's -c                                 (default 64)
              --per-host P       each worker's --per-host, which holds for all workers together:
                                 the default C x the most workers (256 by default) never caps
              --database URL     an existing PostgreSQL instead of the tests' own (zonky's 14, fsync
                                 off), e.g. jdbc:postgresql://127.0.0.1:5432/crawl?user=trawl, the
                                 password in PGPASSWORD or the URL; its role needs CREATEDB (a database
                                 trawl_bench_R_wN is made for each run and dropped after it). Its CPU is
                                 measured when it runs on this machine
              --port PORT        crawl an already running site_server on 127.0.0.1:PORT (admin
                                 PORT+1), started with -n PAGES -k 10 -seed 42 and the latency
              --timeout D        a run taking longer is killed and fails           (default 300s)
              --keep             keep the runs' files (outputs, stderr, times); kept anyway on failure
              -h, --help         this help
            """;
    private static final PrintStream OUT = System.out;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TIME = Path.of("/usr/bin/time");
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private SharedCrawlBench() {
    }

    /** The command line. */
    static final class Options {
        int pages = 5000;
        Duration latency = Duration.ofMillis(50);
        List<Integer> workers = List.of(1, 2, 4);
        int runs = 2;
        int concurrency = 64;
        int perHost; // 0: C x the most workers
        String database;
        int port;
        Duration timeout = Duration.ofSeconds(300);
        boolean keep;
        boolean help;

        static Options parse(String... args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    o.help = true;
                    continue;
                }
                if (a.equals("--keep")) {
                    o.keep = true;
                    continue;
                }
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : null;
                if (value == null) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                switch (name) {
                    case "--pages" -> o.pages = positive(name, value);
                    case "--latency" -> o.latency = CrawlBenchOptions.duration(name, value);
                    case "--workers" -> o.workers = Stream.of(value.split(",")).map(w -> positive(name, w.trim())).toList();
                    case "--runs" -> o.runs = positive(name, value);
                    case "-c", "--concurrency" -> o.concurrency = positive(name, value);
                    case "--per-host" -> o.perHost = positive(name, value);
                    case "--database" -> o.database = value;
                    case "--port" -> o.port = positive(name, value);
                    case "--timeout" -> o.timeout = CrawlBenchOptions.duration(name, value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (o.database != null && !o.database.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("--database takes jdbc:postgresql://HOST[:PORT]/DB?user=NAME, not "
                        + o.database);
            }
            if (o.perHost == 0) {
                o.perHost = o.concurrency * o.workers.stream().max(Integer::compare).orElseThrow();
            }
            return o;
        }

        private static int positive(String name, String value) {
            try {
                int v = Integer.parseInt(value);
                if (v >= 1) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " needs a whole number of at least 1, not " + value);
        }
    }

    /** One run: the workers, what they did and what it cost. */
    record Run(int round, int workers, long wallNanos, long startupNanos, long spanNanos, int[] recordsPerWorker,
            double trawlCpuSeconds, long pgCpuNanos, long transactions, long deadlocks, BenchPostgres.Activity activity,
            long siteCpuNanos, double machineBusy, List<String> faults) {
        int pages() {
            return Arrays.stream(recordsPerWorker).sum();
        }

        double wallSeconds() {
            return wallNanos / 1e9;
        }

        /** From the first worker's start to the site's first request: the JVMs' start, joining the crawl. */
        double startupSeconds() {
            return startupNanos < 0 ? Double.NaN : startupNanos / 1e9;
        }

        /** From the site's first request to its last response. */
        double spanSeconds() {
            return spanNanos < 0 ? Double.NaN : spanNanos / 1e9;
        }

        /** From the last response to the last worker's exit: the crawl's end, seen by every worker. */
        double endSeconds() {
            return wallSeconds() - startupSeconds() - spanSeconds();
        }

        double pagesPerSecond() {
            return pages() / wallSeconds();
        }

        double pgCpuSeconds() {
            return pgCpuNanos < 0 ? Double.NaN : pgCpuNanos / 1e9;
        }

        double siteCpuSeconds() {
            return siteCpuNanos < 0 ? Double.NaN : siteCpuNanos / 1e9;
        }

        /** The share of the machine's cores that the workers, the database and the site used, over the wall time. */
        double coresBusy() {
            return (trawlCpuSeconds + pgCpuSeconds() + siteCpuSeconds()) / (wallSeconds() * CORES);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SharedCrawlBench: " + e.getMessage() + " (--help lists the options)");
            System.exit(2);
            return;
        }
        if (o.help) {
            OUT.print(HELP);
            return;
        }
        if (!Files.isExecutable(Path.of("target/trawl"))) {
            System.err.println("SharedCrawlBench: target/trawl not found: run from the repository root after"
                    + " ./mvnw -B -q package -DskipTests");
            System.exit(2);
        }
        try {
            System.exit(run(o));
        } catch (SQLException e) {
            // The database could not be set up or read: one line, not a stack trace.
            System.err.println("SharedCrawlBench: PostgreSQL: " + e.getMessage());
            System.exit(1);
        }
    }

    private static int run(Options o) throws Exception {
        SiteGraph graph = new SiteGraph(o.pages, 10, SiteGraph.DEFAULT_PAGE_SIZE, SiteGraph.DEFAULT_SEED);
        Path root = Files.createTempDirectory("trawl-shared-bench-");
        List<Run> runs = new ArrayList<>();
        try (Site site = openSite(o, graph); BenchPostgres pg = openPostgres(o)) {
            printHeader(o, site, pg);
            for (int round = 1; round <= o.runs; round++) {
                for (int workers : roundOrder(o.workers, round)) {
                    Run run = runOnce(o, site, pg, round, workers, root.resolve("r" + round + "-w" + workers));
                    runs.add(run);
                    printRun(run);
                }
            }
        }
        OUT.println();
        printTable(o, graph, runs);
        OUT.println();
        printScaling(o, graph, runs);
        boolean exact = runs.stream().allMatch(r -> r.faults().isEmpty());
        OUT.println();
        if (!exact) {
            OUT.println("NOT EXACT: see the runs above; their files are in " + root);
            return 1;
        }
        OUT.printf(Locale.ROOT, "EXACT: in every run each of the %d pages got one GET and is in exactly one worker's"
                + " file, status 200; every worker exited 0%n", o.pages);
        if (o.keep) {
            OUT.println("runs kept in " + root);
        } else {
            deleteTree(root);
        }
        return 0;
    }

    /** 1 2 4 in odd rounds, 4 2 1 in even ones: a load that rises or falls during the bench weighs on each count alike. */
    static List<Integer> roundOrder(List<Integer> workers, int round) {
        return round % 2 == 1 ? workers : workers.reversed();
    }

    private static Site openSite(Options o, SiteGraph graph) throws IOException {
        if (o.port > 0) {
            return new ExternalSite(o.port, o.pages);
        }
        SiteServer server = new SiteServer(graph, o.latency);
        server.warmUp();
        return server;
    }

    private static BenchPostgres openPostgres(Options o) throws SQLException {
        return o.database == null ? BenchPostgres.embedded() : BenchPostgres.existing(o.database);
    }

    private static void printHeader(Options o, Site site, BenchPostgres pg) throws SQLException, IOException {
        OUT.printf(Locale.ROOT, "trawl shared-crawl benchmark: %d pages, 10 links/page, latency %s, workers %s, %d round%s%n",
                o.pages, o.latency.toMillis() + " ms" + (o.port > 0 ? " (the external server's must be the same)" : ""),
                o.workers, o.runs,
                o.runs == 1 ? "" : "s");
        OUT.println("site: " + site.describe() + "; site_server.go's graph and pages, seed 42");
        OUT.println("database: " + pg.describe());
        OUT.println("each worker: " + String.join(" ", workerCommand(o, "URL", Path.of("FILE"), site.startUrl())));
        OUT.printf(Locale.ROOT, "workers' CPU: %s; %d cores; load average %s%n", Files.isExecutable(TIME)
                ? "/usr/bin/time -f '%U %S' around each" : "n/a (no /usr/bin/time: apt-get install time)", CORES,
                loadAverage());
        OUT.println();
    }

    /**
     * A fresh database; the workers started at once and waited for; then, once their backends have
     * gone, the database's CPU and transactions, and the check of their files.
     */
    private static Run runOnce(Options o, Site site, BenchPostgres pg, int round, int workers, Path dir)
            throws Exception {
        Files.createDirectories(dir);
        String database = pg.createDatabase("trawl_bench_" + round + "_w" + workers);
        try {
            site.reset();
            BenchPostgres.Stats stats0 = pg.stats(database);
            long pgCpu0 = pg.cpuNanos();
            long siteCpu0 = site.cpuNanos();
            long[] machine0 = machineTicks();
            List<String> faults = new ArrayList<>();

            long clock0 = site.clockNanos();
            long wall;
            BenchPostgres.Activity activity;
            try (BenchPostgres.ActivitySampler sampler = pg.sampleActivity(database)) {
                long t0 = System.nanoTime();
                List<Process> processes = new ArrayList<>();
                for (int i = 1; i <= workers; i++) {
                    processes.add(startWorker(o, pg, pg.stateUrl(database), site.startUrl(), dir, i));
                }
                awaitAll(processes, t0 + o.timeout.toNanos(), faults);
                wall = System.nanoTime() - t0;
                activity = sampler.stop();
            }

            long siteCpu1 = site.cpuNanos();
            long[] machine1 = machineTicks();
            Site.Counts counts = site.counts();
            pg.awaitNoBackends(database, TimeUnit.SECONDS.toNanos(30));
            Thread.sleep(100); // a backend gone from pg_stat_activity may not yet be reaped by the postmaster
            long pgCpu1 = pg.cpuNanos();
            BenchPostgres.Stats stats = pg.settledStats(database).minus(stats0);

            int[] records = checkOutputs(dir, workers, site.startUrl(), o.pages, faults);
            if (counts.missing() > 0) {
                faults.add(counts.missing() + " pages never requested");
            }
            if (counts.duplicates() > 0) {
                faults.add(counts.duplicates() + " duplicate GETs");
            }
            long startup = counts.firstNs() == 0 ? -1 : counts.firstNs() - clock0;
            long span = counts.firstNs() == 0 ? -1 : counts.lastNs() - counts.firstNs();
            return new Run(round, workers, wall, startup, span, records, trawlCpu(dir, workers),
                    pgCpu0 < 0 || pgCpu1 < 0 ? -1 : pgCpu1 - pgCpu0, stats.transactions(), stats.deadlocks(), activity,
                    siteCpu0 < 0 || siteCpu1 < 0 ? -1 : siteCpu1 - siteCpu0, busy(machine0, machine1), faults);
        } finally {
            pg.dropDatabase(database);
        }
    }

    static List<String> workerCommand(Options o, String state, Path output, String seed) {
        return List.of("target/trawl", "-q", "--delay=0", "--max-depth=100", "-c", Integer.toString(o.concurrency),
                "--per-host=" + o.perHost, "--state", state, "-o", output.toString(), seed);
    }

    /** Worker i, under /usr/bin/time when there is one: its CPU, children included, counted when it is reaped. */
    private static Process startWorker(Options o, BenchPostgres pg, String state, String seed, Path dir, int i)
            throws IOException {
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(TIME)) {
            argv.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", dir.resolve("time-" + i + ".txt").toString()));
        }
        argv.addAll(workerCommand(o, state, dir.resolve("out-" + i + ".jsonl"), seed));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectOutput(dir.resolve("stdout-" + i + ".txt").toFile())
                .redirectError(dir.resolve("stderr-" + i + ".txt").toFile());
        // The launcher runs the java of TRAWL_JAVA when set: make it this one, which is 21+.
        pb.environment().put("TRAWL_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().putAll(pg.workerEnvironment());
        return pb.start();
    }

    /** Waits for every worker until the deadline; kills what is left then. Each exit but 0 is a fault. */
    private static void awaitAll(List<Process> processes, long deadline, List<String> faults) throws InterruptedException {
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                faults.add("worker " + (i + 1) + " timed out");
            } else if (p.exitValue() != 0) {
                faults.add("worker " + (i + 1) + " exited " + p.exitValue());
            }
        }
    }

    /** The workers' user + system CPU seconds, from /usr/bin/time's files; NaN when any is missing. */
    private static double trawlCpu(Path dir, int workers) throws IOException {
        double total = 0;
        for (int i = 1; i <= workers; i++) {
            Path file = dir.resolve("time-" + i + ".txt");
            if (!Files.exists(file)) {
                return Double.NaN;
            }
            // "%U %S" is the last line; one before it may say "Command exited with non-zero status N".
            List<String> lines = Files.readAllLines(file);
            String[] f = lines.isEmpty() ? new String[0] : lines.getLast().trim().split("\\s+");
            if (f.length != 2) {
                return Double.NaN;
            }
            total += Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
        }
        return total;
    }

    /**
     * The workers' files together must hold each page of the site exactly once, status 200, and
     * nothing else. Returns each worker's record count; what is wrong goes to the faults.
     */
    static int[] checkOutputs(Path dir, int workers, String startUrl, int pages, List<String> faults) throws IOException {
        String origin = startUrl.substring(0, startUrl.indexOf("/p/0.html"));
        Map<String, Integer> seen = new HashMap<>();
        int[] records = new int[workers];
        int notOk = 0;
        String firstError = null;
        int unreadable = 0;
        for (int i = 1; i <= workers; i++) {
            Path file = dir.resolve("out-" + i + ".jsonl");
            if (!Files.exists(file)) {
                continue;
            }
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    JsonNode record;
                    try {
                        record = JSON.readTree(line);
                    } catch (IOException e) {
                        unreadable++;
                        continue;
                    }
                    records[i - 1]++;
                    seen.merge(record.path("url").asText(), 1, Integer::sum);
                    if (record.path("status").asInt() != 200) {
                        notOk++;
                        firstError = firstError != null ? firstError : firstLine(record.path("error").path("message").asText());
                    }
                }
            }
        }
        int missing = 0;
        int twice = 0;
        for (int p = 0; p < pages; p++) {
            Integer n = seen.remove(origin + "/p/" + p + ".html");
            missing += n == null ? 1 : 0;
            twice += n != null && n > 1 ? 1 : 0;
        }
        fault(faults, missing > 0, missing + " pages in no file");
        fault(faults, twice > 0, twice + " pages in more than one record");
        fault(faults, !seen.isEmpty(), seen.size() + " URLs recorded that are not pages of the site");
        fault(faults, notOk > 0, notOk + " records not status 200, the first: " + firstError);
        fault(faults, unreadable > 0, unreadable + " unreadable lines");
        return records;
    }

    /** An error message's first line, short enough for a run's line. */
    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("");
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }

    private static void fault(List<String> faults, boolean when, String what) {
        if (when) {
            faults.add(what);
        }
    }

    private static void printRun(Run r) {
        OUT.printf(Locale.ROOT, "round %d, %d worker%s: wall %.2f s (start-up %s + span %s + end %s), %d pages (%s),"
                + " %.0f pages/s; CPU s: trawl %.2f, PostgreSQL %s, site %s; the machine %s busy; %,d transactions (%.2f"
                + " a page), %d deadlocks; the database's backends in a statement %.1f on average, %.1f of them waiting"
                + " for a lock (%.1f in a host's turn, %.1f in a page's completion); load %s: %s%n",
                r.round(), r.workers(), r.workers() == 1 ? "" : "s", r.wallSeconds(), format("%.2f", r.startupSeconds()),
                format("%.2f", r.spanSeconds()), format("%.2f", r.endSeconds()), r.pages(),
                Arrays.stream(r.recordsPerWorker()).mapToObj(Integer::toString).reduce((a, b) -> a + " + " + b).orElse(""),
                r.pagesPerSecond(), r.trawlCpuSeconds(), format("%.2f", r.pgCpuSeconds()),
                format("%.2f", r.siteCpuSeconds()), format("%.0f%%", r.machineBusy() * 100), r.transactions(),
                (double) r.transactions() / r.pages(), r.deadlocks(), r.activity().active(), r.activity().onLock(),
                r.activity().turnsOnLock(), r.activity().completionsOnLock(), loadAverage(),
                r.faults().isEmpty() ? "EXACT" : "NOT EXACT (" + String.join(", ", r.faults()) + ")");
    }

    /** Medians over the rounds, one row per worker count. */
    private static void printTable(Options o, SiteGraph graph, List<Run> runs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"workers", "wall s", "span s", "pages/s", "speed-up", "ideal s", "trawl CPU s",
            "PG CPU s", "PG CPU ms/page", "xact/page", "deadlocks", "site CPU s", "ours busy", "machine busy"});
        double base = median(runsOf(runs, o.workers.getFirst()), Run::pagesPerSecond);
        for (int w : o.workers) {
            List<Run> of = runsOf(runs, w);
            double pps = median(of, Run::pagesPerSecond);
            rows.add(new String[] {
                Integer.toString(w),
                format("%.2f", median(of, Run::wallSeconds)),
                format("%.2f", median(of, Run::spanSeconds)),
                format("%.0f", pps),
                format("%.2f", pps / base),
                format("%.2f", ideal(o, graph, w).seconds()),
                format("%.2f", median(of, Run::trawlCpuSeconds)),
                format("%.2f", median(of, Run::pgCpuSeconds)),
                format("%.3f", median(of, r -> r.pgCpuSeconds() * 1000 / r.pages())),
                format("%.2f", median(of, r -> (double) r.transactions() / r.pages())),
                format("%.0f", median(of, r -> r.deadlocks())),
                format("%.2f", median(of, Run::siteCpuSeconds)),
                format("%.0f%%", median(of, r -> r.coresBusy() * 100)),
                format("%.0f%%", median(of, r -> r.machineBusy() * 100))});
        }
        OUT.printf(Locale.ROOT, "medians of %d round%s (speed-up: pages/s over those of %d worker%s; ideal: %s):%n", o.runs,
                o.runs == 1 ? "" : "s", o.workers.getFirst(), o.workers.getFirst() == 1 ? "" : "s",
                "C x workers requests in flight, capped by --per-host, each taking the latency, zero CPU, breadth-first;"
                + " busy: the share of the cores used by trawl, PostgreSQL and the site, and by every process");
        int[] width = new int[rows.getFirst().length];
        rows.forEach(row -> {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == 0 ? "" : "  ").append(" ".repeat(width[c] - row[c].length())).append(row[c]);
            }
            OUT.println(line);
        }
    }

    /**
     * Where it stops scaling: each count's gain over the one before beside the ideal's gain, where the
     * wall time went, and how busy the cores were. Cores nearly full (85% or more) mean more workers on
     * this machine only share them; cores idle and a span well above the ideal mean the crawl waits on
     * something other than the site's latency.
     */
    private static void printScaling(Options o, SiteGraph graph, List<Run> runs) {
        int inFlight = Math.min(o.concurrency, o.perHost);
        OUT.printf(Locale.ROOT, "lower bound at %d worker%s: %d pages x %d ms / %d in flight = %.2f s (the breadth-first"
                + " ideal adds the ramp down the link graph's depth)%n", o.workers.getFirst(),
                o.workers.getFirst() == 1 ? "" : "s", o.pages, o.latency.toMillis(), inFlight * o.workers.getFirst(),
                o.pages * o.latency.toNanos() / 1e9 / Math.min(inFlight * o.workers.getFirst(), o.perHost));
        for (int k = 0; k < o.workers.size(); k++) {
            int w = o.workers.get(k);
            List<Run> of = runsOf(runs, w);
            double ideal = ideal(o, graph, w).seconds();
            String gain = "";
            if (k > 0) {
                int before = o.workers.get(k - 1);
                gain = String.format(Locale.ROOT, "%.2f x the pages/s of %d (ideal %.2f x); ",
                        median(of, Run::pagesPerSecond) / median(runsOf(runs, before), Run::pagesPerSecond), before,
                        ideal(o, graph, before).seconds() / ideal);
            }
            double busy = median(of, Run::machineBusy);
            double spanToIdeal = median(of, Run::spanSeconds) / ideal;
            OUT.printf(Locale.ROOT, "%d worker%s: %swall = start-up %s + span %s (%s x the ideal %.2f s) + end %s s; the %d"
                    + " cores %s busy, trawl %s, PostgreSQL %s, the site %s, other processes %s; %s deadlocks; backends"
                    + " waiting for a lock %s of %s in a statement: %s%n",
                    w, w == 1 ? "" : "s", gain, format("%.2f", median(of, Run::startupSeconds)),
                    format("%.2f", median(of, Run::spanSeconds)), format("%.1f", spanToIdeal), ideal,
                    format("%.2f", median(of, Run::endSeconds)), CORES, format("%.0f%%", busy * 100),
                    share(of, Run::trawlCpuSeconds), share(of, Run::pgCpuSeconds), share(of, Run::siteCpuSeconds),
                    format("%.0f%%", median(of, r -> (r.machineBusy() - r.coresBusy()) * 100)),
                    format("%.0f", median(of, r -> r.deadlocks())), format("%.1f", median(of, r -> r.activity().onLock())),
                    format("%.1f", median(of, r -> r.activity().active())), verdict(of, spanToIdeal));
        }
    }

    /**
     * What bounds the runs of one count, from the medians: the cores (full or not, and whose work
     * filled them), the site's latency (a span near the ideal), the database's locks (most of its
     * backends in a statement waiting for one).
     */
    private static String verdict(List<Run> runs, double spanToIdeal) {
        double machine = median(runs, Run::machineBusy);
        double others = median(runs, r -> r.machineBusy() - r.coresBusy());
        double active = median(runs, r -> r.activity().active());
        double onLock = median(runs, r -> r.activity().onLock());
        List<String> findings = new ArrayList<>();
        if (Double.isNaN(machine)) {
            findings.add("the cores' use is unknown");
        } else if (machine >= 0.85) {
            findings.add("CPU-bound (the cores were full)");
        } else {
            findings.add(String.format(Locale.ROOT, "not CPU-bound (%.0f%% of the cores idle)", (1 - machine) * 100));
        }
        if (others >= 0.25) {
            findings.add(String.format(Locale.ROOT, "other processes took %.0f%% of the cores: a loaded machine,"
                    + " rerun on a quiet one", others * 100));
        }
        if (active >= 0.5 && onLock >= active / 2) {
            findings.add("the database's busy backends mostly wait for locks");
        }
        if (spanToIdeal <= 1.25) {
            findings.add("latency-bound (the span is near the ideal)");
        }
        return String.join("; ", findings);
    }

    /** The median share of the cores that one party used. */
    private static String share(List<Run> runs, ToDoubleFunction<Run> cpuSeconds) {
        return format("%.0f%%", median(runs, r -> cpuSeconds.applyAsDouble(r) / (r.wallSeconds() * CORES) * 100));
    }

    private static IdealCrawl.Result ideal(Options o, SiteGraph graph, int workers) {
        return IdealCrawl.crawl(graph, Math.min(o.concurrency * workers, o.perHost), o.latency.toNanos());
    }

    private static List<Run> runsOf(List<Run> runs, int workers) {
        return runs.stream().filter(r -> r.workers() == workers).toList();
    }

    static double median(List<Run> runs, ToDoubleFunction<Run> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String format(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    /** The machine's busy and total CPU ticks so far, all processes and cores (/proc/stat); null when unknown. */
    private static long[] machineTicks() {
        try {
            // cpu  user nice system idle iowait irq softirq steal ...
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total - Long.parseLong(f[4]) - Long.parseLong(f[5]), total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double busy(long[] before, long[] after) {
        return before == null || after == null || after[1] == before[1] ? Double.NaN
                : (double) (after[0] - before[0]) / (after[1] - before[1]);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
