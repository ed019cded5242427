package dev.trawl.output;

import dev.trawl.page.ErrorType;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one line printed at the end of a crawl, e.g.
 * {@code trawl: 120 pages in 1.4s (85.7/s): 118 ok, 2 errors (http 2); 1.2 MB}. A run resumed from
 * {@code --state} counts the whole run first, then this process:
 * {@code trawl: run 1: 506 pages: 6 ok, 500 errors (http 500); 6 in this process in 0.9s (6.7/s); 4.0 KB}.
 */
public final class SummaryLine {
    private SummaryLine() {
    }

    public static String format(CrawlSummary summary) {
        StringBuilder line = new StringBuilder("trawl: ");
        if (summary.run().isPresent()) {
            RunRecords run = summary.run().get();
            line.append("run ").append(run.run()).append(": ").append(pages(run.records())).append(": ");
            outcomes(line, run.ok(), run.errors());
            line.append("; ").append(summary.records()).append(" in this process");
            pace(line, summary);
        } else {
            line.append(pages(summary.records()));
            pace(line, summary);
            line.append(": ");
            outcomes(line, summary.ok(), summary.errors());
        }
        if (summary.checked() > 0) {
            line.append("; ").append(summary.checked()).append(summary.checked() == 1 ? " link" : " links")
                    .append(" checked, ").append(summary.checkedBroken()).append(" broken");
        }
        if (summary.missingFragments() > 0) {
            line.append("; ").append(summary.missingFragments())
                    .append(summary.missingFragments() == 1 ? " missing fragment" : " missing fragments");
        }
        line.append("; ").append(bytes(summary.bytes()));
        if (summary.written() != summary.records()) {
            line.append("; ").append(summary.written()).append(" written (new or changed)");
        }
        if (summary.spilled() > 0) {
            line.append("; ").append(summary.spilled()).append(" URLs overflowed to disk");
        }
        if (!summary.refused().isEmpty()) {
            StringJoiner byReason = new StringJoiner(", ", "; not followed: ", "");
            summary.refused().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> byReason.add(e.getKey() + " " + e.getValue()));
            line.append(byReason);
        }
        if (!summary.slowedHosts().isEmpty()) {
            line.append("; slowed down for ").append(String.join(", ", summary.slowedHosts()));
        }
        return line.toString();
    }

    private static String pages(long records) {
        return records + (records == 1 ? " page" : " pages");
    }

    private static void pace(StringBuilder line, CrawlSummary summary) {
        line.append(String.format(Locale.ROOT, " in %.1fs (%.1f/s)", summary.elapsed().toMillis() / 1000.0,
                summary.pagesPerSecond()));
    }

    private static void outcomes(StringBuilder line, long ok, Map<ErrorType, Long> errorsByType) {
        line.append(ok).append(" ok");
        long errors = errorsByType.values().stream().mapToLong(Long::longValue).sum();
        line.append(", ").append(errors).append(errors == 1 ? " error" : " errors");
        if (errors > 0) {
            StringJoiner byType = new StringJoiner(", ", " (", ")");
            for (ErrorType type : ErrorType.values()) {
                long count = errorsByType.getOrDefault(type, 0L);
                if (count > 0) {
                    byType.add(type.wireName() + " " + count);
                }
            }
            line.append(byType);
        }
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024 - 51) { // from here on "%.1f KB" would round to 1024.0
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
