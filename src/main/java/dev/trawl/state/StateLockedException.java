package dev.trawl.state;

/** Another process holds the state's lock: a second trawl on the same state must stop at once (exit status 75). */
public final class StateLockedException extends Exception {
    private final long pid;

    StateLockedException(String message, long pid) {
        super(message);
        this.pid = pid;
    }

    /** The process holding the lock, read from the lock file; -1 when unknown. */
    public long pid() {
        return pid;
    }
}
