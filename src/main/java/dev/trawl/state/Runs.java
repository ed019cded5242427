package dev.trawl.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code runs} and {@code scope_hosts} tables, and what starting a run does to {@code urls}.
 * Not thread-safe: the store's lock guards the one connection.
 */
final class Runs {
    /** The latest run, if any. */
    record Last(long id, String status, long outputLength) {
        boolean unfinished() {
            return !"finished".equals(status);
        }
    }

    private final Connection db;
    private final PreparedStatement admitHost;
    private final PreparedStatement outputLength;

    Runs(Connection db) throws SQLException {
        this.db = db;
        admitHost = db.prepareStatement("INSERT OR IGNORE INTO scope_hosts(run, host) VALUES (?, ?)");
        outputLength = db.prepareStatement("UPDATE runs SET output_length = ? WHERE id = ?");
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

    /** The output file the run writes to (absolute path), or null for stdout. */
    String output(long run) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT output FROM runs WHERE id = ?")) {
            select.setLong(1, run);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** The run writes to another file from now on: its committed length starts again from 0. */
    void output(long run, String output) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE runs SET output = ?, output_length = 0 WHERE id = ?")) {
            update.setString(1, output);
            update.setLong(2, run);
            update.executeUpdate();
        }
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

    /**
     * Makes every URL of earlier runs part of the new run {@code run}. Those fetched at or after
     * {@code notBefore} (when given) are carried over as done: not fetched again, not queued again by a
     * link, their stored links still used for depth relaxation; a redirect target goes with the page
     * that redirected to it. The others are queued at their last known depth, shallowest first, with
     * their old links dropped (they belong to the old fetch). Redirect targets of pages queued again
     * stay out of the run: the redirect claims them again, or a link queues them.
     */
    void recrawl(long run, String notBefore) throws SQLException {
        if (notBefore != null) {
            try (PreparedStatement carry = db.prepareStatement("UPDATE urls SET run = ?, state = 1"
                    + " WHERE run < ? AND redirected_from IS NULL AND fetched_at >= ?")) {
                carry.setLong(1, run);
                carry.setLong(2, run);
                carry.setString(3, notBefore);
                carry.executeUpdate();
            }
            try (PreparedStatement carryTargets = db.prepareStatement("UPDATE urls SET run = ?, state = 1"
                    + " WHERE run < ? AND redirected_from IN (SELECT id FROM urls WHERE run = ?)")) {
                carryTargets.setLong(1, run);
                carryTargets.setLong(2, run);
                carryTargets.setLong(3, run);
                carryTargets.executeUpdate();
            }
        }
        try (PreparedStatement requeue = db.prepareStatement("UPDATE urls SET run = ?, state = 0, queue_seq = q.seq"
                + " FROM (SELECT id, row_number() OVER (ORDER BY depth, queue_seq, id) AS seq FROM urls"
                + " WHERE run < ? AND redirected_from IS NULL) AS q WHERE urls.id = q.id")) {
            requeue.setLong(1, run);
            requeue.setLong(2, run);
            requeue.executeUpdate();
        }
        try (PreparedStatement dropLinks = db.prepareStatement(
                "DELETE FROM links WHERE from_id IN (SELECT id FROM urls WHERE run = ? AND state = 0)")) {
            dropLinks.setLong(1, run);
            dropLinks.executeUpdate();
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

    void outputLength(long run, long length) throws SQLException {
        outputLength.setLong(1, length);
        outputLength.setLong(2, run);
        outputLength.executeUpdate();
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
