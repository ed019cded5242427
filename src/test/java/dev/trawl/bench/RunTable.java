package dev.trawl.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** CrawlBench's table of one crawler's runs and their medians. */
final class RunTable {
    private record Column(String name, String format, ToDoubleFunction<CrawlRun.Result> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("pages/s (span)", "%.0f", r -> r.counts().fetched() / spanSeconds(r)),
            new Column("pages/s (wall)", "%.0f", RunTable::pagesPerWallSecond),
            new Column("crawl span s", "%.3f", RunTable::spanSeconds),
            new Column("start-up s", "%.3f", r -> r.startupNanos() < 0 ? Double.NaN : r.startupNanos() / 1e9),
            new Column("wall s", "%.3f", r -> r.wallNanos() / 1e9),
            new Column("CPU s", "%.2f", CrawlRun.Result::cpuSeconds),
            new Column("CPU s/1k pages", "%.3f", RunTable::cpuPerThousandPages),
            new Column("peak RSS MB", "%.0f", RunTable::peakRssMb),
            new Column("p50 ms", "%.0f", CrawlRun.Result::p50Ms),
            new Column("p99 ms", "%.0f", CrawlRun.Result::p99Ms),
            new Column("server CPU s", "%.2f", r -> r.serverCpuNanos() < 0 ? Double.NaN : r.serverCpuNanos() / 1e9));

    private RunTable() {
    }

    static double spanSeconds(CrawlRun.Result r) {
        return r.spanNanos() < 0 ? Double.NaN : r.spanNanos() / 1e9;
    }

    static double pagesPerWallSecond(CrawlRun.Result r) {
        return r.counts().fetched() / (r.wallNanos() / 1e9);
    }

    static double cpuPerThousandPages(CrawlRun.Result r) {
        return r.cpuSeconds() * 1000 / r.counts().fetched();
    }

    static double peakRssMb(CrawlRun.Result r) {
        return r.peakRssKb() < 0 ? Double.NaN : r.peakRssKb() / 1024.0;
    }

    static void print(PrintStream out, List<CrawlRun.Result> results) {
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
            out.println(line);
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : width) {
                    rule.append("-".repeat(w + 2)).append('|');
                }
                out.println(rule);
            }
        }
        if (results.stream().anyMatch(CrawlRun.Result::sampled)) {
            out.println("(CPU s and peak RSS sampled from /proc every 20 ms: /usr/bin/time was not found)");
        }
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    static String format(String format, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }

    static double median(List<CrawlRun.Result> results, ToDoubleFunction<CrawlRun.Result> f) {
        double[] v = results.stream().mapToDouble(f).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
