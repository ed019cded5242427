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
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The {@code urls} and {@code links} tables as the frontier uses them (which run a URL is part of,
 * its depth, parent and queue order, a page's links): prepared once, reused for every call. What a
 * URL's fetches left is {@link FetchHistory}'s. Not thread-safe: the store's lock guards the one
 * connection.
 */
final class UrlTable {
    static final int QUEUED = 0;
    static final int DONE = 1;
    private static final int LINKS_PER_INSERT = 16;

    /**
     * A URL's row; {@code redirectedFrom} is 0 when it is not a claimed redirect target,
     * {@code fetchedAt} null when it was never fetched.
     */
    record Row(long id, String url, long run, int state, int depth, long redirectedFrom, String fetchedAt) {
    }

    /** A URL of earlier runs that this run has not reached, as {@link #unreached} finds it. */
    record Unreached(Row row, String parent) {
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
    private final PreparedStatement carry;
    private final PreparedStatement carryTargets;
    private final PreparedStatement unreached;
    private final PreparedStatement links;
    private final PreparedStatement dropLink;
    private final PreparedStatement dropLinks;
    private final PreparedStatement queuedAfter;
    private final Map<Integer, PreparedStatement> addLinks = new HashMap<>();

    UrlTable(Connection db) throws SQLException {
        this.db = db;
        byUrl = db.prepareStatement("SELECT id, run, state, depth, redirected_from, fetched_at FROM urls WHERE url = ?");
        byId = db.prepareStatement("SELECT url, run, state, depth, redirected_from, fetched_at FROM urls WHERE id = ?");
        insert = db.prepareStatement("INSERT INTO urls(url, host, run, state, depth, parent, queue_seq, redirected_from)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
        reuse = db.prepareStatement("UPDATE urls SET run = ?, state = ?, depth = ?, parent = ?, queue_seq = ?,"
                + " redirected_from = ? WHERE id = ?");
        depthOf = db.prepareStatement("SELECT depth FROM urls WHERE id = ?");
        setDepth = db.prepareStatement("UPDATE urls SET depth = ? WHERE id = ?");
        carry = db.prepareStatement("UPDATE urls SET run = ?, state = 1, depth = ?, parent = ?, queue_seq = NULL"
                + " WHERE id = ?");
        carryTargets = db.prepareStatement("UPDATE urls SET run = ?, state = 1, depth = ?, parent = ?"
                + " WHERE redirected_from = ? AND run <> ?");
        unreached = db.prepareStatement("SELECT id, url, run, state, depth, fetched_at, parent FROM urls"
                + " WHERE id > ? AND run < ? AND redirected_from IS NULL AND depth <= ?"
                + " AND (? IS NULL OR fetched_at IS NULL OR fetched_at < ?) ORDER BY id LIMIT ?");
        links = db.prepareStatement("SELECT url FROM links WHERE from_id = ?");
        dropLink = db.prepareStatement("DELETE FROM links WHERE from_id = ? AND url = ?");
        dropLinks = db.prepareStatement("DELETE FROM links WHERE from_id = ?");
        queuedAfter = db.prepareStatement("SELECT id, url, parent, queue_seq FROM urls"
                + " WHERE run = ? AND state = 0 AND queue_seq > ? ORDER BY queue_seq LIMIT ?");
    }

    static UncheckedIOException failure(SQLException e) {
        return new UncheckedIOException(new IOException("the state database failed: " + e.getMessage(), e));
    }

    Row find(String url) {
        try {
            byUrl.setString(1, url);
            try (ResultSet row = byUrl.executeQuery()) {
                return row.next() ? new Row(row.getLong(1), url, row.getLong(2), row.getInt(3), row.getInt(4),
                        row.getLong(5), row.getString(6)) : null;
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
                        row.getLong(5), row.getString(6)) : null;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Makes the URL part of {@code run}: a new row, or the row an earlier run left. That row's stored
     * links stay until the page is done again ({@link #replaceLinks}): nothing reads them while it is
     * queued, and a page answered 304 mostly has the same ones. A claimed redirect target's are
     * dropped: its links are the redirecting page's. Returns the row's id.
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
            if (redirectedFrom != 0) {
                dropLinks.setLong(1, existing.id());
                dropLinks.executeUpdate();
            }
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

    /**
     * Makes a URL of earlier runs part of {@code run} as done, without a fetch, at this run's depth
     * and parent: its facts, content and stored links stay. The redirect targets its fetch claimed go
     * with it.
     */
    void carry(long id, long run, int depth, String parent) {
        try {
            carry.setLong(1, run);
            carry.setInt(2, depth);
            carry.setString(3, parent);
            carry.setLong(4, id);
            carry.executeUpdate();
            carryTargets.setLong(1, run);
            carryTargets.setInt(2, depth);
            carryTargets.setString(3, parent);
            carryTargets.setLong(4, id);
            carryTargets.setLong(5, run);
            carryTargets.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * URLs of runs before {@code run} that it has not reached, after id {@code afterId} in id order:
     * not redirect targets (their page claims them again), within {@code maxDepth} at their stored
     * depth, and not fetched at or after {@code freshAfter} (null: none is fresh).
     */
    List<Unreached> unreached(long run, long afterId, int maxDepth, String freshAfter, int limit) {
        try {
            unreached.setLong(1, afterId);
            unreached.setLong(2, run);
            unreached.setInt(3, maxDepth);
            unreached.setString(4, freshAfter);
            unreached.setString(5, freshAfter);
            unreached.setInt(6, limit);
            List<Unreached> rows = new ArrayList<>();
            try (ResultSet row = unreached.executeQuery()) {
                while (row.next()) {
                    rows.add(new Unreached(new Row(row.getLong(1), row.getString(2), row.getLong(3), row.getInt(4),
                            row.getInt(5), 0, row.getString(6)), row.getString(7)));
                }
            }
            return rows;
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

    /**
     * Makes {@code urls} the links stored with the page: left alone when they are already (an
     * unchanged page's usually are), else replaced.
     */
    void replaceLinks(long from, List<String> urls) {
        List<String> stored = links(from);
        if (stored.size() == urls.size() && new HashSet<>(stored).equals(new HashSet<>(urls))) {
            return;
        }
        if (!stored.isEmpty()) {
            try {
                dropLinks.setLong(1, from);
                dropLinks.executeUpdate();
            } catch (SQLException e) {
                throw failure(e);
            }
        }
        addLinks(from, urls);
    }

    private void addLinks(long from, List<String> urls) {
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

    static void setNullable(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value);
        }
    }
}
