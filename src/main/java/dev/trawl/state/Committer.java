package dev.trawl.state;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Makes finished pages durable, in the one order that survives a crash at any instant: the pending
 * lines are written to the output and, for a file, forced to disk; then one transaction commits
 * every change since the last commit with the run's new committed output length. The database can
 * only lag the file, never lead it, and the next run cuts the file to the database's length.
 *
 * <p>An output or commit failure rolls the transaction back to the last commit and is final: the
 * {@link Journal} stops taking changes. Not thread-safe; called under the store's lock.
 */
final class Committer {
    private final Path state;
    private final Connection db;
    private final Journal journal;
    private final Runs runs;
    private long run;
    private long committedLength;
    private PendingOutput output;
    private int pendingPages;

    Committer(Path state, Connection db, Journal journal, Runs runs) {
        this.state = state;
        this.db = db;
        this.journal = journal;
        this.runs = runs;
    }

    void begin(long run, long committedLength) {
        this.run = run;
        this.committedLength = committedLength;
    }

    long committedLength() {
        return committedLength;
    }

    boolean hasOutput() {
        return output != null;
    }

    /** Where committed lines go from now on; a file's committed length is what it really holds, if less. */
    void output(PendingOutput output) throws IOException {
        this.output = output;
        if (output.toFile()) {
            committedLength = output.startLength(); // a stream has no length: its count goes on from the run's
        }
    }

    /** Counts a finished page and its line (null: none); true once enough pages wait for an inline commit. */
    boolean finished(byte[] line) {
        if (line != null) {
            output.add(line);
        }
        return ++pendingPages >= StateStore.INLINE_COMMIT_PAGES;
    }

    void commit() throws IOException {
        if (journal.failure() != null) {
            throw journal.failure();
        }
        if (run == 0 || !journal.hasChanges() && (output == null || output.pending() == 0)) {
            return;
        }
        int written;
        try {
            written = output == null ? 0 : output.flush();
        } catch (IOException e) {
            fail(e);
            throw e;
        }
        try {
            runs.outputLength(run, committedLength + written);
            db.commit();
        } catch (SQLException e) {
            IOException failure = new IOException("cannot commit the state " + state + ": " + e.getMessage(), e);
            fail(failure);
            throw failure;
        }
        committedLength += written;
        pendingPages = 0;
        journal.committed();
    }

    /** Drops what is pending, as a crash would. */
    void discard() {
        if (output != null) {
            output.discard();
        }
        pendingPages = 0;
    }

    void close() {
        if (output != null) {
            output.close();
        }
    }

    private void fail(IOException e) {
        journal.fail(e);
        try {
            db.rollback();
        } catch (SQLException rollback) {
            e.addSuppressed(rollback); // closing the connection rolls back all the same
        }
        discard();
    }
}
