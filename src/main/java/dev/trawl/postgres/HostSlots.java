package dev.trawl.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Politeness held for the crawl as a whole, not per worker: a host sees at most {@code perHost}
 * requests in flight from all workers together, and its requests start at least {@code gap} apart.
 * A slot is a row held by a worker; slots of workers taken for dead (no heartbeat for the lease
 * timeout, or left) do not count, so a killed worker cannot hold a host's slots for ever. Deciding
 * takes the host's row lock for one short transaction, so two workers never both take a host's last slot.
 */
public final class HostSlots {
    /** The answer to a worker asking to start a request to a host. */
    public sealed interface Turn {
        /** Start now; give the slot back with {@link #release} when the request is over. */
        record Granted(long slot) implements Turn {
        }

        /** Not before this long from now (the host's gap), or until a slot is free (all taken). */
        record Wait(Duration atLeast) implements Turn {
        }
    }

    /** How long a worker that found every slot taken waits before asking again. */
    static final Duration FULL_RETRY = Duration.ofMillis(50);

    private HostSlots() {
    }

    /**
     * A slot for a request to the host now, or how long to wait.
     *
     * @param gap     least time between two request starts to the host (delay, Crawl-delay, back-off)
     * @param timeout a slot older than this is not counted (no request lasts that long: its release was
     *                lost); a worker's slots stop counting once it is dead by its own timeout
     */
    public static Turn take(Connection connection, long crawl, String host, long worker, int perHost, Duration gap,
            Duration timeout) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            Turn turn = decide(connection, crawl, host, worker, perHost, gap, timeout);
            connection.commit();
            return turn;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Turn decide(Connection connection, long crawl, String host, long worker, int perHost, Duration gap,
            Duration timeout) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO hosts (crawl, host, next_start) VALUES (?, ?, now()) ON CONFLICT DO NOTHING")) {
            insert.setLong(1, crawl);
            insert.setString(2, host);
            insert.executeUpdate();
        }
        long waitMillis;
        try (PreparedStatement lock = connection.prepareStatement("""
                SELECT greatest(0, ceil(extract(epoch FROM next_start - clock_timestamp()) * 1000))::bigint
                FROM hosts WHERE crawl = ? AND host = ? FOR UPDATE""")) {
            lock.setLong(1, crawl);
            lock.setString(2, host);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                waitMillis = row.getLong(1);
            }
        }
        if (waitMillis > 0) {
            return new Turn.Wait(Duration.ofMillis(waitMillis));
        }
        try (PreparedStatement count = connection.prepareStatement("""
                SELECT count(*) FROM host_slots s JOIN workers w ON w.id = s.worker
                WHERE s.crawl = ? AND s.host = ? AND NOT %s AND s.taken > now() - make_interval(secs => ?)"""
                .formatted(Workers.DEAD))) {
            count.setLong(1, crawl);
            count.setString(2, host);
            count.setDouble(3, timeout.toMillis() / 1000.0);
            try (ResultSet inFlight = count.executeQuery()) {
                inFlight.next();
                if (inFlight.getLong(1) >= perHost) {
                    return new Turn.Wait(FULL_RETRY);
                }
            }
        }
        try (PreparedStatement next = connection.prepareStatement(
                "UPDATE hosts SET next_start = clock_timestamp() + make_interval(secs => ?) WHERE crawl = ? AND host = ?")) {
            next.setDouble(1, gap.toNanos() / 1e9);
            next.setLong(2, crawl);
            next.setString(3, host);
            next.executeUpdate();
        }
        try (PreparedStatement slot = connection.prepareStatement(
                "INSERT INTO host_slots (crawl, host, worker) VALUES (?, ?, ?) RETURNING id")) {
            slot.setLong(1, crawl);
            slot.setString(2, host);
            slot.setLong(3, worker);
            try (ResultSet id = slot.executeQuery()) {
                id.next();
                return new Turn.Granted(id.getLong(1));
            }
        }
    }

    /** The request is over: its slot is free for any worker. */
    public static void release(Connection connection, long slot) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM host_slots WHERE id = ?")) {
            delete.setLong(1, slot);
            delete.executeUpdate();
        }
    }
}
