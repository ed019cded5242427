package dev.trawl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** One crawl: the crawler as a child process against the site, timed, measured and checked. */
final class CrawlRun {
    static final String DEFAULT_COMMAND =
            "target/trawl -q --delay=0 --max-depth=100 -c {conc} --per-host={conc} -o {out} {url}";
    private static final Path TIME = Path.of("/usr/bin/time");

    record Result(
            int run,
            List<String> command,
            Path dir,
            int exitCode,
            boolean timedOut,
            long wallNanos,
            long startupNanos, // child start to the first request; -1 when no request came
            long spanNanos, // first request's arrival to the last response, at the server; -1 when none
            double cpuSeconds, // user + sys of the child; NaN when unknown
            long peakRssKb, // -1 when unknown
            boolean sampled, // CPU and RSS sampled from /proc rather than from /usr/bin/time
            long serverCpuNanos, // -1 when unknown
            Site.Counts counts,
            int records,
            int ok200,
            int distinctUrls,
            int badLines,
            double p50Ms,
            double p99Ms) {

        boolean exact() {
            int n = counts.pageGets().length;
            return !timedOut && exitCode == 0 && counts.missing() == 0 && counts.duplicates() == 0
                    && records == n && ok200 == n && distinctUrls == n && badLines == 0;
        }
    }

    private CrawlRun() {
    }

    static Result run(int run, Site site, String template, int concurrency, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path out = dir.resolve("out.jsonl");
        Path timeFile = dir.resolve("time.txt");
        List<String> command = command(template, Map.of(
                "{url}", site.startUrl(),
                "{port}", site.startUrl().replaceAll(".*:(\\d+)/.*", "$1"),
                "{conc}", Integer.toString(concurrency),
                "{out}", out.toString()));
        boolean useTime = Files.isExecutable(TIME);
        List<String> argv = new ArrayList<>();
        if (useTime) {
            argv.addAll(List.of(TIME.toString(), "-f", "%e %U %S %M", "-o", timeFile.toString()));
        }
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        // The launcher (target/trawl) runs the java of TRAWL_JAVA when set: make it this one, which is 21+.
        pb.environment().put("TRAWL_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());

        site.reset();
        long serverCpu0 = site.cpuNanos();
        long clock0 = site.clockNanos();
        long t0 = System.nanoTime();
        Process p = pb.start();
        Sampler sampler = useTime ? null : Sampler.start(p.pid());
        boolean finished = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        long wall = System.nanoTime() - t0;
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        long serverCpu1 = site.cpuNanos();
        Site.Counts counts = site.counts();

        double cpu = Double.NaN;
        long rss = -1;
        if (sampler != null) {
            sampler.stop();
            cpu = sampler.cpuSeconds;
            rss = sampler.peakRssKb;
        } else if (finished && Files.exists(timeFile)) {
            // "%e %U %S %M" is the last line; a line before it may say "Command exited with non-zero status N"
            List<String> lines = Files.readAllLines(timeFile);
            String[] f = lines.isEmpty() ? new String[0] : lines.get(lines.size() - 1).trim().split("\\s+");
            if (f.length == 4) {
                cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
                rss = Long.parseLong(f[3]);
            }
        }

        int records = 0;
        int ok = 0;
        int bad = 0;
        Set<String> urls = new HashSet<>();
        long[] elapsed = new long[16];
        if (Files.exists(out)) {
            ObjectMapper json = new ObjectMapper(); // trawl's own Jackson, shaded into trawl.jar
            try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                    JsonNode record;
                    try {
                        record = json.readTree(line);
                    } catch (IOException e) {
                        bad++;
                        continue;
                    }
                    if (record == null || !record.isObject()) {
                        bad++;
                        continue;
                    }
                    if (records == elapsed.length) {
                        elapsed = Arrays.copyOf(elapsed, records * 2);
                    }
                    elapsed[records++] = record.path("elapsed_ms").asLong(-1);
                    ok += record.path("status").asInt(-1) == 200 ? 1 : 0;
                    urls.add(record.path("url").asText());
                }
            }
        }
        long[] sorted = Arrays.copyOf(elapsed, records);
        Arrays.sort(sorted);

        long startup = counts.firstNs() == 0 ? -1 : counts.firstNs() - clock0;
        long span = counts.firstNs() == 0 ? -1 : counts.lastNs() - counts.firstNs();
        long serverCpu = serverCpu0 < 0 || serverCpu1 < 0 ? -1 : serverCpu1 - serverCpu0;
        return new Result(run, command, dir, finished ? p.exitValue() : -1, !finished, wall, startup, span, cpu, rss,
                sampler != null, serverCpu, counts, records, ok, urls.size(), bad,
                percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    /** Nearest-rank percentile; NaN for no values. */
    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * Splits a command template into arguments (white space separates, '…' and "…" group) and
     * substitutes the placeholders; a leading {@code java} becomes this JVM's own java.
     */
    static List<String> command(String template, Map<String, String> vars) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = null;
        char quote = 0;
        for (char c : template.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    arg.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                arg = arg == null ? new StringBuilder() : arg;
            } else if (Character.isWhitespace(c)) {
                if (arg != null) {
                    args.add(arg.toString());
                    arg = null;
                }
            } else {
                arg = arg == null ? new StringBuilder() : arg;
                arg.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced quote in command: " + template);
        }
        if (arg != null) {
            args.add(arg.toString());
        }
        if (args.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            for (Map.Entry<String, String> v : vars.entrySet()) {
                a = a.replace(v.getKey(), v.getValue());
            }
            args.set(i, a);
        }
        if (args.get(0).equals("java")) {
            args.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        return args;
    }

    /** Without /usr/bin/time: the child's CPU and peak RSS (VmHWM) read from /proc every 20 ms until it exits. */
    private static final class Sampler {
        private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
        private final Path stat;
        private final Path status;
        private final Thread thread;
        private volatile boolean stopped;
        volatile double cpuSeconds = Double.NaN;
        volatile long peakRssKb = -1;

        private Sampler(long pid) {
            stat = Path.of("/proc", Long.toString(pid), "stat");
            status = Path.of("/proc", Long.toString(pid), "status");
            thread = Thread.ofVirtual().start(this::loop);
        }

        static Sampler start(long pid) {
            return new Sampler(pid);
        }

        private void loop() {
            while (!stopped) {
                try {
                    // fields after the ")" that ends the command name: utime and stime are the 12th and 13th
                    String s = Files.readString(stat);
                    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                    cpuSeconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmHWM:")) {
                            peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("\\D", "")));
                        }
                    }
                    Thread.sleep(20);
                } catch (IOException | RuntimeException e) {
                    return; // the process is gone
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
        }
    }
}
