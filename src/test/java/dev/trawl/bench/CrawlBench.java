package dev.trawl.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * trawl's crawl benchmark: serves the lab's synthetic site, or a directory tree such as the
 * Debian documentation, in-process, runs the crawler on it as a child process a few times (and
 * other crawlers, wget2 say, alternated with it), checks that no page was fetched twice and that
 * the records match the requests, and compares the crawl with an ideal crawler's. Run from the
 * repository root after the build:
 * {@code target/java -cp target/test-classes:target/trawl.jar dev.trawl.bench.CrawlBench --help}.
 */
public final class CrawlBench {
    private static final String HELP = """
            Usage: target/java -cp target/test-classes:target/trawl.jar dev.trawl.bench.CrawlBench [options]
            Run from the repository root after ./mvnw -B -q package -DskipTests.

            Crawls the shared lab's synthetic site (site_server.go's link graph and pages, seed 42),
            or a directory tree (--root, --case), served in-process on 127.0.0.1, checks that no page
            was fetched twice and that each record answers one request, and compares the crawl with
            an ideal crawler. Exits 1 when a run is not exact, 2 on a usage error.

              --case NAME        a real site of issue 11, skipped when its Debian package is missing:
                                   docs    the OpenJDK 17 API docs (openjdk-17-doc, 10,136 pages),
                                           --root /usr/share/doc/openjdk-17-doc/api --latency 0 -c 32
                                   pgdocs  the PostgreSQL 15 manual (postgresql-doc-15, 1,169 pages),
                                           --root /usr/share/doc/postgresql-doc-15/html --latency 20ms -c 32
                                 options given beside it override it
              --root DIR         serve the files under DIR as the lab's site_server -root does
              --start PATH       the start page in DIR                          (default /index.html)
              --pages N          pages on the synthetic site                    (default 5000)
              --links K          links per page                                 (default 10)
              --page-size BYTES  mean page size; 6144 = site_server.go's 4-8 KB (default 6144)
              --seed S           the site's PRNG seed                           (default 42)
              --latency D        slept before every response: 0, 50ms, 1.5s   (default 0)
              --concurrency C    the crawler's -c and --per-host, the ideal's cap (default 64)
              --runs R           repetitions; the table shows each and the median (default 3)
              --command 'T'      the crawler command, repeatable to alternate several; {url} {port}
                                 {conc} {dir} are substituted, {out} is the JSON Lines file it must
                                 write (a command without {out} is checked on the server's counts
                                 alone), a leading `java` is this JVM's java (default: %s)
              --wget2            also run the lab's wget2, alternated, and print trawl's ratios to it:
                                 %s
              --server external:PORT
                                 crawl an already running site_server (admin port PORT+1), started
                                 with the same -n, -k and -seed, instead of the in-process site
              --timeout D        a run taking longer is killed and not exact    (default 600s)
              --keep             keep the runs' directories (output, stderr, time); kept anyway
                                 when a run is not exact
              -h, --help         this help
            """.formatted(CrawlRun.DEFAULT_COMMAND, CrawlRun.WGET2_COMMAND);

    private static final PrintStream OUT = System.out;

    private CrawlBench() {
    }

    public static void main(String[] args) throws Exception {
        CrawlBenchOptions o;
        try {
            o = CrawlBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("CrawlBench: " + e.getMessage() + " (--help lists the options)");
            System.exit(2);
            return;
        }
        if (o.help) {
            OUT.print(HELP);
            return;
        }
        if (o.crawlers().stream().anyMatch(c -> c.template().startsWith("target/trawl")) && !Files.exists(Path.of("target/trawl"))) {
            System.err.println("CrawlBench: target/trawl not found: run from the repository root after"
                    + " ./mvnw -B -q package -DskipTests");
            System.exit(2);
        }
        if (o.root != null && !Files.isDirectory(o.root)) {
            if (o.preset == null) {
                System.err.println("CrawlBench: --root " + o.root + " is not a directory");
                System.exit(2);
            }
            OUT.printf("SKIPPED: case %s needs %s, which is not installed (apt-get install %s)%n", o.preset.name(),
                    o.root, o.preset.debianPackage());
            return;
        }
        if (o.wget2 && !onPath("wget2")) {
            OUT.println("wget2 is not installed (apt-get install wget2): trawl runs alone");
            o.wget2 = false;
        }
        System.exit(run(o));
    }

