package dev.trawl.state;

/** The file cannot be used as trawl state: not an SQLite database, a newer schema version, unreadable. */
public final class StateException extends Exception {
    StateException(String message) {
        super(message);
    }

    StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
