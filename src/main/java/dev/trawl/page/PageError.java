package dev.trawl.page;

import java.util.Objects;

/** A typed error in a page record: the type is for scripts, the message for people. */
public record PageError(ErrorType type, String message) {
    public PageError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
    }

    public static PageError of(ErrorType type, String message) {
        return new PageError(type, message);
    }
}
