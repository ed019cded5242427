package dev.trawl.state;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open transaction's bookkeeping: the one lock every access to the connection takes, whether
 * anything changed since the last commit, and whether the store stopped taking changes (an output
 * failure rolled the transaction back, the run ended, or the store closed). Not a lock-free
 * structure: read and written under {@link #lock}.
 */
final class Journal {
    final ReentrantLock lock = new ReentrantLock();
    private boolean changed;
    private IOException failure;
    private boolean stopped;

    void changed() {
        changed = true;
    }

    boolean hasChanges() {
        return changed;
    }

    void committed() {
        changed = false;
    }

    /** Whether changes are still taken; false after a failure, the end of the run, or close. */
    boolean open() {
        return failure == null && !stopped;
    }

    IOException failure() {
        return failure;
    }

    void fail(IOException e) {
        failure = e;
        changed = false;
    }

    void stop() {
        stopped = true;
    }
}
