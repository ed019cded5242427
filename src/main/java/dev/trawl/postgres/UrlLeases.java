package dev.trawl.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared frontier: URLs queued once per crawl, leased by one worker at a time, done once. A claim
 * takes queued URLs with {@code FOR UPDATE SKIP LOCKED}, so workers claiming together never wait for
 * each other and never get the same URL; the lease belongs to the worker, and lasts while it beats.
 */
public final class UrlLeases {
    /** A URL a worker holds: where it was found and how deep. */
    public record Lease(String url, int depth, String parent) {
    }

    /** How much of the crawl is where. */
    public record Counts(long queued, long leased, long done) {
        /** Nothing left to fetch anywhere: every worker's crawl is over. */
        public boolean drained() {
            return queued == 0 && leased == 0;
        }
    }

    private UrlLeases() {
    }

    /** Queues a URL the crawl has not seen; false when it has (queued, leased or done, by anyone). */
    public static boolean enqueue(Connection connection, long crawl, String url, String host, int depth, String parent)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO urls (crawl, url, host, depth, parent, state) VALUES (?, ?, ?, ?, ?, 1)
                ON CONFLICT (crawl, url) DO NOTHING""")) {
            insert.setLong(1, crawl);
            insert.setString(2, url);
            insert.setString(3, host);
            insert.setInt(4, depth);
            insert.setString(5, parent);
            return insert.executeUpdate() == 1;
        }
    }

    /** Leases up to max queued URLs to the worker, shallowest and earliest queued first. */
    public static List<Lease> claim(Connection connection, long crawl, long worker, int max) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE urls SET state = 2, worker = ?
                WHERE id IN (SELECT id FROM urls WHERE crawl = ? AND state = 1
                             ORDER BY depth, id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING url, depth, parent""")) {
            update.setLong(1, worker);
            update.setLong(2, crawl);
            update.setInt(3, max);
            List<Lease> leases = new ArrayList<>();
            try (ResultSet taken = update.executeQuery()) {
                while (taken.next()) {
                    leases.add(new Lease(taken.getString(1), taken.getInt(2), taken.getString(3)));
                }
            }
            return leases;
        }
    }

    /**
     * The worker is done with a URL it leased. False when it no longer held the lease (it was taken for
     * dead and another worker has the URL): its record must then not be kept, or the URL would be
     * recorded twice.
     */
    public static boolean finish(Connection connection, long crawl, String url, long worker) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE urls SET state = 3 WHERE crawl = ? AND url = ? AND worker = ? AND state = 2")) {
            update.setLong(1, crawl);
            update.setString(2, url);
            update.setLong(3, worker);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Queues again the URLs leased by workers that left or have not beaten for their timeout; returns
     * how many. Any worker may run it: it changes nothing a live worker holds.
     */
    public static int reclaim(Connection connection, long crawl) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE urls SET state = 1, worker = NULL
                WHERE crawl = ? AND state = 2 AND worker IN (
                    SELECT w.id FROM workers w WHERE w.crawl = ? AND %s)""".formatted(Workers.DEAD))) {
            update.setLong(1, crawl);
            update.setLong(2, crawl);
            return update.executeUpdate();
        }
    }

    /** The URLs the worker holds a lease on. */
    public static List<String> heldBy(Connection connection, long crawl, long worker) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT url FROM urls WHERE crawl = ? AND worker = ? AND state = 2")) {
            select.setLong(1, crawl);
            select.setLong(2, worker);
            List<String> urls = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    urls.add(rows.getString(1));
                }
            }
            return urls;
        }
    }

    public static Counts counts(Connection connection, long crawl) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT count(*) FILTER (WHERE state = 1), count(*) FILTER (WHERE state = 2),
                       count(*) FILTER (WHERE state = 3)
                FROM urls WHERE crawl = ?""")) {
            select.setLong(1, crawl);
            try (ResultSet counts = select.executeQuery()) {
                counts.next();
                return new Counts(counts.getLong(1), counts.getLong(2), counts.getLong(3));
            }
        }
    }
}
