package dev.trawl.state;

import dev.trawl.archive.ResponseRecord;
import java.net.URI;
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
        // A fetch that was not archived keeps the record of an earlier one while the body is the same
        // (the right-hand sides read the row as it was): a run without --warc does not make a later
        // one's revisits lose their WARC-Refers-To.
        doneWithFacts = db.prepareStatement("UPDATE urls SET state = 1, status = ?, etag = ?, last_modified = ?,"
                + " content_hash = ?, fetched_at = ?, fetched_run = ?, sitemap_lastmod = ?, error = ?, content = ?,"
                + " warc_record_id = coalesce(?, CASE WHEN content_hash IS ? THEN warc_record_id END),"
                + " warc_date = coalesce(?, CASE WHEN content_hash IS ? THEN warc_date END) WHERE id = ?");
        doneNotModified = db.prepareStatement("UPDATE urls SET state = 1, status = ?, etag = coalesce(?, etag),"
                + " last_modified = coalesce(?, last_modified), fetched_at = ?, fetched_run = ?, sitemap_lastmod = ?,"
                + " error = ?, warc_record_id = coalesce(?, warc_record_id), warc_date = coalesce(?, warc_date)"
                + " WHERE id = ?");
        content = db.prepareStatement("SELECT content FROM urls WHERE url = ?");
        previous = db.prepareStatement("SELECT status, etag, last_modified, content_hash, fetched_at, fetched_run,"
                + " content IS NOT NULL, warc_record_id, warc_date FROM urls WHERE url = ? AND fetched_at IS NOT NULL");
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
                doneNotModified.setString(8, recordId(facts.archived()));
                doneNotModified.setString(9, date(facts.archived()));
                doneNotModified.setLong(10, id);
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
            doneWithFacts.setString(10, recordId(facts.archived()));
            doneWithFacts.setString(11, facts.contentHash());
            doneWithFacts.setString(12, date(facts.archived()));
            doneWithFacts.setString(13, facts.contentHash());
            doneWithFacts.setLong(14, id);
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
                ResponseRecord archived = row.getString(8) == null ? null
                        : new ResponseRecord(URI.create(row.getString(8)), Schema.time(row.getString(9)));
                return Optional.of(new Previous(boxed, row.getString(2), row.getString(3), row.getString(4),
                        Schema.time(row.getString(5)), row.getLong(6), row.getBoolean(7), archived));
            }
        } catch (SQLException e) {
            throw UrlTable.failure(e);
        }
    }

    private static String recordId(ResponseRecord archived) {
        return archived == null ? null : archived.id().toString();
    }

    private static String date(ResponseRecord archived) {
        return archived == null ? null : Schema.time(archived.date());
    }
}
