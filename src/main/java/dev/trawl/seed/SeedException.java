package dev.trawl.seed;

/** The seed list cannot be opened; the message names it: {@code seeds.txt: no such file}. */
public final class SeedException extends Exception {
    public SeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
