package dev.trawl.state;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Makes finished pages durable, in the one order that never takes back a line that reached the
 * output: one transaction commits every change since the last commit together with the pending
 * lines ({@code runs.output_pending}) and the output's new committed length; then the lines are
 * written to the output and, for a file, forced to disk. The database can only lead the file, by
 * the lines it stores, never lag it: a resume finds in the file what of those lines got there and
 * writes the rest ({@link PendingOutput#resume}). That the stored lines were written is recorded by
 * the next commit, which stores its own instead (no transaction of its own).
 *
 * <p>With {@code --warc}, the pages' WARC records come first: written and forced to disk before the
 * transaction, which records where they end ({@link PendingArchive}); so the archive can only lead
 * the database, by records that a resume cuts.
 *
 * <p>A commit failure rolls the transaction back to the last commit; an output failure leaves the
 * lines stored for the resume. Either is final: the {@link Journal} stops taking changes. Not
 * thread-safe; called under the store's lock.
 */
final class Committer {
    private final Path state;
    private final Connection db;
    private final Journal journal;
    private final Runs runs;
    private final CommitHook hook;
    private long run;
    /** Bytes of the output written: the committed length, but for the lines of a commit still being written. */
    private long writtenLength;
    private PendingOutput output;
    private PendingArchive archive;
    private int pendingPages;

    Committer(Path state, Connection db, Journal journal, Runs runs, CommitHook hook) {
        this.state = state;
        this.db = db;
        this.journal = journal;
        this.runs = runs;
        this.hook = hook;
    }

    void begin(long run) {
        this.run = run;
    }

    long writtenLength() {
        return writtenLength;
    }

    boolean hasOutput() {
        return output != null;
    }

    /** Where committed lines go from now on, and how many bytes the output holds before them. */
    void output(PendingOutput output, long writtenLength) {
        this.output = output;
        this.writtenLength = writtenLength;
    }

    boolean hasArchive() {
        return archive != null;
    }

    /** Where committed WARC records go from now on. */
    void archive(PendingArchive archive) {
        this.archive = archive;
    }

    /**
     * Counts a finished page, its line (null: none) and its WARC records; true once enough pages, or
     * enough bytes of records, wait for an inline commit.
     */
    boolean finished(byte[] line, List<byte[]> records) {
        if (line != null) {
            output.add(line);
        }
        boolean archiveFull = archived(records);
        return ++pendingPages >= StateStore.INLINE_COMMIT_PAGES || archiveFull;
    }

    /** Adds WARC records of no page; true once enough bytes of records wait for an inline commit. */
    boolean archived(List<byte[]> records) {
        for (byte[] exchange : records) {
            archive.add(exchange);
        }
        return archive != null && archive.pendingBytes() >= StateStore.INLINE_COMMIT_ARCHIVE_BYTES;
    }

    void commit() throws IOException {
        if (journal.failure() != null) {
            throw journal.failure();
        }
        if (run == 0 || !journal.hasChanges() && (output == null || output.pending() == 0)
                && (archive == null || !archive.hasPending())) {
            return;
        }
        byte[] lines = null;
        try {
            if (archive != null && archive.hasPending()) {
                archive.write();
                hook.archived();
                runs.archiveCommitted(run, archive.path().toString(), archive.length());
            }
            // Until the output is set, the last commit's stored lines are not taken over yet: leave them.
            if (output != null) {
                lines = output.pendingBytes();
                runs.outputCommitted(run, writtenLength + lines.length, lines.length == 0 ? null : lines);
            }
            db.commit();
        } catch (SQLException e) {
            IOException failure = new IOException("cannot commit the state " + state + ": " + e.getMessage(), e);
            fail(failure);
            throw failure;
        } catch (ArchiveWriteException e) {
            fail(e); // the records written stay after the committed end: the resume cuts them
            throw e;
        }
        pendingPages = 0;
        journal.committed();
        if (lines == null || lines.length == 0) {
            return;
        }
        hook.committed(lines);
        try {
            writtenLength += output.flush();
        } catch (IOException e) {
            fail(e); // the lines stay stored: the resume writes what of them the output lacks
            throw e;
        }
    }

    /** Drops what is pending, as a crash would. */
    void discard() {
        if (output != null) {
            output.discard();
        }
        if (archive != null) {
            archive.discard();
        }
        pendingPages = 0;
    }

    void close() {
        if (output != null) {
            output.close();
        }
        if (archive != null) {
            archive.close();
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
