package dev.trawl.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code runs} and {@code scope_hosts} tables, and what resuming a run with a smaller
 * --max-depth does to {@code urls}.
 * Not thread-safe: the store's lock guards the one connection.
 */
final class Runs {
    /** The latest run, if any. */
    record Last(long id, String status, long outputLength) {
        boolean unfinished() {
            return !"finished".equals(status);
        }
    }

    /**
     * The run's output as the state has it: the file (null: stdout), its committed length, and the
     * lines of the last commit (empty when they are known to be written), which end at that length.
     */
    record Output(String path, long length, StoredBatch batch) {
    }

    /**
     * The run's WARC archive as the state has it: the {@code --warc} name it was begun with, the file
     * its committed records end in and where; nulls when the run archives nothing (yet).
     */
    record Archive(String base, String file, long length) {
    }

    private final Connection db;
    private final PreparedStatement admitHost;
    private final PreparedStatement committed;
    private final PreparedStatement archived;

    Runs(Connection db) throws SQLException {
        this.db = db;
        admitHost = db.prepareStatement("INSERT OR IGNORE INTO scope_hosts(run, host) VALUES (?, ?)");
        committed = db.prepareStatement("UPDATE runs SET output_length = ?, output_pending = ? WHERE id = ?");
        archived = db.prepareStatement("UPDATE runs SET warc_file = ?, warc_length = ? WHERE id = ?");
    }

    Last last() throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT id, status, output_length FROM runs ORDER BY id DESC LIMIT 1")) {
            return row.next() ? new Last(row.getLong(1), row.getString(2), row.getLong(3)) : null;
        }
    }

    void resume(long run, long pid) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE runs SET status = 'running', ended_at = NULL, pid = ? WHERE id = ?")) {
            update.setLong(1, pid);
            update.setLong(2, run);
            update.executeUpdate();
        }
    }

    /** Where the run writes (an absolute path, or null for stdout) and what of its output is committed. */
    Output output(long run) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT output, output_length, output_pending FROM runs WHERE id = ?")) {
            select.setLong(1, run);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return new Output(null, 0, new StoredBatch(0, new byte[0]));
                }
                long length = row.getLong(2);
                byte[] lines = row.getBytes(3);
                lines = lines == null ? new byte[0] : lines;
                return new Output(row.getString(1), length, new StoredBatch(length - lines.length, lines));
            }
        }
    }

    /**
     * The run writes to another file (null: stdout) from now on: its committed length starts again
     * from 0, and the lines of the last commit are the old output's (those it may lack are carried
     * into the new one and stored again by the next commit).
     */
    void output(long run, String output) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE runs SET output = ?, output_length = 0, output_pending = NULL WHERE id = ?")) {
            update.setString(1, output);
            update.setLong(2, run);
            update.executeUpdate();
        }
    }

    Archive archive(long run) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT warc, warc_file, warc_length FROM runs WHERE id = ?")) {
            select.setLong(1, run);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Archive(row.getString(1), row.getString(2), row.getLong(3))
                        : new Archive(null, null, 0);
            }
        }
    }

    /** The run archives to {@code base}'s files from now on, its committed records ending at {@code length} in {@code file}. */
    void archive(long run, String base, String file, long length) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE runs SET warc = ? WHERE id = ?")) {
            update.setString(1, base);
            update.setLong(2, run);
            update.executeUpdate();
        }
        archiveCommitted(run, file, length);
    }

    /** Where the run's committed WARC records end. */
    void archiveCommitted(long run, String file, long length) throws SQLException {
        archived.setString(1, file);
        archived.setLong(2, length);
        archived.setLong(3, run);
        archived.executeUpdate();
    }

    long start(Instant at, String output, long pid) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO runs(started_at, status, output, pid)"
                + " VALUES (?, 'running', ?, ?) RETURNING id")) {
            insert.setString(1, Schema.time(at));
            insert.setString(2, output);
            insert.setLong(3, pid);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    Instant startedAt(long run) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT started_at FROM runs WHERE id = ?")) {
            select.setLong(1, run);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return Schema.time(row.getString(1));
            }
        }
    }

    /**
     * Takes queued URLs deeper than {@code maxDepth} out of the run (run 0: in no run), for a run
     * resumed or recrawled with a smaller {@code --max-depth}; a shorter path queues them again.
     * Without a limit (empty) there is nothing to drop.
     */
    void dropBeyond(long run, OptionalInt maxDepth) throws SQLException {
        if (maxDepth.isEmpty()) {
            return;
        }
        try (PreparedStatement drop = db.prepareStatement(
                "UPDATE urls SET run = 0 WHERE run = ? AND state = 0 AND depth > ?")) {
            drop.setLong(1, run);
            drop.setInt(2, maxDepth.getAsInt());
            drop.executeUpdate();
        }
    }

    /** How many URLs of the run are queued, and the last queue_seq given out in it. */
    long[] queue(long run) throws SQLException {
        try (PreparedStatement count = db.prepareStatement("SELECT count(*) FILTER (WHERE state = 0),"
                + " coalesce(max(queue_seq), 0) FROM urls WHERE run = ?")) {
            count.setLong(1, run);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        }
    }

    /** URLs known to the run: queued, in flight or done. */
    long known(long run) throws SQLException {
        try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM urls WHERE run = ?")) {
            count.setLong(1, run);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    Set<String> admittedHosts(long run) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT host FROM scope_hosts WHERE run = ?")) {
            select.setLong(1, run);
            Set<String> hosts = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    hosts.add(rows.getString(1));
                }
            }
            return hosts;
        }
    }

    void admitHost(long run, String host) throws SQLException {
        admitHost.setLong(1, run);
        admitHost.setString(2, host);
        admitHost.executeUpdate();
    }

    /** The output's committed length, and the lines that end there (null: all of them are written). */
    void outputCommitted(long run, long length, byte[] batch) throws SQLException {
        committed.setLong(1, length);
        committed.setBytes(2, batch);
        committed.setLong(3, run);
        committed.executeUpdate();
    }

    /**
     * The records the run has made so far: its pages done with a fetch in it (not those carried over
     * by {@code --recrawl-after}, nor redirect targets, which have no fetch of their own), by error.
     */
    RecordCounts recorded(long run) throws SQLException {
        try (PreparedStatement count = db.prepareStatement("SELECT error, count(*) FROM urls"
                + " WHERE run = ? AND state = 1 AND fetched_run = ? GROUP BY error")) {
            count.setLong(1, run);
            count.setLong(2, run);
            long records = 0;
            Map<String, Long> errors = new HashMap<>();
            try (ResultSet rows = count.executeQuery()) {
                while (rows.next()) {
                    records += rows.getLong(2);
                    if (rows.getString(1) != null) {
                        errors.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            return new RecordCounts(records, errors);
        }
    }

    void end(long run, boolean finished, Instant at) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE runs SET status = ?, ended_at = ? WHERE id = ?")) {
            update.setString(1, finished ? "finished" : "interrupted");
            update.setString(2, Schema.time(at));
            update.setLong(3, run);
            update.executeUpdate();
        }
    }
}
