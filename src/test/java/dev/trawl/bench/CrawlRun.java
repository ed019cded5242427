package dev.trawl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** One crawl: the crawler as a child process against the site, timed, measured and checked. */
final class CrawlRun {
    static final String DEFAULT_COMMAND =
            "target/trawl -q --delay=0 --max-depth=100 -c {conc} --per-host={conc} -o {out} {url}";
    /**
     * The lab's wget2 ({@code peers/wget2.sh}): recursive without a depth limit, one GET per page
     * (--delete-after; --spider would send a HEAD first), hyperlinks only.
     */
    static final String WGET2_COMMAND = "wget2 --recursive --level=0 --max-threads={conc} --delete-after --no-verbose"
            + " --ignore-tags=link,img,script,style,iframe,frame,embed,object,source,video,audio,track,input,applet,"
            + "bgsound,layer,overlay,fig,body,table,td,th --directory-prefix={dir}/files --output-file={dir}/wget2.log {url}";
    private static final Path TIME = Path.of("/usr/bin/time");

    /**
     * A crawler under test: its command template ({@code {url} {port} {conc} {out} {dir}}), the
     * exit statuses that mean it finished, and whether it writes trawl's records to {@code {out}},
     * which are then checked against the server's counts.
     */
    record Crawler(String name, String template, Set<Integer> success) {
        /** wget2 exits 8 when the server answered an error status, as a tree's broken link does. */
        static Crawler wget2() {
            return new Crawler("wget2", WGET2_COMMAND, Set.of(0, 8));
        }

        /** Named by its program's file name: trawl for target/trawl. */
        static Crawler of(String template) {
            String program = command(template, Map.of()).get(0);
            return new Crawler(Path.of(program).getFileName().toString(), template, Set.of(0));
        }

        boolean writesRecords() {
            return template.contains("{out}");
        }
    }

    record Result(
            int run,
            Crawler crawler,
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
            int records, // -1 when the crawler writes none
            int unrequested, // records whose final URL the server got no GET for
            int ok200,
            int distinctUrls,
            int badLines,
            double p50Ms,
            double p99Ms) {

        /**
         * No page missing (of a site that knows its pages), none fetched twice, and one record per
         * page fetched, with the status the server gave it, for a URL the server was asked for.
         */
        boolean exact() {
            return faults().isEmpty();
        }

        /** What makes the run not exact, each said in a few words; empty when it is exact. */
        List<String> faults() {
            List<String> faults = new ArrayList<>();
            fault(faults, timedOut, "timed out");
            fault(faults, !timedOut && !crawler.success().contains(exitCode), "exit " + exitCode);
            fault(faults, counts.missing() > 0, counts.missing() + " pages missing");
            fault(faults, counts.duplicates() > 0, counts.duplicates() + " duplicate GETs");
            if (records >= 0) {
                int n = counts.fetched();
                fault(faults, records != n, records + " records for " + n + " pages fetched");
                fault(faults, distinctUrls != records, (records - distinctUrls) + " URLs with two records");
                fault(faults, ok200 != counts.ok(), ok200 + " records of status 200 for " + counts.ok() + " pages served 200");
                fault(faults, unrequested > 0, unrequested + " records for URLs never requested");
                fault(faults, badLines > 0, badLines + " unreadable lines");
            }
            return faults;
        }

        private static void fault(List<String> faults, boolean when, String what) {
            if (when) {
                faults.add(what);
            }
        }
    }

    private CrawlRun() {
    }

    static Result run(int run, Site site, Crawler crawler, int concurrency, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path out = dir.resolve("out.jsonl");
        Path timeFile = dir.resolve("time.txt");
        List<String> command = command(crawler.template(), Map.of(
                "{url}", site.startUrl(),
                "{port}", site.startUrl().replaceAll(".*:(\\d+)/.*", "$1"),
                "{conc}", Integer.toString(concurrency),
                "{out}", out.toString(),
                "{dir}", dir.toString()));
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

        Records records = crawler.writesRecords() ? Records.read(out, counts) : Records.NONE;

        long startup = counts.firstNs() == 0 ? -1 : counts.firstNs() - clock0;
        long span = counts.firstNs() == 0 ? -1 : counts.lastNs() - counts.firstNs();
        long serverCpu = serverCpu0 < 0 || serverCpu1 < 0 ? -1 : serverCpu1 - serverCpu0;
        return new Result(run, crawler, command, dir, finished ? p.exitValue() : -1, !finished, wall, startup, span, cpu,
                rss, sampler != null, serverCpu, counts, records.count(), records.unrequested(), records.ok200(),
                records.distinctUrls(), records.badLines(), records.p50Ms(), records.p99Ms());
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
