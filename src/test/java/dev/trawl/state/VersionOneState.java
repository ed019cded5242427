package dev.trawl.state;

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
     * Turns a closed state file into the one version 1 would have left after the same crawls: no
     * stored content and no index of redirect targets, pages at depth 0 and 1 without stored links
     * (version 1 kept links from depth 2 on), and schema version 1.
     */
    public static void downgrade(Path state) {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + state);
                Statement statement = db.createStatement()) {
            statement.execute("DROP INDEX urls_redirects");
            statement.execute("ALTER TABLE urls DROP COLUMN content");
            statement.execute("DELETE FROM links WHERE from_id IN (SELECT id FROM urls WHERE depth < 2)");
            statement.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot downgrade " + state, e);
        }
    }
}
