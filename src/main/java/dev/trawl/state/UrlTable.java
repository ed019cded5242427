package dev.trawl.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code urls} and {@code links} tables as the frontier uses them: prepared once, reused for
 * every call. Not thread-safe: the store's lock guards the one connection.
 */
final class UrlTable {
    static final int QUEUED = 0;
    static final int DONE = 1;
    private static final int LINKS_PER_INSERT = 16;

    /** A URL's row; {@code redirectedFrom} is 0 when it is not a claimed redirect target. */
    record Row(long id, String url, long run, int state, int depth, long redirectedFrom) {
    }

    /** A queued URL as the window holds it. */
    record Queued(long id, String url, String parent, long seq) {
    }

    private final Connection db;
    private final PreparedStatement byUrl;
    private final PreparedStatement byId;
    private final PreparedStatement insert;
    private final PreparedStatement reuse;
    private final PreparedStatement depthOf;
    private final PreparedStatement setDepth;
    private final PreparedStatement done;
    private final PreparedStatement doneWithFacts;
    private final PreparedStatement links;
    private final PreparedStatement dropLink;
    private final PreparedStatement dropLinks;
    private final PreparedStatement queuedAfter;
    private final PreparedStatement previous;
    private final Map<Integer, PreparedStatement> addLinks = new HashMap<>();

