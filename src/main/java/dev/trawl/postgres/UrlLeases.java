package dev.trawl.postgres;

import dev.trawl.frontier.HostKey;
import dev.trawl.state.FetchFacts;
import dev.trawl.state.Previous;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The shared frontier: URLs queued once per crawl, leased by one worker at a time, done once. A claim
 * takes queued URLs with {@code FOR UPDATE SKIP LOCKED}, so workers claiming together never wait for
 * each other and never get the same URL; the lease belongs to the worker, and lasts while it beats.
 */
public final class UrlLeases {
    /**
     * A URL a worker holds: where it was found and how deep, and what its last fetch (in an earlier run)
     * left, for a conditional request.
     *
     * @param previous null when it was never fetched
     * @param content  the encoded content of its last 2xx answer ({@link dev.trawl.state.ContentCodec}), or null
     * @param carried  brought into the run as done without a fetch ({@code --recrawl-after}): its
     *                 {@code follow} links are offered in its place
     * @param follow   the links its last fetch followed (empty when never fetched)
     */
    public record Lease(String url, int depth, String parent, Previous previous, byte[] content, boolean carried,
            List<String> follow) {
    }

    /** How much of the crawl is where. */
    public record Counts(long queued, long leased, long done) {
    }

    /** What of a run is still to do. */
    public record Pending(long queued, long leased) {
        /** Nothing left to fetch anywhere: every worker's crawl is over. */
        public boolean drained() {
            return queued == 0 && leased == 0;
        }
    }

    private UrlLeases() {
    }

    /**
     * Queues a URL new to the run: one the crawl has not seen, or one an earlier run knew; false when
     * the run has it already (queued, leased or done, by anyone).
     */
    public static boolean enqueue(Connection connection, long crawl, long run, String url, String host, int depth,
            String parent) throws SQLException {
        return enqueue(connection, crawl, run, url, host, depth, parent, null);
    }

