package dev.trawl.postgres;

import dev.trawl.config.SharedDatabase;
import dev.trawl.fetch.RequestGate;
import dev.trawl.frontier.Admission;
import dev.trawl.state.RecordCounts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * This process's part in a crawl shared through PostgreSQL: its connections, its worker row, its
 * heartbeat and its view of the frontier. Opened before the crawl starts, closed on the crawl's one
 * shutdown path: the leases it has not started go back, and it leaves. Each connection rides out the
 * database going away for as long as the worker timeout: as long as the others would wait for this
 * worker, it waits for the database.
 */
public final class SharedCrawl implements AutoCloseable {
    /** Connections for the hosts' turns, which every request takes and gives back. */
    static final int GATE_CONNECTIONS = 4;
    /** Connections for pages' completions. */
    static final int COMPLETION_CONNECTIONS = 2;

    /** The crawl's name when none is given. */
    public static final String DEFAULT_NAME = "default";

    private final SharedDatabase address;
    private final Database db;
    private final long crawl;
    private final long run;
    private final long worker;
    private final Duration timeout;
    private final Heartbeat heartbeat;
    private final PostgresFrontier frontier;
    private final Connections completions;
    private Connections gateDb;

    private SharedCrawl(SharedDatabase address, Database db, long crawl, long run, long worker, Duration timeout,
            Heartbeat heartbeat, PostgresFrontier frontier, Connections completions) {
        this.address = address;
        this.db = db;
        this.crawl = crawl;
        this.run = run;
        this.worker = worker;
        this.timeout = timeout;
        this.heartbeat = heartbeat;
        this.frontier = frontier;
        this.completions = completions;
    }

    /**
     * Joins the crawl in the database (creating schema and crawl if they are not there yet).
     *
     * @param settings what every worker of the crawl must share (scope, depth, filters), compared as text
     * @param batch    most URLs leased ahead of this worker's scheduler
     * @param timeout  how long this worker may be silent before the others take it for dead, and how
     *                 long it waits for a database that went away
     * @param output   the output file (machine and path), null for stdout
     * @param name     the crawl's name in the database
     * @param recrawlAfter on a recrawl, URLs fetched less than this before the run began are not fetched
     *                 again: they join the run as done, their links followed in their place
     * @throws SQLException the database cannot be reached now
     * @throws SharedStateException it cannot be used (a newer schema, a crawl with other settings)
     */
    public static SharedCrawl open(SharedDatabase address, String settings, OptionalInt maxDepth, Admission admission,
            int batch, Duration timeout, String output, String name, Optional<Duration> recrawlAfter)
            throws SQLException {
        Database db = new Database(address, timeout);
        try {
            Crawls.Joined joined = db.call("could not join the crawl", c -> {
                SharedSchema.migrate(c);
                return Crawls.open(c, name, settings);
            });
            long crawl = joined.id();
            long worker = db.call("could not join the crawl",
                    c -> Workers.join(c, crawl, machine(), ProcessHandle.current().pid(), timeout, output));
            Heartbeat heartbeat = Heartbeat.start(new Database(address, timeout, false), crawl, worker, timeout);
            Connections completions = new Connections(address, timeout, true, COMPLETION_CONNECTIONS);
            return new SharedCrawl(address, db, crawl, joined.run(), worker, timeout, heartbeat,
                    new PostgresFrontier(db, completions, crawl, joined.run(), worker, maxDepth, admission, batch, output,
                            recrawlAfter.map(joined.runStarted()::minus).orElse(null)),
                    completions);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** A connection with the password from PGPASSWORD when it is set (else the driver reads ~/.pgpass). */
    public static Connection connect(SharedDatabase database) throws SQLException {
        Properties properties = new Properties();
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "trawl");
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }

    /** The key of an output file in the database: this machine and the file's absolute path. */
    public static String outputKey(Path file) {
        return machine() + ":" + file.toAbsolutePath().normalize();
    }

    /**
     * The records of the run committed for an output file, in commit order, for a worker started again
     * on it: the file is written anew from them, so a line committed and not yet written when the earlier worker
     * died is not lost, and one written and never committed (its page is someone else's now) is gone.
     */
    public void replay(String output, Consumer<String> line) {
        synchronized (frontier) {
            db.call("could not read the records of " + output, c -> {
                RecordExport.lines(c, crawl, run, output, line);
                return null;
            });
        }
    }

    /** The run's records committed by other workers (this one's earlier incarnations included). */
    public RecordCounts recordedByOthers() {
        synchronized (frontier) {
            return db.callBriefly("could not count the run's records", c -> {
                try (PreparedStatement select = c.prepareStatement("""
                        SELECT error, count(*) FROM records WHERE crawl = ? AND run = ? AND worker <> ? GROUP BY error""")) {
                    select.setLong(1, crawl);
                    select.setLong(2, run);
                    select.setLong(3, worker);
                    long records = 0;
                    Map<String, Long> errors = new HashMap<>();
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            records += rows.getLong(2);
                            if (rows.getString(1) != null) {
                                errors.put(rows.getString(1), rows.getLong(2));
                            }
                        }
                    }
                    return new RecordCounts(records, errors);
                }
            });
        }
    }

    /** The run this worker takes part in (1 for a crawl's first). */
    public long run() {
        return run;
    }

    private static String machine() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    public PostgresFrontier frontier() {
        return frontier;
    }

    /**
     * The gate every request of this worker goes through: the local one, then the host's slots in the
     * database.
     *
     * @param requestTimeout the deadline of one attempt: a slot is held at most about that long
     */
    public synchronized RequestGate gate(RequestGate local, ToIntFunction<String> perHost, ToLongFunction<String> gapNanos,
            ToLongFunction<String> heldNanos, Duration requestTimeout) {
        if (gateDb == null) {
            try {
                gateDb = new Connections(address, timeout, false, GATE_CONNECTIONS);
            } catch (SQLException e) {
                throw new SharedStateException("could not open a connection for the hosts' turns", e);
            }
        }
        Duration slotTimeout = requestTimeout.multipliedBy(2).compareTo(timeout) > 0
                ? requestTimeout.multipliedBy(2) : timeout;
        return new SharedGate(local, perHost, gapNanos, heldNanos, gateDb, crawl, worker, slotTimeout);
    }

    @Override
    public void close() {
        frontier.close();
        completions.close();
        heartbeat.close();
        if (gateDb != null) {
            gateDb.close();
        }
        synchronized (frontier) {
            try {
                db.callBriefly("could not leave the crawl", c -> {
                    Workers.leave(c, worker);
                    return null;
                });
            } catch (SharedStateException e) {
                // The worker timeout stands in for the goodbye.
            }
            db.close();
        }
    }
}
