package dev.trawl.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * trawl's crawl benchmark: serves the lab's synthetic site in-process, runs the crawler on it as
 * a child process a few times, checks that every page was fetched exactly once, and compares the
 * crawl with an ideal crawler's. Run from the repository root after the build:
 * {@code java -cp target/test-classes:target/trawl.jar dev.trawl.bench.CrawlBench --help}.
 */
public final class CrawlBench {
    private static final String HELP = """
            Usage: java -cp target/test-classes:target/trawl.jar dev.trawl.bench.CrawlBench [options]
            Run from the repository root after ./mvnw -B -q package -DskipTests.

            Crawls the shared lab's synthetic site (site_server.go's link graph and pages, seed 42),
            served in-process on 127.0.0.1, checks every page was fetched exactly once, and compares
            the crawl with an ideal crawler. Exits 1 when a run is not exact, 2 on a usage error.

              --pages N          pages on the site                              (default 5000)
              --links K          links per page                                 (default 10)
              --page-size BYTES  mean page size; 6144 = site_server.go's 4-8 KB (default 6144)
              --seed S           the site's PRNG seed                           (default 42)
              --latency D        slept before every response: 0, 50ms, 1.5s   (default 0)
              --concurrency C    the crawler's -c and --per-host, the ideal's cap (default 64)
              --runs R           repetitions; the table shows each and the median (default 3)
              --command 'T'      the crawler command; {url} {port} {conc} {out} are substituted,
                                 {out} is the JSON Lines file it must write, a leading `java` is
                                 this JVM's java (default: %s)
              --server external:PORT
                                 crawl an already running site_server (admin port PORT+1), started
                                 with the same -n, -k and -seed, instead of the in-process site
              --timeout D        a run taking longer is killed and not exact    (default 600s)
              --keep             keep the runs' directories (output, stderr, time); kept anyway
                                 when a run is not exact
              -h, --help         this help
            """.formatted(CrawlRun.DEFAULT_COMMAND);

    private static final PrintStream OUT = System.out;

