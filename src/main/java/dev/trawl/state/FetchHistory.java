package dev.trawl.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What a URL's last fetch left in {@code urls}: status, validators, content hash, when and by which
 * run, its record's error type, and the content a later 304's record carries. Prepared once, reused for every call. Not
 * thread-safe: the store's lock guards the one connection.
 */
final class FetchHistory {
    private final PreparedStatement done;
    private final PreparedStatement doneWithFacts;
    private final PreparedStatement doneNotModified;
    private final PreparedStatement content;
    private final PreparedStatement previous;

    FetchHistory(Connection db) throws SQLException {
        done = db.prepareStatement("UPDATE urls SET state = 1 WHERE id = ?");
        doneWithFacts = db.prepareStatement("UPDATE urls SET state = 1, status = ?, etag = ?, last_modified = ?,"
                + " content_hash = ?, fetched_at = ?, fetched_run = ?, sitemap_lastmod = ?, error = ?, content = ?"
                + " WHERE id = ?");
        doneNotModified = db.prepareStatement("UPDATE urls SET state = 1, status = ?, etag = coalesce(?, etag),"
                + " last_modified = coalesce(?, last_modified), fetched_at = ?, fetched_run = ?, sitemap_lastmod = ?,"
                + " error = ? WHERE id = ?");
        content = db.prepareStatement("SELECT content FROM urls WHERE url = ?");
        previous = db.prepareStatement("SELECT status, etag, last_modified, content_hash, fetched_at, fetched_run,"
                + " content IS NOT NULL FROM urls WHERE url = ? AND fetched_at IS NOT NULL");
    }

    /** Marks the URL done with its facts (null: keep what an earlier fetch left) and its encoded content. */
    void done(long id, FetchFacts facts, byte[] encodedContent, long run) {
        try {
            if (facts == null) {
                done.setLong(1, id);
                done.executeUpdate();
                return;
            }
            if (facts.notModified()) {
                UrlTable.setNullable(doneNotModified, 1, facts.status() == null ? null : facts.status().longValue());
                doneNotModified.setString(2, facts.etag());
                doneNotModified.setString(3, facts.lastModified());
                doneNotModified.setString(4, Schema.time(facts.fetchedAt()));
                doneNotModified.setLong(5, run);
                doneNotModified.setString(6, facts.sitemapLastmod());
                doneNotModified.setString(7, facts.error());
                doneNotModified.setLong(8, id);
                doneNotModified.executeUpdate();
                return;
            }
            UrlTable.setNullable(doneWithFacts, 1, facts.status() == null ? null : facts.status().longValue());
            doneWithFacts.setString(2, facts.etag());
            doneWithFacts.setString(3, facts.lastModified());
            doneWithFacts.setString(4, facts.contentHash());
            doneWithFacts.setString(5, Schema.time(facts.fetchedAt()));
            doneWithFacts.setLong(6, run);
            doneWithFacts.setString(7, facts.sitemapLastmod());
            doneWithFacts.setString(8, facts.error());
            doneWithFacts.setBytes(9, encodedContent);
            doneWithFacts.setLong(10, id);
            doneWithFacts.executeUpdate();
        } catch (SQLException e) {
            throw UrlTable.failure(e);
        }
    }

    /** The encoded content stored for the URL, or null. */
    byte[] content(String url) {
        try {
            content.setString(1, url);
            try (ResultSet row = content.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw UrlTable.failure(e);
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
                        Schema.time(row.getString(5)), row.getLong(6), row.getBoolean(7)));
            }
        } catch (SQLException e) {
            throw UrlTable.failure(e);
        }
    }

}
