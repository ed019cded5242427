package dev.trawl.bench;

import dev.trawl.postgres.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL server of {@link SharedCrawlBench}: a fresh database for each run, and what a run
 * cost the server, its CPU (from /proc, when the server runs on this machine) and its transactions
 * (from pg_stat_database). One connection of its own, to the server's maintenance database (or the
 * one given), so that its own queries count in neither figure of a run's database.
 */
final class BenchPostgres implements AutoCloseable {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Connection admin;
    private final Connection sampler; // pg_stat_activity during a run; its backend's CPU is left out
    private final long samplerBackend;
    private final String hostPort;
    private final List<String> parameters; // of the URL, without the password
    private final String password; // null: none, or the driver reads ~/.pgpass
    private final String where;
    private final long postmaster; // -1 when the server is not a process of this machine

    private BenchPostgres(String jdbcUrl, String where) throws SQLException {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        this.hostPort = uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort());
        this.parameters = new ArrayList<>();
        String fromUrl = null;
        for (String p : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
            if (p.toLowerCase(Locale.ROOT).startsWith("password=")) {
                fromUrl = p.substring("password=".length());
            } else if (!p.isEmpty()) {
                parameters.add(p);
            }
        }
        // trawl takes no password in --state: the workers get it as PGPASSWORD, as a user would give it.
        this.password = fromUrl != null ? fromUrl : System.getenv("PGPASSWORD");
        Properties properties = new Properties();
        if (password != null) {
            properties.setProperty("password", password);
        }
        this.admin = DriverManager.getConnection(jdbcUrl, properties);
        this.sampler = DriverManager.getConnection(jdbcUrl, properties);
        try (Statement sql = sampler.createStatement(); ResultSet rs = sql.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            this.samplerBackend = rs.getLong(1);
        }
        this.where = where;
        this.postmaster = isLoopback(uri.getHost()) ? postmasterOf(backendPid()) : -1;
    }

    /** The tests' own PostgreSQL (zonky's PostgreSQL 14 binaries, as {@link TestPostgres} runs them). */
    static BenchPostgres embedded() throws SQLException {
        int port = TestPostgres.server().port();
        return new BenchPostgres("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres",
                "the tests' PostgreSQL (TestPostgres), 127.0.0.1:" + port);
    }

    /** An existing server; its role must be allowed to create databases (CREATEDB). */
    static BenchPostgres existing(String jdbcUrl) throws SQLException {
        return new BenchPostgres(jdbcUrl, null);
    }

    /** The server's version and the settings that weigh on a commit's cost. */
    String describe() throws SQLException {
        String version = queryString("SELECT split_part(version(), ' ', 2)");
        String settings = queryString("SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name)"
                + " FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_connections',"
                + " 'deadlock_timeout')");
        return String.format(Locale.ROOT, "PostgreSQL %s, %s (%s); its CPU %s", version,
                where != null ? where : hostPort, settings,
                postmaster > 0 ? "from /proc: postmaster pid " + postmaster + " and its children"
                        : "unknown (not a server on this machine)");
    }

    String createDatabase(String name) throws SQLException {
        try (Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new SQLException("the role may not create databases, which the benchmark needs (one a run):"
                        + " as postgres, ALTER ROLE " + queryString("SELECT current_user") + " CREATEDB", e);
            }
            throw e;
        }
        return name;
    }

    void dropDatabase(String name) throws SQLException {
        try (Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** trawl's --state for the database: the URL's parameters (user=...), never its password. */
    String stateUrl(String database) {
        return "postgresql://" + hostPort + "/" + database + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    }

    /** What the workers' environment needs: the password, when there is one. */
    Map<String, String> workerEnvironment() {
        return password == null ? Map.of() : Map.of("PGPASSWORD", password);
    }

    /**
     * The server's CPU so far, user + system, in nanoseconds; -1 when unknown. A backend's time is
     * lost with it when it exits, unless counted at its parent: so the postmaster's own time, plus its
     * children's that it has reaped (cutime, cstime: every backend of a worker that has gone), plus
     * each live child's (the background processes, and the bench's own backend, but not its sampler's). Read where no
     * backend is exiting (before a run, and once its backends are gone), so none is counted twice.
     */
    long cpuNanos() throws IOException {
        if (postmaster < 0) {
            return -1;
        }
        long[] pm = stat(postmaster);
        if (pm == null) {
            return -1;
        }
        long ticks = pm[1] + pm[2] + pm[3] + pm[4];
        for (ProcessHandle child : ProcessHandle.of(postmaster).map(h -> h.children().toList()).orElse(List.of())) {
            long[] s = child.pid() == samplerBackend ? null : stat(child.pid());
            if (s != null) {
                ticks += s[1] + s[2] + s[3] + s[4];
            }
        }
        return Math.round(ticks / TICKS_PER_SECOND * 1e9);
    }

    /** Waits until no backend is connected to the database (the workers have exited: their backends follow). */
    void awaitNoBackends(String database, long timeoutNanos) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = ?", database) > 0) {
            if (System.nanoTime() > deadline) {
                throw new SQLException("backends still connected to " + database + " after the workers exited");
            }
            Thread.sleep(20);
        }
    }

    /** A database's transactions (committed and rolled back) and deadlocks, as its statistics say now. */
    record Stats(long transactions, long deadlocks) {
        Stats minus(Stats before) {
            return new Stats(transactions - before.transactions, deadlocks - before.deadlocks);
        }
    }

    Stats stats(String database) throws SQLException {
        try (Statement sql = admin.createStatement()) {
            // The statistics are read once per transaction and kept: read afresh.
            sql.execute("SELECT pg_stat_clear_snapshot()");
        }
        try (PreparedStatement sql = admin.prepareStatement("SELECT coalesce(sum(xact_commit + xact_rollback), 0),"
                + " coalesce(sum(deadlocks), 0) FROM pg_stat_database WHERE datname = ?")) {
            sql.setString(1, database);
            try (ResultSet rs = sql.executeQuery()) {
                rs.next();
                return new Stats(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /**
     * The statistics once they have caught up with the backends that exited: PostgreSQL 14 sends them
     * to its collector as each backend exits, and a reader sees the collector's file, up to half a
     * second old; 15+ keeps them in shared memory, flushed as each backend exits. So: the figures once
     * they have not changed for 1.5 s (at most 20 s).
     */
    Stats settledStats(String database) throws SQLException, InterruptedException {
        Stats last = stats(database);
        long since = System.nanoTime();
        long deadline = since + 20_000_000_000L;
        while (System.nanoTime() - since < 1_500_000_000L && System.nanoTime() < deadline) {
            Thread.sleep(250);
            Stats now = stats(database);
            if (!now.equals(last)) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    /** What the database's backends were doing, averaged over the samples of a run. */
    record Activity(int samples, double active, double onLock, double turnsOnLock, double completionsOnLock) {
    }

    /**
     * Samples pg_stat_activity every 100 ms, until closed: how many of the database's backends were in a
     * statement, and how many of those waited for a lock (heavyweight: a row, a transaction), in all and
     * in a host's turn (trawl_take_slot) or a page's completion (trawl_complete). Its backend's CPU is
     * not counted as the server's.
     */
    final class ActivitySampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean stopped;
        private final double[] sums = new double[4];
        private int samples;
        private SQLException failure;

        ActivitySampler(String database) {
            thread = Thread.ofPlatform().daemon().name("activity-sampler").start(() -> loop(database));
        }

        private void loop(String database) {
            String query = """
                    SELECT count(*) FILTER (WHERE state = 'active'),
                        count(*) FILTER (WHERE wait_event_type = 'Lock'),
                        count(*) FILTER (WHERE wait_event_type = 'Lock' AND query LIKE '%trawl_take_slot%'),
                        count(*) FILTER (WHERE wait_event_type = 'Lock' AND query LIKE '%trawl_complete%')
                    FROM pg_stat_activity WHERE datname = ?""";
            try (PreparedStatement sql = sampler.prepareStatement(query)) {
                sql.setString(1, database);
                while (!stopped) {
                    try (ResultSet rs = sql.executeQuery()) {
                        rs.next();
                        for (int i = 0; i < sums.length; i++) {
                            sums[i] += rs.getLong(i + 1);
                        }
                        samples++;
                    }
                    Thread.sleep(100);
                }
            } catch (SQLException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Stops sampling; the means over the samples. */
        Activity stop() throws SQLException, InterruptedException {
            stopped = true;
            thread.join();
            if (failure != null) {
                throw failure;
            }
            int n = Math.max(1, samples);
            return new Activity(samples, sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n);
        }

        @Override
        public void close() {
            stopped = true;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    ActivitySampler sampleActivity(String database) {
        return new ActivitySampler(database);
    }

    @Override
    public void close() {
        try {
            admin.close();
            sampler.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }

    private long backendPid() throws SQLException {
        return queryLong("SELECT pg_backend_pid()");
    }

    /** The parent of our backend, when that backend is a postgres process of this machine. */
    private static long postmasterOf(long backend) {
        try {
            long[] s = stat(backend);
            if (s == null || !isPostgres(backend) || !isPostgres(s[0])) {
                return -1;
            }
            return s[0];
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean isPostgres(long pid) throws IOException {
        Path comm = Path.of("/proc", Long.toString(pid), "comm");
        return Files.exists(comm) && Files.readString(comm).strip().startsWith("postgres");
    }

    /** ppid, utime, stime, cutime, cstime (in ticks) of a process; null when it has gone. */
    private static long[] stat(long pid) throws IOException {
        String line;
        try {
            line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
        // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
            Long.parseLong(f[14])};
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private String queryString(String query) throws SQLException {
        try (Statement sql = admin.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long queryLong(String query, String... args) throws SQLException {
        try (PreparedStatement sql = admin.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                sql.setString(i + 1, args[i]);
            }
            try (ResultSet rs = sql.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
