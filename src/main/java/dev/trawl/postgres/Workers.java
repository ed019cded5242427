package dev.trawl.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The processes working on a crawl. Each shows it is alive by a heartbeat; one that has not beaten
 * for the lease timeout (a kill -9, a lost machine) is dead, and {@link UrlLeases#reclaim} gives its
 * URLs to the others.
 */
public final class Workers {
    private Workers() {
    }

    /** A new worker of the crawl; returns its id. */
    public static long join(Connection connection, long crawl, String machine, long pid) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO workers (crawl, machine, pid) VALUES (?, ?, ?) RETURNING id")) {
            insert.setLong(1, crawl);
            insert.setString(2, machine);
            insert.setLong(3, pid);
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
