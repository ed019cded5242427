package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the workers of a shared crawl leave behind, read back by the process tests: each worker's
 * output file (only its complete lines: a worker killed mid-write may leave a torn last one) and the
 * records committed to the database.
 */
final class SharedCrawlOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedCrawlOutputs() {
    }

    /** Waits until the file holds at least count complete lines, or 60 s pass. */
    static void awaitLines(Path file, int count, JarProcess worker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file) || completeLines(Files.readString(file)).size() < count) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + count + " lines in " + file + ": " + worker.stderr());
            Thread.sleep(10);
        }
    }

    /** The lines that ended with a newline: a worker killed mid-write may leave a torn last one. */
    static List<String> completeLines(String output) {
        List<String> lines = new ArrayList<>(List.of(output.split("\n", -1)));
        lines.removeLast();
        return lines;
    }

    /** The URL of each complete line of the files, with the file it is in; fails on a URL written twice. */
    static Map<String, Path> writtenOnce(List<Path> files) throws IOException {
        Map<String, Path> written = new HashMap<>();
        for (Path file : files) {
            for (String line : completeLines(Files.readString(file))) {
                String url = JSON.readTree(line).get("url").asText();
                Path before = written.put(url, file);
                assertNull(before, () -> "written twice, in " + before + " and in " + file + ": " + line);
            }
        }
        return written;
    }

    /** The URL of every record in the database, with the worker that committed it; fails on a URL recorded twice. */
    static Map<String, Long> recordedOnce(String database) throws SQLException {
        Map<String, Long> recorded = new HashMap<>();
        try (Connection db = DriverManager.getConnection(database); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT url, worker FROM records")) {
            while (rows.next()) {
                String url = rows.getString(1);
                assertNull(recorded.put(url, rows.getLong(2)), () -> "recorded twice: " + url);
            }
        }
        return recorded;
    }
}
