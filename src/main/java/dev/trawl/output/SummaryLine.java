package dev.trawl.output;

import dev.trawl.page.ErrorType;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The one line printed at the end of a crawl, e.g. {@code trawl: 120 pages in 1.4s (85.7/s): 118 ok, 2 errors (http 2); 1.2 MB}. */
public final class SummaryLine {
    private SummaryLine() {
    }

    public static String format(CrawlSummary summary) {
        StringBuilder line = new StringBuilder("trawl: ");
        line.append(summary.records()).append(summary.records() == 1 ? " page" : " pages");
        line.append(String.format(Locale.ROOT, " in %.1fs (%.1f/s): ", summary.elapsed().toMillis() / 1000.0,
                summary.pagesPerSecond()));
        line.append(summary.ok()).append(" ok");
        long errors = summary.errors().values().stream().mapToLong(Long::longValue).sum();
        line.append(", ").append(errors).append(errors == 1 ? " error" : " errors");
        if (errors > 0) {
            StringJoiner byType = new StringJoiner(", ", " (", ")");
            for (ErrorType type : ErrorType.values()) {
                long count = summary.errors().getOrDefault(type, 0L);
                if (count > 0) {
                    byType.add(type.wireName() + " " + count);
                }
            }
            line.append(byType);
        }
        line.append("; ").append(bytes(summary.bytes()));
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
