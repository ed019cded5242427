package dev.trawl.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a state file the way a user with the sqlite3 shell would: a connection of its own. */
final class Sql {
    private Sql() {
    }

    static List<List<Object>> rows(Path file, String sql, Object... args) {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static Object value(Path file, String sql, Object... args) {
        List<List<Object>> rows = rows(file, sql, args);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    static void execute(Path file, String sql) {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            db.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
