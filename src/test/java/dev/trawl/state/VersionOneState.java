package dev.trawl.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** State files as the first trawl with --state (schema version 1) wrote them, for tests of the upgrade. */
public final class VersionOneState {
    private VersionOneState() {
    }

    /**
     * Writes {@code version-1.sql} into an empty state file: the schema exactly as version 1 created
     * it, and a run killed mid-crawl (see the script).
     */
    static void create(Path state) throws IOException {
        String script;
        try (InputStream in = VersionOneState.class.getResourceAsStream("version-1.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                Sql.execute(state, statement);
            }
        }
    }

    /**
     * Turns a closed state file into the one version 1 would have left after the same crawls: no
     * stored content, error types, stored output batch, index of redirect targets, WARC positions or
     * record ids, pages at depth 0 and 1 without stored links (version 1 kept links from depth 2 on),
     * and schema version 1.
     */
    public static void downgrade(Path state) {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + state);
                Statement statement = db.createStatement()) {
            statement.execute("DROP INDEX urls_redirects");
            statement.execute("ALTER TABLE urls DROP COLUMN content");
            statement.execute("ALTER TABLE urls DROP COLUMN error");
            statement.execute("ALTER TABLE runs DROP COLUMN output_pending");
            statement.execute("ALTER TABLE runs DROP COLUMN warc");
            statement.execute("ALTER TABLE runs DROP COLUMN warc_file");
            statement.execute("ALTER TABLE runs DROP COLUMN warc_length");
            statement.execute("ALTER TABLE urls DROP COLUMN warc_record_id");
            statement.execute("ALTER TABLE urls DROP COLUMN warc_date");
            statement.execute("DELETE FROM links WHERE from_id IN (SELECT id FROM urls WHERE depth < 2)");
            statement.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot downgrade " + state, e);
        }
    }
}
