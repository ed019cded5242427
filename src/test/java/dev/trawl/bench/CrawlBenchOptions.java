package dev.trawl.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CrawlBench's command line; every option takes "--name value" or "--name=value". */
final class CrawlBenchOptions {
    /** The real-site cases of issue 11, each a Debian documentation tree. */
    record Case(String name, Path root, Duration latency, int concurrency, String debianPackage, String what) {
    }

    static final List<Case> CASES = List.of(
            new Case("docs", Path.of("/usr/share/doc/openjdk-17-doc/api"), Duration.ZERO, 32, "openjdk-17-doc",
                    "the OpenJDK 17 API docs, no latency"),
            new Case("pgdocs", Path.of("/usr/share/doc/postgresql-doc-15/html"), Duration.ofMillis(20), 32,
                    "postgresql-doc-15", "the PostgreSQL 15 manual, 20 ms latency"));

    int pages = 5000;
    int links = 10;
    int pageSize = SiteGraph.DEFAULT_PAGE_SIZE;
    long seed = SiteGraph.DEFAULT_SEED;
    Duration latency = Duration.ZERO;
    int concurrency = 64;
    int runs = 3;
    final List<String> commands = new ArrayList<>();
    boolean wget2;
    int externalPort;
    Path root;
    String start = "/index.html";
    Case preset;
    Duration timeout = Duration.ofSeconds(600);
    boolean keep;
    boolean help;

    /** The crawlers to alternate: the commands given (trawl's when none), then wget2 if asked for. */
    List<CrawlRun.Crawler> crawlers() {
        List<CrawlRun.Crawler> crawlers = new ArrayList<>();
        (commands.isEmpty() ? List.of(CrawlRun.DEFAULT_COMMAND) : commands).forEach(c -> crawlers.add(CrawlRun.Crawler.of(c)));
        if (wget2) {
            crawlers.add(CrawlRun.Crawler.wget2());
        }
        // two builds of trawl compared are trawl and trawl-2
        List<CrawlRun.Crawler> named = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (CrawlRun.Crawler c : crawlers) {
            String name = c.name();
            for (int n = 2; !names.add(name); n++) {
                name = c.name() + "-" + n;
            }
            named.add(new CrawlRun.Crawler(name, c.template(), c.success()));
        }
        return named;
    }

    /** A case sets the root, latency and concurrency first, wherever it stands; the other options then override it. */
    static CrawlBenchOptions parse(String... args) {
        CrawlBenchOptions o = new CrawlBenchOptions();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].contains("=") ? args[i].substring(0, args[i].indexOf('=')) : args[i];
            if (name.equals("--case")) {
                String value = args[i].contains("=") ? args[i].substring(args[i].indexOf('=') + 1)
                        : i + 1 < args.length ? args[i + 1] : "";
                o.preset = CASES.stream().filter(c -> c.name().equals(value)).findFirst().orElseThrow(
                        () -> new IllegalArgumentException("--case takes docs or pgdocs, not " + value));
                o.root = o.preset.root();
                o.latency = o.preset.latency();
                o.concurrency = o.preset.concurrency();
            }
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    o.help = true;
                    continue;
                }
                case "--keep" -> {
                    o.keep = true;
                    continue;
                }
                case "--wget2" -> {
                    o.wget2 = true;
                    continue;
                }
                default -> {
                    // an option with a value, below
                }
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
                case "--command" -> o.commands.add(value);
                case "--timeout" -> o.timeout = duration(name, value);
                case "--root" -> o.root = Path.of(value);
                case "--start" -> o.start = value;
                case "--case" -> {
                    // applied above
                }
                case "--server" -> {
                    if (!value.startsWith("external:")) {
                        throw new IllegalArgumentException("--server takes external:PORT, not " + value);
                    }
                    o.externalPort = atLeast(name, value.substring("external:".length()), 1);
                }
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (o.root != null && o.externalPort > 0) {
            throw new IllegalArgumentException("--root (or --case) and --server external:PORT exclude each other");
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
