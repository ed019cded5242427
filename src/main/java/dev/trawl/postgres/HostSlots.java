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
        try (PreparedStatement call = connection.prepareStatement("SELECT trawl_take_slot(?, ?, ?, ?, ?, ?)")) {
            call.setLong(1, crawl);
            call.setString(2, host);
            call.setLong(3, worker);
            call.setInt(4, perHost);
            call.setDouble(5, gap.toNanos() / 1e9);
            call.setDouble(6, timeout.toMillis() / 1000.0);
            try (ResultSet answer = call.executeQuery()) {
                answer.next();
                long value = answer.getLong(1);
                return value > 0 ? new Turn.Granted(value) : new Turn.Wait(Duration.ofMillis(-value));
            }
        }
    }

    /**
     * A worker was told to slow down (429 or 503, with or without Retry-After; timeouts): no worker
     * starts a request to the host before {@code hold} from now (a later start already set stays).
     */
    public static void holdBack(Connection connection, long crawl, String host, Duration hold) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE hosts SET next_start = greatest(next_start, clock_timestamp() + make_interval(secs => ?))
                WHERE crawl = ? AND host = ?""")) {
            update.setDouble(1, hold.toNanos() / 1e9);
            update.setLong(2, crawl);
            update.setString(3, host);
            update.executeUpdate();
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
