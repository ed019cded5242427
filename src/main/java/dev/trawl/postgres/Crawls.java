package dev.trawl.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The crawls a database holds, by name: a worker joins one only with the settings it was started
 * with, and joins its current run, or begins the next one (a recrawl) when the current one is over.
 */
public final class Crawls {
    /** The crawl a worker joined: its id, and the run under way. */
    public record Joined(long id, long run, Instant runStarted) {
    }

    private Crawls() {
    }

    /** Thrown when a crawl of that name exists with other seeds or options. */
    public static final class SettingsMismatch extends SQLException {
        SettingsMismatch(String name) {
            super("the crawl '" + name + "' in this database was started with other options;"
                    + " use the same ones, or another crawl name (--crawl NAME)", "22023");
        }
    }

    /**
     * Joins the crawl of that name, made with these settings if there is none (two workers making it at
     * once get the same one). A crawl whose run is over begins its next run; workers joining it together
     * begin one run between them (the row's lock orders them, and the second finds the run under way).
     *
     * @param settings what must be equal for two workers to share the crawl (seeds, scope, limits)
     */
    public static Joined open(Connection connection, String name, String settings) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO crawls (name, settings) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, name);
            insert.setString(2, settings);
            insert.executeUpdate();
        }
        try (PreparedStatement next = connection.prepareStatement("""
                UPDATE crawls SET run = run + 1, run_started = now(), run_ended = NULL, unreached_queued = false
                WHERE name = ? AND settings = ? AND run_ended IS NOT NULL""")) {
            next.setString(1, name);
            next.setString(2, settings);
            next.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, settings, run, run_started FROM crawls WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet crawl = select.executeQuery()) {
                crawl.next();
                if (!crawl.getString(2).equals(settings)) {
                    throw new SettingsMismatch(name);
                }
                return new Joined(crawl.getLong(1), crawl.getLong(3), crawl.getTimestamp(4).toInstant());
            }
        }
    }

    /**
     * The run is drained (nothing queued or leased in it): queues, once per run, the URLs earlier runs
     * fetched that this one has not reached (nothing links to them any more), within the depth limit,
     * and returns how many; when there are none, or they were queued already, marks the run over and
     * returns 0. Under the crawl row's lock, so that one worker queues them and the run ends once;
     * returns what is left when another worker's page brought work meanwhile, and 0 when the run ended.
     * URLs fetched since {@code freshAfter} (--recrawl-after; null: none) are left out.
     */
    static long drained(Connection connection, long crawl, long run, int maxDepth, Instant freshAfter)
            throws SQLException {
        return Database.inTransaction(connection, c -> {
            boolean unreachedQueued;
            try (PreparedStatement lock = c.prepareStatement(
                    "SELECT run, run_ended IS NOT NULL, unreached_queued FROM crawls WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, crawl);
                try (ResultSet row = lock.executeQuery()) {
                    row.next();
                    if (row.getLong(1) != run || row.getBoolean(2)) {
                        return 0L;
                    }
                    unreachedQueued = row.getBoolean(3);
                }
            }
            UrlLeases.Pending counts = UrlLeases.pending(c, crawl, run);
            if (!counts.drained()) {
                return counts.queued() + counts.leased();
            }
            if (!unreachedQueued) {
                long queued;
                try (PreparedStatement unreached = c.prepareStatement("""
                        UPDATE urls SET run = ?, state = 1, worker = NULL, carry = false
                        WHERE crawl = ? AND run < ? AND fetched_run IS NOT NULL AND depth <= ?
                        AND NOT coalesce(fetched_at >= ?, false)""")) {
                    unreached.setLong(1, run);
                    unreached.setLong(2, crawl);
                    unreached.setLong(3, run);
                    unreached.setInt(4, maxDepth);
                    unreached.setTimestamp(5, freshAfter == null ? null : Timestamp.from(freshAfter));
                    queued = unreached.executeUpdate();
                }
                try (PreparedStatement mark = c.prepareStatement(
                        "UPDATE crawls SET unreached_queued = true WHERE id = ?")) {
                    mark.setLong(1, crawl);
                    mark.executeUpdate();
                }
                if (queued > 0) {
                    return queued;
                }
            }
            try (PreparedStatement end = c.prepareStatement("UPDATE crawls SET run_ended = now() WHERE id = ?")) {
                end.setLong(1, crawl);
                end.executeUpdate();
            }
            return 0L;
        });
    }
}