    /**
     * The same; one of an earlier run fetched since {@code freshAfter} (null: none is) is carried into
     * the run, to be done without a fetch ({@code --recrawl-after}).
     */
    public static boolean enqueue(Connection connection, long crawl, long run, String url, String host, int depth,
            String parent, Instant freshAfter) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO urls (crawl, url, host, depth, parent, run, state) VALUES (?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT (crawl, url) DO UPDATE SET depth = excluded.depth, parent = excluded.parent,
                    run = excluded.run, state = 1, worker = NULL,
                    carry = coalesce(urls.fetched_run IS NOT NULL AND urls.fetched_at >= ?, false)
                WHERE urls.run < excluded.run""")) {
            insert.setLong(1, crawl);
            insert.setString(2, url);
            insert.setString(3, host);
            insert.setInt(4, depth);
            insert.setString(5, parent);
            insert.setLong(6, run);
            insert.setTimestamp(7, freshAfter == null ? null : Timestamp.from(freshAfter));
            return insert.executeUpdate() == 1;
        }
    }

    /** Leases up to max queued URLs of the run to the worker, shallowest and earliest queued first. */
    public static List<Lease> claim(Connection connection, long crawl, long run, long worker, int max)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE urls SET state = 2, worker = ?
                WHERE id IN (SELECT id FROM urls WHERE crawl = ? AND state = 1 AND run = ?
                             ORDER BY depth, id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING url, depth, parent, status, etag, last_modified, content_hash, fetched_at, fetched_run,
                    content, id, carry, follow""")) {
            update.setLong(1, worker);
            update.setLong(2, crawl);
            update.setLong(3, run);
            update.setInt(4, max);
            // RETURNING keeps no order: put them back in the queue's.
            SortedMap<long[], Lease> leases = new TreeMap<>(Comparator.<long[]>comparingLong(key -> key[0])
                    .thenComparingLong(key -> key[1]));
            try (ResultSet taken = update.executeQuery()) {
                while (taken.next()) {
                    leases.put(new long[] {taken.getInt(2), taken.getLong(11)}, lease(taken));
                }
            }
            return List.copyOf(leases.values());
        }
    }

    private static Lease lease(ResultSet row) throws SQLException {
        Timestamp fetchedAt = row.getTimestamp(8);
        byte[] content = row.getBytes(10);
        Previous previous = fetchedAt == null ? null : new Previous(row.getObject(4, Integer.class), row.getString(5),
                row.getString(6), row.getString(7), fetchedAt.toInstant(), row.getLong(9), content != null);
        Array follow = row.getArray(13);
        return new Lease(row.getString(1), row.getInt(2), row.getString(3), previous, content, row.getBoolean(12),
                follow == null ? List.of() : List.of((String[]) follow.getArray()));
    }

    /** Marks done, without a fetch or a record, leased URLs the crawl's trap guards and budgets refused. */
    public static void refuse(Connection connection, long crawl, long worker, List<String> urls) throws SQLException {
        endLeases(connection, "state = 3", crawl, worker, urls);
    }

    /** Queues again URLs the worker leased and will not fetch, so that other workers take them at once. */
    public static void giveBack(Connection connection, long crawl, long worker, List<String> urls) throws SQLException {
        endLeases(connection, "state = 1, worker = NULL", crawl, worker, urls);
    }

    /** Sets those of the URLs the worker still leases as {@code change} says; one statement for them all. */
    private static void endLeases(Connection connection, String change, long crawl, long worker, List<String> urls)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE urls SET " + change + " WHERE crawl = ? AND worker = ? AND state = 2 AND url = ANY(?)")) {
            update.setLong(1, crawl);
            update.setLong(2, worker);
            update.setArray(3, connection.createArrayOf("text", urls.toArray()));
            update.executeUpdate();
        }
    }

    /**
     * What a finished page leaves: the fetch's facts, the links it queues, its record.
     *
     * @param follow      the URLs of its links to follow, each once, in the page's order
     * @param queue       whether to queue them (they are within --max-depth); kept either way
     * @param facts       what the fetch learned (fetchedAt aside: the database's clock stamps it); null
     *                    for none (the last fetch's stay)
     * @param content     the encoded content of a 2xx answer, for a later 304; null for none
     * @param record      the JSON record (one line, no line end); null for none
     * @param written     whether the record goes to the worker's output (not an unchanged page under
     *                    --changed-only)
     */
    public record Completion(String url, int depth, List<String> follow, boolean queue, FetchFacts facts,
            byte[] content, String record, boolean written) {
    }

    /**
     * The worker is done with a URL it leased: its facts, links and record, in one transaction. False,
     * changing nothing, when it no longer held the lease (it was taken for dead and another worker has
     * the URL): its record must then not be kept, or the URL would be recorded twice.
     *
     * @param output     the output file (machine and path) the record goes to, null for stdout
     * @param freshAfter a URL of an earlier run that its links reach and that was fetched since then
     *                   is carried into the run (--recrawl-after); null: none is
     */
    public static boolean complete(Connection c, long crawl, long run, long worker, Completion page, String output,
            Instant freshAfter) throws SQLException {
        FetchFacts facts = page.facts();
        try (PreparedStatement call = c.prepareStatement(
                "SELECT trawl_complete(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            call.setLong(1, crawl);
            call.setLong(2, run);
            call.setString(3, page.url());
            call.setLong(4, worker);
            call.setArray(5, c.createArrayOf("text", page.follow().toArray()));
            call.setArray(6, c.createArrayOf("text", page.follow().stream().map(HostKey::of).toArray()));
            call.setBoolean(7, page.queue());
            call.setInt(8, page.depth() + 1);
            call.setTimestamp(9, freshAfter == null ? null : Timestamp.from(freshAfter));
            call.setObject(10, facts == null ? null : facts.status(), Types.INTEGER);
            call.setString(11, facts == null ? null : facts.etag());
            call.setString(12, facts == null ? null : facts.lastModified());
            call.setString(13, facts == null ? null : facts.contentHash());
            call.setString(14, facts == null ? null : facts.error());
            call.setBytes(15, page.content());
            call.setObject(16, facts == null ? null : facts.notModified(), Types.BOOLEAN);
            call.setString(17, page.record());
            call.setBoolean(18, page.written());
            call.setString(19, output);
            try (ResultSet done = call.executeQuery()) {
                done.next();
                return done.getBoolean(1);
            }
        }
    }

    /**
     * Queues again the URLs leased by workers that left or have not beaten for their timeout; returns
     * how many. Any worker may run it: it changes nothing a live worker holds.
     */
    public static int reclaim(Connection connection, long crawl) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE urls SET state = 1, worker = NULL
                WHERE crawl = ? AND state = 2 AND worker IN (
                    SELECT w.id FROM workers w WHERE w.crawl = ? AND %s)""".formatted(Workers.DEAD))) {
            update.setLong(1, crawl);
            update.setLong(2, crawl);
            return update.executeUpdate();
        }
    }

    /** The URLs the worker holds a lease on. */
    public static List<String> heldBy(Connection connection, long crawl, long worker) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT url FROM urls WHERE crawl = ? AND worker = ? AND state = 2")) {
            select.setLong(1, crawl);
            select.setLong(2, worker);
            List<String> urls = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    urls.add(rows.getString(1));
                }
            }
            return urls;
        }
    }

    /**
     * What of the run is queued or leased, read from the partial indexes of those states: workers
     * that ran dry ask often, and a crawl's done URLs are most of its rows.
     */
    public static Pending pending(Connection connection, long crawl, long run) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT (SELECT count(*) FROM urls WHERE crawl = ? AND run = ? AND state = 1),
                       (SELECT count(*) FROM urls WHERE crawl = ? AND run = ? AND state = 2)""")) {
            select.setLong(1, crawl);
            select.setLong(2, run);
            select.setLong(3, crawl);
            select.setLong(4, run);
            try (ResultSet counts = select.executeQuery()) {
                counts.next();
                return new Pending(counts.getLong(1), counts.getLong(2));
            }
        }
    }

    /** Where the URLs of a run are (reads them all: for {@code trawl status}). */
    public static Counts counts(Connection connection, long crawl, long run) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT count(*) FILTER (WHERE state = 1), count(*) FILTER (WHERE state = 2),
                       count(*) FILTER (WHERE state = 3)
                FROM urls WHERE crawl = ? AND run = ?""")) {
            select.setLong(1, crawl);
            select.setLong(2, run);
            try (ResultSet counts = select.executeQuery()) {
                counts.next();
                return new Counts(counts.getLong(1), counts.getLong(2), counts.getLong(3));
            }
        }
    }
}
