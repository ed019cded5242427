package dev.trawl.postgres;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;

/**
 * One screen on a shared crawl, for {@code trawl status}: where its URLs are, which workers have
 * joined and whether they are alive, and the busiest hosts. Read-only: watching changes nothing.
 */
public final class CrawlStatus {
    /** Hosts shown, by URLs done; the rest are counted. */
    static final int HOSTS_SHOWN = 10;

    private CrawlStatus() {
    }

    /** Prints the status of every crawl in the database; false when it holds none. */
    public static boolean print(Connection db, PrintWriter out) throws SQLException {
        if (!hasSchema(db)) {
            return false;
        }
        boolean any = false;
        try (PreparedStatement crawls = db.prepareStatement(
                "SELECT id, name, run, run_started, run_ended FROM crawls ORDER BY id");
                ResultSet crawl = crawls.executeQuery()) {
            while (crawl.next()) {
                any = true;
                long id = crawl.getLong(1);
                long run = crawl.getLong(3);
                Timestamp ended = crawl.getTimestamp(5);
                out.printf("crawl %s, run %d: started %s, %s%n", crawl.getString(2), run,
                        crawl.getTimestamp(4).toInstant(), ended == null ? "running" : "finished " + ended.toInstant());
                UrlLeases.Counts counts = UrlLeases.counts(db, id, run);
                out.printf("urls of the run: %,d queued, %,d leased, %,d done; %,d records%n", counts.queued(),
                        counts.leased(), counts.done(), records(db, id, run));
                workers(db, id, run, out);
                hosts(db, id, run, out);
            }
        }
        out.flush();
        return any;
    }

    private static boolean hasSchema(Connection db) throws SQLException {
        try (PreparedStatement check = db.prepareStatement("SELECT to_regclass('crawls') IS NOT NULL");
                ResultSet row = check.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static long records(Connection db, long crawl, long run) throws SQLException {
        try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM records WHERE crawl = ? AND run = ?")) {
            count.setLong(1, crawl);
            count.setLong(2, run);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void workers(Connection db, long crawl, long run, PrintWriter out) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("""
                SELECT w.id, w.machine, w.pid, w.stopped, extract(epoch FROM now() - w.heartbeat)::bigint, %s,
                       (SELECT count(*) FROM urls u WHERE u.worker = w.id AND u.state = 2),
                       (SELECT count(*) FROM records r WHERE r.worker = w.id AND r.run = ?)
                FROM workers w WHERE w.crawl = ? ORDER BY w.id""".formatted(Workers.DEAD))) {
            select.setLong(1, run);
            select.setLong(2, crawl);
            try (ResultSet worker = select.executeQuery()) {
                out.println("workers:");
                while (worker.next()) {
                    long silent = worker.getLong(5);
                    String state = worker.getBoolean(4) ? "left" : worker.getBoolean(6) ? "dead" : "alive";
                    out.printf("  #%d %s pid %d: %s, last heartbeat %s ago, holding %,d, recorded %,d%n",
                            worker.getLong(1), worker.getString(2), worker.getLong(3), state,
                            Duration.ofSeconds(silent).toString().substring(2).toLowerCase(), worker.getLong(7),
                            worker.getLong(8));
                }
            }
        }
    }

    private static void hosts(Connection db, long crawl, long run, PrintWriter out) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("""
                SELECT host, count(*) FILTER (WHERE state = 1), count(*) FILTER (WHERE state = 2),
                       count(*) FILTER (WHERE state = 3), count(*) OVER ()
                FROM urls WHERE crawl = ? AND run = ? GROUP BY host
                ORDER BY count(*) FILTER (WHERE state = 3) DESC, host LIMIT ?""")) {
            select.setLong(1, crawl);
            select.setLong(2, run);
            select.setInt(3, HOSTS_SHOWN);
            try (ResultSet host = select.executeQuery()) {
                long total = 0;
                int shown = 0;
                out.println("hosts (queued / leased / done):");
                while (host.next()) {
                    out.printf("  %s: %,d / %,d / %,d%n", host.getString(1), host.getLong(2), host.getLong(3), host.getLong(4));
                    total = host.getLong(5);
                    shown++;
                }
                if (total > shown) {
                    out.printf("  and %,d more%n", total - shown);
                }
            }
        }
    }
}
