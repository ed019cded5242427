package dev.trawl.postgres;

import dev.trawl.config.SharedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One connection to the shared state's database that outlives the server going away for a while: a
 * call that fails because the connection was lost is run again on a new connection, retried with
 * backoff (0.25 s doubling to 5 s) until the outage has lasted {@code patience}; then it fails with
 * {@link SharedStateException}. Not thread-safe: callers take turns (they synchronize on it).
 */
public final class Database implements AutoCloseable {
    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MOST_BACKOFF = Duration.ofSeconds(5);

    /** How long {@link #callBriefly} rides out a lost connection. */
    private static final Duration BRIEF = Duration.ofSeconds(1);

    /** Times in a row a call is run again after the server rolled it back (a deadlock, a conflict). */
    static final int MOST_ROLLBACKS = 10;

    private final SharedDatabase address;
    private final Duration patience;
    private final boolean durable;
    private Connection connection;

    /** A connection whose commits are durable: a page's completion and its record. */
    public Database(SharedDatabase address, Duration patience) throws SQLException {
        this(address, patience, true);
    }

    /**
     * @param patience how long an outage is ridden out before calls fail
     * @param durable  whether a commit waits for the server's disk; false for what a crash may lose
     *                 harmlessly (heartbeats, a host's slots, which expire), as that wait costs each
     *                 request two disk flushes
     * @throws SQLException the database cannot be reached now (no patience at start: a typo in the URL
     *                      should not take a minute to report)
     */
    public Database(SharedDatabase address, Duration patience, boolean durable) throws SQLException {
        this.address = address;
        this.patience = patience;
        this.durable = durable;
        this.connection = open();
    }

    private Connection open() throws SQLException {
        Connection opened = SharedCrawl.connect(address);
        if (!durable) {
            try (var sql = opened.createStatement()) {
                sql.execute("SET synchronous_commit TO off");
            }
        }
        return opened;
    }

    /** Runs the work, again on a new connection after a lost one, for as long as the patience lasts. */
    public <T> T call(String what, Work<T> work) {
        return call(what, work, patience);
    }

    /**
     * Runs the work, again on a new connection after a lost one, for a second at most: for what a
     * crawl that is ending does (its goodbye, its last count), perhaps because the database went away
     * for the whole worker timeout already; the others' timeout stands in for what this cannot do.
     */
    public <T> T callBriefly(String what, Work<T> work) {
        return call(what, work, BRIEF);
    }

    private <T> T call(String what, Work<T> work, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        Duration backoff = FIRST_BACKOFF;
        int rolledBack = 0;
        while (true) {
            SQLException failure;
            try {
                if (connection == null) {
                    connection = open();
                }
                return work.run(connection);
            } catch (SQLException e) {
                failure = e;
            }
            if (rolledBackByServer(failure) && ++rolledBack <= MOST_ROLLBACKS) {
                continue; // the server undid the whole transaction: the work runs again as if for the first time
            }
            if (!lost(failure)) {
                throw new SharedStateException(what, failure);
            }
            dropConnection();
            if (System.nanoTime() + backoff.toNanos() > deadline) {
                throw new SharedStateException("lost PostgreSQL at " + address.shown() + " for "
                        + patience.toSeconds() + " s (" + what + ")", failure);
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SharedStateException(what + ": interrupted while the database was away", failure);
            }
            backoff = backoff.multipliedBy(2).compareTo(MOST_BACKOFF) > 0 ? MOST_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Runs the work in one transaction on the connection: committed when it returns, rolled back when it throws. */
    static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            connection.setAutoCommit(autoCommit);
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            } catch (SQLException lost) {
                e.addSuppressed(lost); // the connection is gone: the caller sees why the work failed
            }
            throw e;
        }
    }

    /**
     * Whether the server rolled the transaction back to break a deadlock or a serialization conflict
     * with another worker's: nothing it did stays, and running it again is the remedy.
     */
    static boolean rolledBackByServer(SQLException failure) {
        return "40P01".equals(failure.getSQLState()) || "40001".equals(failure.getSQLState());
    }

    /** Whether the failure is the connection's (server gone, restarted, network), not the statement's. */
    static boolean lost(SQLException failure) {
        String state = failure.getSQLState();
        return state == null || state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03");
    }

    private void dropConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // It is gone anyway.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        dropConnection();
    }
}
