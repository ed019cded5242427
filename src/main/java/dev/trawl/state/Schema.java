package dev.trawl.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The state's tables, created on first open and checked on every open: the tables of version 1,
 * then each later version's migration step, so that a new state and an upgraded one end the same.
 * Users read them with the {@code sqlite3} shell, so names are plain words; the package
 * documentation describes each column. Times are UTC ISO-8601 text with exactly three fraction
 * digits ({@code 2025-01-31T22:04:05.120Z}), so that text order is time order in SQL.
 */
final class Schema {
    static final int VERSION = 2;

    /** Version 1, as the first trawl with --state wrote it. */
    private static final String[] TABLES = {
        "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)",
        """
        CREATE TABLE IF NOT EXISTS runs(
            id INTEGER PRIMARY KEY,
            started_at TEXT,
            ended_at TEXT,
            status TEXT CHECK(status IN ('running','finished','interrupted')),
            output TEXT,
            output_length INTEGER NOT NULL DEFAULT 0,
            pid INTEGER)""",
        """
        CREATE TABLE IF NOT EXISTS urls(
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            host TEXT NOT NULL,
            run INTEGER NOT NULL,
            state INTEGER NOT NULL,
            depth INTEGER NOT NULL,
            parent TEXT,
            queue_seq INTEGER,
            redirected_from INTEGER,
            status INTEGER,
            etag TEXT,
            last_modified TEXT,
            content_hash TEXT,
            fetched_at TEXT,
            fetched_run INTEGER,
            sitemap_lastmod TEXT)""",
        "CREATE INDEX IF NOT EXISTS urls_queue ON urls(run, state, queue_seq)",
        "CREATE TABLE IF NOT EXISTS links(from_id INTEGER NOT NULL, url TEXT NOT NULL, PRIMARY KEY(from_id, url))"
                + " WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS scope_hosts(run INTEGER, host TEXT, PRIMARY KEY(run, host)) WITHOUT ROWID",
    };

    /**
     * Version 2 (issue 10): each URL's content for a later 304's record ({@link ContentCodec}), and
     * an index to find a page's redirect targets, which a --recrawl-after run carries with it.
     */
    private static final String[] TO_VERSION_2 = {
        "ALTER TABLE urls ADD COLUMN content BLOB",
        "CREATE INDEX urls_redirects ON urls(redirected_from) WHERE redirected_from IS NOT NULL",
    };

    /** The steps from version {@code i + 1} to {@code i + 2}. */
    private static final String[][] MIGRATIONS = {TO_VERSION_2};

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Schema() {
    }

    /**
     * Creates the tables of an empty database, or checks that a used one is trawl state this version
     * can read and brings an older version's tables up to this one, in one transaction.
     */
    static void createOrCheck(Connection db) throws SQLException, StateException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            createOrMigrate(db);
            db.commit();
        } catch (SQLException | StateException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    private static void createOrMigrate(Connection db) throws SQLException, StateException {
        try (Statement statement = db.createStatement()) {
            boolean hasMeta;
            int tables;
            try (ResultSet rows = statement.executeQuery(
                    "SELECT count(*), count(*) FILTER (WHERE name = 'meta') FROM sqlite_schema WHERE type = 'table'")) {
                rows.next();
                tables = rows.getInt(1);
                hasMeta = rows.getInt(2) > 0;
            }
            if (tables > 0 && !hasMeta) {
                throw new StateException("not a trawl state file (an SQLite database with other tables)");
            }
            int version = 1;
            if (hasMeta) {
                version = version(statement);
                if (version > VERSION) {
                    throw new StateException("the state was written by a newer trawl (schema version " + version
                            + "; this trawl reads version " + VERSION + ")");
                }
            }
            for (String table : TABLES) {
                statement.execute(table);
            }
            for (; version < VERSION; version++) {
                for (String step : MIGRATIONS[version - 1]) {
                    statement.execute(step);
                }
            }
            statement.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" + VERSION + "')");
        }
    }

    private static int version(Statement statement) throws SQLException, StateException {
        try (ResultSet rows = statement.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            if (!rows.next()) {
                throw new StateException("not a trawl state file (no schema_version)");
            }
            try {
                return Integer.parseInt(rows.getString(1).trim());
            } catch (NumberFormatException | NullPointerException e) {
                throw new StateException("not a trawl state file (schema_version " + rows.getString(1) + ")");
            }
        }
    }

    static String time(Instant instant) {
        return TIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static Instant time(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
