package dev.trawl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The many-hosts benchmark of issue 11: a seed list of many small sites on loopback addresses
 * (the lab's {@code manyhosts_server.py}), crawled at the default politeness and with
 * {@code --delay=0}, alternated, to show what politeness costs when there are hosts enough to keep
 * every slot busy. Run from the repository root after the build:
 * {@code target/java -cp target/test-classes:target/trawl.jar dev.trawl.bench.ManyHostsBench --help}.
 */
public final class ManyHostsBench {
    private static final String HELP = """
            Usage: target/java -cp target/test-classes:target/trawl.jar dev.trawl.bench.ManyHostsBench [options]
            Run from the repository root after ./mvnw -B -q package -DskipTests.

            Two cases, each served by the lab's manyhosts_server.py on 127.2.x.y addresses:
              sites   2,000 sites x 10 pages (a chain), -c 64, --max-depth=inf
              list    10,000 sites x 1 page, -c 64, --max-depth=0
            Each trawl is run at the default politeness (--delay 250ms, --per-host 4) and with
            --delay=0, alternated, and the median wall time of each is shown with their ratio.
            Every run must write one status-200 record per page, or the bench exits 1.

              --server PATH    manyhosts_server.py      (default ../shared/bench/manyhosts_server.py)
              --trawl PATH     a trawl launcher; repeat to compare builds, e.g. main's and this one's
                                                        (default target/trawl)
              --case NAME      sites or list; repeatable (default both)
              --runs R         repetitions of each (default 3)
              --port P         the sites' port          (default 18180)
              -h, --help       this help
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Case(String name, int sites, int pages, String depth) {
    }

    private static final List<Case> CASES = List.of(new Case("sites", 2000, 10, "inf"), new Case("list", 10_000, 1, "0"));

    private ManyHostsBench() {
    }

    public static void main(String[] args) throws Exception {
        Path server = Path.of("../shared/bench/manyhosts_server.py");
        List<String> trawls = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        int runs = 3;
        int port = 18180;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--server" -> server = Path.of(args[++i]);
                case "--trawl" -> trawls.add(args[++i]);
                case "--case" -> {
                    String name = args[++i];
                    cases.add(CASES.stream().filter(c -> c.name.equals(name)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("no case " + name)));
                }
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.print(HELP);
                    return;
                }
                default -> {
                    System.err.println("ManyHostsBench: unknown option " + args[i] + " (--help lists the options)");
                    System.exit(2);
                }
            }
        }
        if (trawls.isEmpty()) {
            trawls.add("target/trawl");
        }
        if (cases.isEmpty()) {
            cases.addAll(CASES);
        }
        boolean exact = true;
        for (Case c : cases) {
            exact &= run(c, server, trawls, runs, port);
        }
        System.exit(exact ? 0 : 1);
    }

    private static boolean run(Case c, Path script, List<String> trawls, int runs, int port)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("trawl-manyhosts-");
        Path seeds = dir.resolve("seeds.txt");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < c.sites; i++) {
            lines.add("http://127.2." + i / 250 + "." + (i % 250 + 1) + ":" + port + "/p/0.html");
        }
        Files.write(seeds, lines);
        int expected = c.sites * c.pages;
        System.out.printf(Locale.ROOT, "case %s: %,d sites x %d page%s on 127.2.x.y:%d, -c 64, --max-depth=%s, %d runs%n",
                c.name, c.sites, c.pages, c.pages == 1 ? "" : "s", port, c.depth, runs);
        Process server = new ProcessBuilder("python3", script.toString(), Integer.toString(c.sites),
                Integer.toString(port), Integer.toString(c.pages)).redirectErrorStream(true).start();
        boolean exact = true;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (!"ready".equals(ready)) {
                throw new IOException("manyhosts_server.py did not start: " + ready);
            }
            List<String> labels = new ArrayList<>();
            List<List<String>> commands = new ArrayList<>();
            for (String trawl : trawls) {
                for (boolean polite : new boolean[] {true, false}) {
                    labels.add(trawl + (polite ? " (default politeness)" : " --delay=0"));
                    List<String> command = new ArrayList<>(List.of(trawl, "-q", "-c", "64", "--max-depth=" + c.depth,
                            "-i", seeds.toString(), "-o", dir.resolve("out.jsonl").toString()));
                    if (!polite) {
                        command.add("--delay=0");
                    }
                    commands.add(command);
                }
            }
            double[][] walls = new double[commands.size()][runs];
            for (int r = 0; r < runs; r++) {
                for (int k = 0; k < commands.size(); k++) {
                    Files.deleteIfExists(dir.resolve("out.jsonl"));
                    long started = System.nanoTime();
                    Process crawl = new ProcessBuilder(commands.get(k)).redirectErrorStream(true)
                            .redirectOutput(dir.resolve("stderr.txt").toFile()).start();
                    if (!crawl.waitFor(600, TimeUnit.SECONDS)) {
                        crawl.destroyForcibly().waitFor();
                    }
                    walls[k][r] = (System.nanoTime() - started) / 1e9;
                    int ok = okPages(dir.resolve("out.jsonl"));
                    boolean good = crawl.exitValue() == 0 && ok == expected;
                    exact &= good;
                    System.out.printf(Locale.ROOT, "  run %d  %-60s %7.2f s  %d/%d pages%s%n", r + 1, labels.get(k),
                            walls[k][r], ok, expected, good ? "" : "  NOT EXACT (exit " + crawl.exitValue() + ")");
                }
            }
            for (int k = 0; k < commands.size(); k += 2) {
                double polite = median(walls[k]);
                double free = median(walls[k + 1]);
                System.out.printf(Locale.ROOT, "  median %-40s default %.2f s, --delay=0 %.2f s: ratio %.2f%n",
                        trawls.get(k / 2), polite, free, polite / free);
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
        System.out.println();
        return exact;
    }

    /** Distinct URLs with a status-200 record. */
    private static int okPages(Path output) throws IOException {
        if (!Files.exists(output)) {
            return 0;
        }
        Set<String> ok = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode record = JSON.readTree(line);
                if (record.path("status").asInt() == 200) {
                    ok.add(record.path("url").asText());
                }
            }
        }
        return ok.size();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
