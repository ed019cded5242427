package dev.trawl.state;

/**
 * Points between the steps of a commit, for tests that crash there: the WARC records are written but
 * the transaction is not committed; the transaction with the batch is committed but its lines are
 * not written yet. A killed process can stop anywhere; these are where stopping leaves the files
 * ahead of the state (records to cut) or behind it (lines to write).
 */
@FunctionalInterface
interface CommitHook {
    CommitHook NONE = lines -> { };

    /** Called after the transaction that stored {@code lines}, before they are written to the output. */
    void committed(byte[] lines);

    /** Called after a commit's WARC records are written and forced to disk, before its transaction. */
    default void archived() {
    }
}