    UrlTable(Connection db) throws SQLException {
        this.db = db;
        byUrl = db.prepareStatement("SELECT id, run, state, depth, redirected_from FROM urls WHERE url = ?");
        byId = db.prepareStatement("SELECT url, run, state, depth, redirected_from FROM urls WHERE id = ?");
        insert = db.prepareStatement("INSERT INTO urls(url, host, run, state, depth, parent, queue_seq, redirected_from)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
        reuse = db.prepareStatement("UPDATE urls SET run = ?, state = ?, depth = ?, parent = ?, queue_seq = ?,"
                + " redirected_from = ? WHERE id = ?");
        depthOf = db.prepareStatement("SELECT depth FROM urls WHERE id = ?");
        setDepth = db.prepareStatement("UPDATE urls SET depth = ? WHERE id = ?");
        done = db.prepareStatement("UPDATE urls SET state = 1 WHERE id = ?");
        doneWithFacts = db.prepareStatement("UPDATE urls SET state = 1, status = ?, etag = ?, last_modified = ?,"
                + " content_hash = ?, fetched_at = ?, fetched_run = ?, sitemap_lastmod = ?, error = ? WHERE id = ?");
        links = db.prepareStatement("SELECT url FROM links WHERE from_id = ?");
        dropLink = db.prepareStatement("DELETE FROM links WHERE from_id = ? AND url = ?");
        dropLinks = db.prepareStatement("DELETE FROM links WHERE from_id = ?");
        queuedAfter = db.prepareStatement("SELECT id, url, parent, queue_seq FROM urls"
                + " WHERE run = ? AND state = 0 AND queue_seq > ? ORDER BY queue_seq LIMIT ?");
        previous = db.prepareStatement("SELECT status, etag, last_modified, content_hash, fetched_at, fetched_run"
                + " FROM urls WHERE url = ? AND fetched_at IS NOT NULL");
    }

    static UncheckedIOException failure(SQLException e) {
        return new UncheckedIOException(new IOException("the state database failed: " + e.getMessage(), e));
    }

    Row find(String url) {
        try {
            byUrl.setString(1, url);
            try (ResultSet row = byUrl.executeQuery()) {
                return row.next() ? new Row(row.getLong(1), url, row.getLong(2), row.getInt(3), row.getInt(4),
                        row.getLong(5)) : null;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    Row find(long id) {
        try {
            byId.setLong(1, id);
            try (ResultSet row = byId.executeQuery()) {
                return row.next() ? new Row(id, row.getString(1), row.getLong(2), row.getInt(3), row.getInt(4),
                        row.getLong(5)) : null;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Makes the URL part of {@code run}: a new row, or the row an earlier run left (whose stored links
     * are dropped: they belong to an older fetch). Returns the row's id.
     */
    long put(Row existing, String url, String host, long run, int state, int depth, String parent, Long seq,
            long redirectedFrom) {
        try {
            if (existing == null) {
                insert.setString(1, url);
                insert.setString(2, host);
                insert.setLong(3, run);
                insert.setInt(4, state);
                insert.setInt(5, depth);
                insert.setString(6, parent);
                setNullable(insert, 7, seq);
                setNullable(insert, 8, redirectedFrom == 0 ? null : redirectedFrom);
                try (ResultSet id = insert.executeQuery()) {
                    id.next();
                    return id.getLong(1);
                }
            }
            reuse.setLong(1, run);
            reuse.setInt(2, state);
            reuse.setInt(3, depth);
            reuse.setString(4, parent);
            setNullable(reuse, 5, seq);
            setNullable(reuse, 6, redirectedFrom == 0 ? null : redirectedFrom);
            reuse.setLong(7, existing.id());
            reuse.executeUpdate();
            dropLinks.setLong(1, existing.id());
            dropLinks.executeUpdate();
            return existing.id();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    int depth(long id) {
        try {
            depthOf.setLong(1, id);
            try (ResultSet row = depthOf.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    void depth(long id, int depth) {
        try {
            setDepth.setInt(1, depth);
            setDepth.setLong(2, id);
            setDepth.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    void done(long id, FetchFacts facts, long run) {
        try {
            if (facts == null) {
                done.setLong(1, id);
                done.executeUpdate();
                return;
            }
            setNullable(doneWithFacts, 1, facts.status() == null ? null : facts.status().longValue());
            doneWithFacts.setString(2, facts.etag());
            doneWithFacts.setString(3, facts.lastModified());
            doneWithFacts.setString(4, facts.contentHash());
            doneWithFacts.setString(5, Schema.time(facts.fetchedAt()));
            doneWithFacts.setLong(6, run);
            doneWithFacts.setString(7, facts.sitemapLastmod());
            doneWithFacts.setString(8, facts.error());
            doneWithFacts.setLong(9, id);
            doneWithFacts.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    List<String> links(long from) {
        try {
            links.setLong(1, from);
            List<String> urls = new ArrayList<>();
            try (ResultSet rows = links.executeQuery()) {
                while (rows.next()) {
                    urls.add(rows.getString(1));
                }
            }
            return urls;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    void addLinks(long from, List<String> urls) {
        try {
            for (int start = 0; start < urls.size(); start += LINKS_PER_INSERT) {
                int count = Math.min(LINKS_PER_INSERT, urls.size() - start);
                PreparedStatement statement = addLinks.get(count);
                if (statement == null) {
                    StringBuilder sql = new StringBuilder("INSERT OR IGNORE INTO links(from_id, url) VALUES (?, ?)");
                    sql.append(", (?, ?)".repeat(count - 1));
                    statement = db.prepareStatement(sql.toString());
                    addLinks.put(count, statement);
                }
                for (int i = 0; i < count; i++) {
                    statement.setLong(2 * i + 1, from);
                    statement.setString(2 * i + 2, urls.get(start + i));
                }
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    void dropLink(long from, String url) {
        try {
            dropLink.setLong(1, from);
            dropLink.setString(2, url);
            dropLink.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Queued URLs of the run after {@code seq}, in queue order. */
    List<Queued> queuedAfter(long run, long seq, int limit) {
        try {
            queuedAfter.setLong(1, run);
            queuedAfter.setLong(2, seq);
            queuedAfter.setInt(3, limit);
            List<Queued> queued = new ArrayList<>(Math.min(limit, 1024));
            try (ResultSet rows = queuedAfter.executeQuery()) {
                while (rows.next()) {
                    queued.add(new Queued(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
                }
            }
            return queued;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    Optional<Previous> previous(String url) {
        try {
            previous.setString(1, url);
            try (ResultSet row = previous.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                int status = row.getInt(1);
                Integer boxed = row.wasNull() ? null : status;
                return Optional.of(new Previous(boxed, row.getString(2), row.getString(3), row.getString(4),
                        Schema.time(row.getString(5)), row.getLong(6)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void setNullable(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value);
        }
    }
}
