package dev.trawl.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The state's tables, created on first open and brought up to date on every open: a new file gets
 * the version-1 tables and then every migration step, exactly as an old file does, so there is one
 * way to reach the current schema. Users read the tables with the {@code sqlite3} shell, so names are
 * plain words; the package documentation describes each column. Times are UTC ISO-8601 text with
 * exactly three fraction digits ({@code 2025-01-31T22:04:05.120Z}), so that text order is time order
 * in SQL.
 */
final class Schema {
    static final int VERSION = 3;

    /** Version 1, as trawl 1 created it; never changed, only migrated. */
    private static final String[] VERSION_1 = {
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
     * Version 1 to 2 (issue 10): {@code urls.error}, the error type of a URL's last record, so that a
     * resumed run counts the errors recorded before a crash; pages fetched by version 1 get
     * {@code http} from their status where it was 400 or more (the only type a status tells).
     * {@code runs.output_pending}, the batch of lines a commit stores before writing them to the
     * output, so that a line that reached the file is never taken back. {@code urls.content}, what a
     * URL's last 2xx answer gave its record ({@link ContentCodec}), so that a later 304's record
     * carries it; and an index of redirect targets by the page that claimed them, which a
     * --recrawl-after run carries along with that page.
     */
    private static final List<String> TO_VERSION_2 = List.of(
        "ALTER TABLE urls ADD COLUMN error TEXT",
        "UPDATE urls SET error = 'http' WHERE fetched_at IS NOT NULL AND status >= 400",
        "ALTER TABLE runs ADD COLUMN output_pending BLOB",
        "ALTER TABLE urls ADD COLUMN content BLOB",
        "CREATE INDEX urls_redirects ON urls(redirected_from) WHERE redirected_from IS NOT NULL");

    /**
     * Version 2 to 3 (issue 13): where the run's committed WARC records end ({@code runs.warc}, the
     * {@code --warc} name; {@code runs.warc_file} and {@code runs.warc_length}, the file and its
     * committed length), so that a resume cuts what a crash left after them; and the WARC-Record-ID
     * and WARC-Date of the response record holding a URL's last body ({@code urls.warc_record_id},
     * {@code urls.warc_date}), for a later revisit record's {@code WARC-Refers-To}.
     */
    private static final List<String> TO_VERSION_3 = List.of(
        "ALTER TABLE runs ADD COLUMN warc TEXT",
        "ALTER TABLE runs ADD COLUMN warc_file TEXT",
        "ALTER TABLE runs ADD COLUMN warc_length INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE urls ADD COLUMN warc_record_id TEXT",
        "ALTER TABLE urls ADD COLUMN warc_date TEXT");

    /** Step i takes a state of version i + 1 to version i + 2. */
    private static final List<List<String>> MIGRATIONS = List.of(TO_VERSION_2, TO_VERSION_3);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Schema() {
    }

    /**
     * Creates the tables of an empty database, or checks that a used one is trawl state this version
     * can read and migrates it in place to {@link #VERSION}; in one transaction, so a crash leaves the
     * file as it was or up to date. Call with auto-commit off.
     */
    static void createOrCheck(Connection db) throws SQLException, StateException {
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
            int version;
            if (hasMeta) {
                version = version(statement);
                if (version < 1) {
                    throw new StateException("not a trawl state file (schema_version " + version + ")");
                }
                if (version > VERSION) {
                    throw new StateException("the state was written by a newer trawl (schema version " + version
                            + "; this trawl reads version " + VERSION + ")");
                }
            } else {
                for (String table : VERSION_1) {
                    statement.execute(table);
                }
                statement.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '1')");
                version = 1;
            }
            if (version < VERSION) {
                for (List<String> step : MIGRATIONS.subList(version - 1, VERSION - 1)) {
                    for (String sql : step) {
                        statement.execute(sql);
                    }
                }
                statement.execute("UPDATE meta SET value = '" + VERSION + "' WHERE key = 'schema_version'");
            }
            db.commit();
        } catch (SQLException | StateException | RuntimeException e) {
            db.rollback();
            throw e;
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
