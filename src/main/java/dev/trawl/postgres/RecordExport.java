package dev.trawl.postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * The records of a shared crawl as JSON Lines, as the workers wrote them, in the order they were
 * committed: {@code trawl export}, to collect a crawl's output in one place. Streamed from a cursor,
 * so memory does not grow with the crawl.
 */
public final class RecordExport {
    private static final int FETCH_SIZE = 1_000;

    private RecordExport() {
    }

    /** Writes every record of the named crawl; returns how many. */
    public static long write(Connection db, String crawlName, OutputStream out) throws SQLException, IOException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false); // the driver streams with a cursor only inside a transaction
        try (PreparedStatement select = db.prepareStatement("""
                SELECT r.record FROM records r JOIN crawls c ON c.id = r.crawl WHERE c.name = ? ORDER BY r.id""")) {
            select.setFetchSize(FETCH_SIZE);
            select.setString(1, crawlName);
            long written = 0;
            try (ResultSet record = select.executeQuery()) {
                while (record.next()) {
                    out.write(record.getString(1).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                    written++;
                }
            }
            out.flush();
            return written;
        } finally {
            db.rollback();
            db.setAutoCommit(autoCommit);
        }
    }

    /** The records of one output file of the crawl, in commit order. */
    static void lines(Connection db, long crawl, String output, Consumer<String> line)
            throws SQLException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (PreparedStatement select = db.prepareStatement(
                "SELECT record FROM records WHERE crawl = ? AND output = ? ORDER BY id")) {
            select.setFetchSize(FETCH_SIZE);
            select.setLong(1, crawl);
            select.setString(2, output);
            try (ResultSet record = select.executeQuery()) {
                while (record.next()) {
                    line.accept(record.getString(1));
                }
            }
        } finally {
            db.rollback();
            db.setAutoCommit(autoCommit);
        }
    }
}
