package dev.trawl.postgres;

/** The shared state's database failed under the crawl (connection lost, server gone). */
public final class SharedStateException extends RuntimeException {
    public SharedStateException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
