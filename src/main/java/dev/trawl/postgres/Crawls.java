package dev.trawl.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The crawls a database holds, by name: a worker joins one only with the settings it was started with. */
public final class Crawls {
    private Crawls() {
    }

    /** Thrown when a crawl of that name exists with other seeds or options. */
    public static final class SettingsMismatch extends SQLException {
        SettingsMismatch(String name) {
            super("the crawl '" + name + "' in this database was started with other options;"
                    + " use the same ones, or another crawl name (--crawl NAME)", "22023");
        }
    }

    /**
     * The id of the crawl of that name, made with these settings if there is none (two workers making
     * it at once get the same one).
     *
     * @param settings what must be equal for two workers to share the crawl (seeds, scope, limits)
     */
    public static long open(Connection connection, String name, String settings) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO crawls (name, settings) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, name);
            insert.setString(2, settings);
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT id, settings FROM crawls WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet crawl = select.executeQuery()) {
                crawl.next();
                if (!crawl.getString(2).equals(settings)) {
                    throw new SettingsMismatch(name);
                }
                return crawl.getLong(1);
            }
        }
    }
}
