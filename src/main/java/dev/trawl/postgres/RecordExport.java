package dev.trawl.postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The records of a shared crawl's run as JSON Lines, as the workers wrote them, in the order they were
 * committed: {@code trawl export}, to collect a crawl's output in one place. Streamed from a cursor,
 * so memory does not grow with the crawl. Records a worker kept but did not write ({@code --changed-only}
 * on an unchanged page) are left out here too.
 */
public final class RecordExport {
    private static final int FETCH_SIZE = 1_000;

    private RecordExport() {
    }

    /**
     * Writes the records of a run of the named crawl (empty: its current run); returns how many, or -1
     * when there is no such crawl.
     */
    public static long write(Connection db, String crawlName, OptionalLong run, OutputStream out) throws SQLException {
        try (PreparedStatement crawl = db.prepareStatement("SELECT id, run FROM crawls WHERE name = ?")) {
            crawl.setString(1, crawlName);
            try (ResultSet row = crawl.executeQuery()) {
                if (!row.next()) {
                    return -1;
                }
                long[] written = {0};
                lines(db, row.getLong(1), run.orElse(row.getLong(2)), null, line -> {
                    try {
                        out.write(line.getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                        written[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                return written[0];
            }
        }
    }

    /** The written records of a run, of one output file (null: of every worker's), in commit order. */
    static void lines(Connection db, long crawl, long run, String output, Consumer<String> line) throws SQLException {
        // The driver streams with a cursor only inside a transaction.
        Database.inTransaction(db, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT record FROM records WHERE crawl = ? AND run = ?"
                    + " AND written" + (output == null ? "" : " AND output = ?") + " ORDER BY id")) {
                select.setFetchSize(FETCH_SIZE);
                select.setLong(1, crawl);
                select.setLong(2, run);
                if (output != null) {
                    select.setString(3, output);
                }
                try (ResultSet record = select.executeQuery()) {
                    while (record.next()) {
                        line.accept(record.getString(1));
                    }
                }
            }
            return null;
        });
    }
}