    private static int run(CrawlBenchOptions o) throws IOException, InterruptedException {
        long latency = o.latency.toNanos();
        SiteGraph graph = o.root == null ? new SiteGraph(o.pages, o.links, o.pageSize, o.seed) : null;
        IdealCrawl.Result ideal = graph != null && latency > 0 ? IdealCrawl.crawl(graph, o.concurrency, latency) : null;
        Path root = Files.createTempDirectory("trawl-bench-");
        Map<CrawlRun.Crawler, List<CrawlRun.Result>> results = new LinkedHashMap<>();
        o.crawlers().forEach(c -> results.put(c, new ArrayList<>()));
        boolean pagesKnown;
        try (Site site = open(o, graph)) {
            pagesKnown = site.pagesKnown();
            OUT.printf(Locale.ROOT, "latency %s, concurrency %d, %d run%s%n", ms(latency), o.concurrency, o.runs,
                    o.runs == 1 ? "" : "s");
            for (CrawlRun.Crawler c : results.keySet()) {
                OUT.println("command (" + c.name() + "): " + String.join(" ", CrawlRun.command(c.template(), Map.of())));
            }
            OUT.println(ideal != null
                    ? String.format(Locale.ROOT, "ideal: %.3f s, %.0f pages/s (C=%d, L=%s, zero CPU, breadth-first"
                            + " in discovery order on this graph)", ideal.seconds(), ideal.pagesPerSecond(),
                            o.concurrency, ms(latency))
                    : latency == 0 ? "ideal: n/a (latency 0: an ideal crawler with zero CPU cost would take no time)"
                    : "ideal: after the runs, on the link graph that the first exact run's records give");
            OUT.println();
            for (int r = 1; r <= o.runs; r++) {
                for (Map.Entry<CrawlRun.Crawler, List<CrawlRun.Result>> e : results.entrySet()) {
                    CrawlRun.Result res = CrawlRun.run(r, site, e.getKey(), o.concurrency,
                            root.resolve("r" + r + "-" + e.getKey().name()), o.timeout);
                    e.getValue().add(res);
                    printRun(res, o.runs, pagesKnown);
                }
            }
            if (graph == null && latency > 0) {
                ideal = treeIdeal(results, Records.target(site.startUrl()), o.concurrency, latency);
            }
        }
        for (Map.Entry<CrawlRun.Crawler, List<CrawlRun.Result>> e : results.entrySet()) {
            OUT.println();
            OUT.println(e.getKey().name() + ":");
            RunTable.print(OUT, e.getValue());
            double span = RunTable.median(e.getValue(), RunTable::spanSeconds);
            if (ideal != null && Double.isFinite(span)) {
                double ratio = span / ideal.seconds();
                OUT.printf(Locale.ROOT, "vs ideal: median crawl span %.3f s = %.2f x ideal %.3f s: within %.0f%% of ideal"
                        + " (the span includes the crawler's robots.txt request, if any: one latency more)%n",
                        span, ratio, ideal.seconds(), (ratio - 1) * 100);
            }
        }
        OUT.println();
        printRatios(results);
        boolean exact = results.values().stream().flatMap(List::stream).allMatch(CrawlRun.Result::exact);
        printVerdict(exact, pagesKnown, results, root);
        if (exact && !o.keep) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } else if (exact) {
            OUT.println("runs kept in " + root);
        }
        return exact ? 0 : 1;
    }

    /** The ideal crawl of a tree, on the links in the records of its first exact run; null when none was. */
    private static IdealCrawl.Result treeIdeal(Map<CrawlRun.Crawler, List<CrawlRun.Result>> results, String start,
            int concurrency, long latency) throws IOException {
        CrawlRun.Result exact = results.values().stream().flatMap(List::stream)
                .filter(r -> r.records() >= 0 && r.exact()).findFirst().orElse(null);
        if (exact == null) {
            OUT.println("ideal: n/a (no exact run wrote records to read the tree's links from)");
            return null;
        }
        RecordGraph tree = RecordGraph.read(exact.dir().resolve("out.jsonl"));
        IdealCrawl.Result ideal = tree.ideal(start, concurrency, latency);
        OUT.printf(Locale.ROOT, "ideal: %.3f s, %.0f pages/s (C=%d, L=%s, zero CPU, breadth-first in discovery order on"
                + " the links in the records of %s's run %d: %d pages, %d reached from %s)%n", ideal.seconds(),
                ideal.pagesPerSecond(), concurrency, ms(latency), exact.crawler().name(), exact.run(), tree.pages(),
                ideal.pages(), start);
        return ideal;
    }

    private static Site open(CrawlBenchOptions o, SiteGraph graph) throws IOException {
        if (o.root != null) {
            TreeSite tree = new TreeSite(o.root, o.start, o.latency);
            long[] read = tree.warmUp();
            OUT.printf(Locale.ROOT, "trawl crawl benchmark: %s%n", o.preset == null ? "a directory tree" : "case "
                    + o.preset.name() + ", " + o.preset.what());
            OUT.printf(Locale.ROOT, "site: %s; %d files, %.0f MB, read into memory before the runs%n", tree.describe(),
                    read[0], read[1] / 1e6);
            return tree;
        }
        OUT.printf(Locale.ROOT, "trawl crawl benchmark: %d pages, %d links/page%n", o.pages, o.links);
        Site site;
        if (o.externalPort > 0) {
            site = new ExternalSite(o.externalPort, o.pages);
        } else {
            SiteServer server = new SiteServer(graph, o.latency);
            server.warmUp();
            site = server;
        }
        OUT.printf(Locale.ROOT, "site: %s; site_server.go's graph and pages, seed %d, page size ~%d B%n",
                site.describe(), o.seed, o.pageSize);
        return site;
    }

    private static void printRun(CrawlRun.Result r, int runs, boolean pagesKnown) throws IOException {
        Site.Counts c = r.counts();
        String pages = pagesKnown
                ? String.format(Locale.ROOT, "pages fetched %d/%d, missing %d", c.fetched(), c.pages().length, c.missing())
                : String.format(Locale.ROOT, "pages fetched %d (status 200 %d, other %d)", c.fetched(), c.ok(), c.failed());
        String records = r.records() < 0 ? "records n/a (it writes none)"
                : String.format(Locale.ROOT, "records %d, status 200 %d, distinct URLs %d, not requested %d%s",
                        r.records(), r.ok200(), r.distinctUrls(), r.unrequested(),
                        r.badLines() > 0 ? ", unreadable lines " + r.badLines() : "");
        OUT.printf(Locale.ROOT, "run %d/%d %s: %s, %s, duplicate GETs %d, other requests %d, robots.txt %d; %s: %s%n",
                r.run(), runs, r.crawler().name(), r.timedOut() ? "TIMED OUT" : "exit " + r.exitCode(), pages,
                c.duplicates(), c.other(), c.robots(), records,
                r.exact() ? "EXACT" : "NOT EXACT (" + String.join(", ", r.faults()) + ")");
        if (!r.crawler().success().contains(r.exitCode()) || r.timedOut()) {
            Path err = r.dir().resolve("stderr.txt");
            List<String> lines = Files.exists(err) ? Files.readAllLines(err) : List.of();
            lines.subList(Math.max(0, lines.size() - 5), lines.size()).forEach(l -> OUT.println("  stderr: " + l));
        }
    }

    /** The first crawler's medians against each other's, as issue 11 states its targets. */
    private static void printRatios(Map<CrawlRun.Crawler, List<CrawlRun.Result>> results) {
        List<Map.Entry<CrawlRun.Crawler, List<CrawlRun.Result>>> all = new ArrayList<>(results.entrySet());
        List<CrawlRun.Result> first = all.get(0).getValue();
        for (Map.Entry<CrawlRun.Crawler, List<CrawlRun.Result>> other : all.subList(1, all.size())) {
            List<CrawlRun.Result> them = other.getValue();
            OUT.printf(Locale.ROOT, "%s / %s, medians: pages/s (wall) %s, wall s %s, CPU s per page %s, peak RSS %s%n",
                    all.get(0).getKey().name(), other.getKey().name(),
                    ratio(first, them, RunTable::pagesPerWallSecond), ratio(first, them, r -> r.wallNanos() / 1e9),
                    ratio(first, them, RunTable::cpuPerThousandPages), ratio(first, them, RunTable::peakRssMb));
        }
    }

    private static String ratio(List<CrawlRun.Result> a, List<CrawlRun.Result> b,
            ToDoubleFunction<CrawlRun.Result> f) {
        return RunTable.format("%.2f", RunTable.median(a, f) / RunTable.median(b, f));
    }

    private static void printVerdict(boolean exact, boolean pagesKnown, Map<CrawlRun.Crawler, List<CrawlRun.Result>> results,
            Path root) {
        if (!exact) {
            OUT.println("NOT EXACT: see the runs above; their files are in " + root);
            return;
        }
        if (pagesKnown) {
            int n = results.values().iterator().next().get(0).counts().pages().length;
            OUT.printf("EXACT: in every run each of the %d pages got exactly one GET, and each output holds"
                    + " exactly %d records, all status 200%n", n, n);
            return;
        }
        StringBuilder fetched = new StringBuilder();
        results.forEach((crawler, runs) -> {
            Site.Counts c = runs.get(runs.size() - 1).counts();
            fetched.append(String.format(Locale.ROOT, "; %s %d (status 200 %d, other %d)", crawler.name(), c.fetched(),
                    c.ok(), c.failed()));
        });
        OUT.println("EXACT: in every run no URL got two GETs, and each output holds one record per URL fetched, with"
                + " the server's status" + fetched + " pages fetched in the last run");
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%s ms", nanos % 1_000_000 == 0 ? Long.toString(nanos / 1_000_000)
                : String.format(Locale.ROOT, "%.3f", nanos / 1e6));
    }
}
