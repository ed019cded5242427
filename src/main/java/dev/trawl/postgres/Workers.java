package dev.trawl.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The processes working on a crawl. Each shows it is alive by a heartbeat; one that has not beaten
 * for its timeout (a kill -9, a lost machine) is dead, and {@link UrlLeases#reclaim} gives its URLs to
 * the others. The condition is {@link #DEAD}, in SQL, over a row {@code w} of {@code workers}.
 */
public final class Workers {
    /** Whether worker row {@code w} left or has been silent longer than its own timeout. */
    static final String DEAD = "(w.stopped OR w.heartbeat < now() - make_interval(secs => w.timeout_ms / 1000.0))";

    /** Another live worker writes to the same output file. */
    public static final class OutputInUse extends SQLException {
        OutputInUse(String output, long pid) {
            super(output + " is being written by another worker of this crawl (pid " + pid + ")", "55006");
        }
    }

    private Workers() {
    }

    /** The timeout of {@link #join(Connection, long, String, long)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    /** A new worker of the crawl, taken for dead after a minute's silence; returns its id. */
    public static long join(Connection connection, long crawl, String machine, long pid) throws SQLException {
        return join(connection, crawl, machine, pid, DEFAULT_TIMEOUT);
    }

    /** A new worker of the crawl, taken for dead after {@code timeout} without a heartbeat; returns its id. */
    public static long join(Connection connection, long crawl, String machine, long pid, Duration timeout)
            throws SQLException {
        return join(connection, crawl, machine, pid, timeout, null);
    }

    /**
     * A new worker writing to {@code output} (this machine and a path; null for stdout). An earlier
     * worker on the same output whose process is not running any more (the output names this machine,
     * so its pid can be asked about here) is this one started again: it is taken as gone at once, so
     * its URLs come back without waiting for its timeout.
     *
     * @throws OutputInUse a running trawl on this machine writes to that output for this crawl
     */
    public static long join(Connection connection, long crawl, String machine, long pid, Duration timeout, String output)
            throws SQLException {
        if (output != null) {
            try (PreparedStatement live = connection.prepareStatement(
                    "SELECT w.pid FROM workers w WHERE w.crawl = ? AND w.output = ? AND NOT %s".formatted(DEAD))) {
                live.setLong(1, crawl);
                live.setString(2, output);
                try (ResultSet other = live.executeQuery()) {
                    while (other.next()) {
                        long otherPid = other.getLong(1);
                        if (ProcessHandle.of(otherPid).map(ProcessHandle::isAlive).orElse(false)) {
                            throw new OutputInUse(output, otherPid);
                        }
                    }
                }
            }
            try (PreparedStatement gone = connection.prepareStatement(
                    "UPDATE workers SET stopped = true WHERE crawl = ? AND output = ?")) {
                gone.setLong(1, crawl);
                gone.setString(2, output);
                gone.executeUpdate();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO workers (crawl, machine, pid, timeout_ms, output) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            insert.setLong(1, crawl);
            insert.setString(2, machine);
            insert.setLong(3, pid);
            insert.setLong(4, timeout.toMillis());
            insert.setString(5, output);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    /** The worker is alive; false when it was already taken for dead or left (its leases may be gone). */
    public static boolean beat(Connection connection, long worker) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE workers SET heartbeat = now() WHERE id = ? AND NOT stopped")) {
            update.setLong(1, worker);
            return update.executeUpdate() == 1;
        }
    }

    /** The worker stops: its leases go back at once, without waiting for the timeout. */
    public static void leave(Connection connection, long worker) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE workers SET stopped = true WHERE id = ?")) {
            update.setLong(1, worker);
            update.executeUpdate();
        }
    }
}