    private CrawlBench() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("CrawlBench: " + e.getMessage() + " (--help lists the options)");
            System.exit(2);
            return;
        }
        if (o.help) {
            OUT.print(HELP);
            return;
        }
        if (o.command.startsWith("target/trawl") && !Files.exists(Path.of("target/trawl"))) {
            System.err.println("CrawlBench: target/trawl not found: run from the repository root after"
                    + " ./mvnw -B -q package -DskipTests");
            System.exit(2);
        }
        System.exit(run(o));
    }

    private static int run(Options o) throws IOException, InterruptedException {
        SiteGraph graph = new SiteGraph(o.pages, o.links, o.pageSize, o.seed);
        long latency = o.latency.toNanos();
        IdealCrawl.Result ideal = latency > 0 ? IdealCrawl.crawl(graph, o.concurrency, latency) : null;
        Path root = Files.createTempDirectory("trawl-bench-");
        List<CrawlRun.Result> results = new ArrayList<>();
        try (Site site = o.externalPort > 0 ? new ExternalSite(o.externalPort, o.pages) : new SiteServer(graph, o.latency)) {
            if (site instanceof SiteServer s) {
                s.warmUp();
            }
            OUT.printf(Locale.ROOT, "trawl crawl benchmark: %d pages, %d links/page, latency %s, concurrency %d, %d run%s%n",
                    o.pages, o.links, ms(latency), o.concurrency, o.runs, o.runs == 1 ? "" : "s");
            OUT.printf(Locale.ROOT, "site: %s; site_server.go's graph and pages, seed %d, page size ~%d B%n",
                    site.describe(), o.seed, o.pageSize);
            OUT.println("command: " + String.join(" ", CrawlRun.command(o.command, java.util.Map.of())));
            OUT.println(ideal == null
                    ? "ideal: n/a (latency 0: an ideal crawler with zero CPU cost would take no time)"
                    : String.format(Locale.ROOT, "ideal: %.3f s, %.0f pages/s (C=%d, L=%s, zero CPU, breadth-first"
                            + " in discovery order on this graph)", ideal.seconds(), ideal.pagesPerSecond(),
                            o.concurrency, ms(latency)));
            OUT.println();
            for (int r = 1; r <= o.runs; r++) {
                CrawlRun.Result res = CrawlRun.run(r, site, o.command, o.concurrency, root.resolve("r" + r), o.timeout);
                results.add(res);
                printRun(res, o.runs);
            }
        }
        OUT.println();
        printTable(results);
        OUT.println();
        double span = median(results, CrawlBench::spanSeconds);
        if (ideal != null && Double.isFinite(span)) {
            double ratio = span / ideal.seconds();
            OUT.printf(Locale.ROOT, "vs ideal: median crawl span %.3f s = %.2f x ideal %.3f s: within %.0f%% of ideal"
                    + " (the span includes the crawler's robots.txt request, if any: one latency more)%n",
                    span, ratio, ideal.seconds(), (ratio - 1) * 100);
        }
        boolean exact = results.stream().allMatch(CrawlRun.Result::exact);
        if (exact) {
            OUT.printf("EXACT: in every run each of the %d pages got exactly one GET, and the output holds"
                    + " exactly %d records, all status 200%n", o.pages, o.pages);
        } else {
            OUT.println("NOT EXACT: see the runs above; their files are in " + root);
        }
        if (exact && !o.keep) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } else if (exact) {
            OUT.println("runs kept in " + root);
        }
        return exact ? 0 : 1;
    }

    private static void printRun(CrawlRun.Result r, int runs) throws IOException {
        Site.Counts c = r.counts();
        OUT.printf(Locale.ROOT, "run %d/%d: %s, pages fetched %d/%d, missing %d, duplicate GETs %d, other requests %d,"
                        + " robots.txt %d; records %d, status 200 %d, distinct URLs %d%s: %s%n",
                r.run(), runs, r.timedOut() ? "TIMED OUT" : "exit " + r.exitCode(), c.fetched(), c.pageGets().length,
                c.missing(), c.duplicates(), c.other(), c.robots(), r.records(), r.ok200(), r.distinctUrls(),
                r.badLines() > 0 ? ", unreadable lines " + r.badLines() : "", r.exact() ? "EXACT" : "NOT EXACT");
        if (r.exitCode() != 0 || r.timedOut()) {
            Path err = r.dir().resolve("stderr.txt");
            List<String> lines = Files.exists(err) ? Files.readAllLines(err) : List.of();
            lines.subList(Math.max(0, lines.size() - 5), lines.size()).forEach(l -> OUT.println("  stderr: " + l));
        }
    }

    private record Column(String name, String format, ToDoubleFunction<CrawlRun.Result> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("pages/s (span)", "%.0f", r -> r.counts().fetched() / spanSeconds(r)),
            new Column("pages/s (wall)", "%.0f", r -> r.counts().fetched() / (r.wallNanos() / 1e9)),
            new Column("crawl span s", "%.3f", CrawlBench::spanSeconds),
            new Column("start-up s", "%.3f", r -> r.startupNanos() < 0 ? Double.NaN : r.startupNanos() / 1e9),
            new Column("wall s", "%.3f", r -> r.wallNanos() / 1e9),
            new Column("CPU s", "%.2f", CrawlRun.Result::cpuSeconds),
            new Column("CPU s/1k pages", "%.3f", r -> r.cpuSeconds() * 1000 / r.counts().fetched()),
            new Column("peak RSS MB", "%.0f", r -> r.peakRssKb() < 0 ? Double.NaN : r.peakRssKb() / 1024.0),
            new Column("p50 ms", "%.0f", CrawlRun.Result::p50Ms),
            new Column("p99 ms", "%.0f", CrawlRun.Result::p99Ms),
            new Column("server CPU s", "%.2f", r -> r.serverCpuNanos() < 0 ? Double.NaN : r.serverCpuNanos() / 1e9));

    private static double spanSeconds(CrawlRun.Result r) {
        return r.spanNanos() < 0 ? Double.NaN : r.spanNanos() / 1e9;
    }

    private static void printTable(List<CrawlRun.Result> results) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("run"));
        COLUMNS.forEach(c -> header.add(c.name()));
        header.add("exact");
        rows.add(header);
        for (CrawlRun.Result r : results) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(r.run())));
            COLUMNS.forEach(c -> row.add(format(c.format(), c.value().applyAsDouble(r))));
            row.add(r.exact() ? "yes" : "NO");
            rows.add(row);
        }
        List<String> median = new ArrayList<>(List.of("median"));
        COLUMNS.forEach(c -> median.add(format(c.format(), median(results, c.value()))));
        median.add(results.stream().filter(CrawlRun.Result::exact).count() + "/" + results.size());
        rows.add(median);

        int[] width = new int[header.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        });
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < width.length; i++) {
                String cell = rows.get(r).get(i);
                line.append(' ').append(i == 0 ? pad(cell, width[i], false) : pad(cell, width[i], true)).append(" |");
            }
            OUT.println(line);
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : width) {
                    rule.append("-".repeat(w + 2)).append('|');
                }
                OUT.println(rule);
            }
        }
        if (results.stream().anyMatch(CrawlRun.Result::sampled)) {
            OUT.println("(CPU s and peak RSS sampled from /proc every 20 ms: /usr/bin/time was not found)");
        }
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    private static String format(String format, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }

    private static double median(List<CrawlRun.Result> results, ToDoubleFunction<CrawlRun.Result> f) {
        double[] v = results.stream().mapToDouble(f).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%s ms", nanos % 1_000_000 == 0 ? Long.toString(nanos / 1_000_000)
                : String.format(Locale.ROOT, "%.3f", nanos / 1e6));
    }

    /** The command line; every option takes "--name value" or "--name=value". */
    static final class Options {
        int pages = 5000;
        int links = 10;
        int pageSize = SiteGraph.DEFAULT_PAGE_SIZE;
        long seed = SiteGraph.DEFAULT_SEED;
        Duration latency = Duration.ZERO;
        int concurrency = 64;
        int runs = 3;
        String command = CrawlRun.DEFAULT_COMMAND;
        int externalPort;
        Duration timeout = Duration.ofSeconds(600);
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
                String value;
                if (a.contains("=")) {
                    value = a.substring(a.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                switch (name) {
                    case "--pages" -> o.pages = positive(name, value);
                    case "--links" -> o.links = atLeast(name, value, 2);
                    case "--page-size" -> o.pageSize = atLeast(name, value, 256);
                    case "--seed" -> o.seed = Long.parseLong(value);
                    case "--latency" -> o.latency = duration(name, value);
                    case "--concurrency", "-c" -> o.concurrency = positive(name, value);
                    case "--runs" -> o.runs = positive(name, value);
                    case "--command" -> o.command = value;
                    case "--timeout" -> o.timeout = duration(name, value);
                    case "--server" -> {
                        if (!value.startsWith("external:")) {
                            throw new IllegalArgumentException("--server takes external:PORT, not " + value);
                        }
                        o.externalPort = atLeast(name, value.substring("external:".length()), 1);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return o;
        }

        private static int positive(String name, String value) {
            return atLeast(name, value, 1);
        }

        private static int atLeast(String name, String value, int least) {
            try {
                int v = Integer.parseInt(value);
                if (v >= least) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " needs a whole number of at least " + least + ", not " + value);
        }

        private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m)?");

        /** 0, 250us, 50ms, 1.5s, 2m; a bare number is milliseconds. */
        static Duration duration(String name, String value) {
            Matcher m = DURATION.matcher(value.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException(name + " needs a duration such as 50ms or 1.5s, not " + value);
            }
            double nanosPerUnit = switch (m.group(2) == null ? "ms" : m.group(2)) {
                case "us" -> 1e3;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 1e6;
            };
            return Duration.ofNanos(Math.round(Double.parseDouble(m.group(1)) * nanosPerUnit));
        }
    }
}
