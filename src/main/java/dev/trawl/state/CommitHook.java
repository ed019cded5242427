package dev.trawl.state;

/**
 * A point between the two steps of a commit, for tests that crash there: the transaction with the
 * batch is committed, its lines are not written yet. A killed process can stop anywhere; this is
 * the one place where stopping used to take lines back.
 */
@FunctionalInterface
interface CommitHook {
    CommitHook NONE = lines -> { };

    /** Called after the transaction that stored {@code lines}, before they are written to the output. */
    void committed(byte[] lines);
}
