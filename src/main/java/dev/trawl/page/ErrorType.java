package dev.trawl.page;

import java.util.Locale;

/** Why a page has no usable result; the names are the output contract's {@code error.type} values. */
public enum ErrorType {
    TIMEOUT,
    CONNECT,
    DNS,
    TLS,
    TOO_LARGE,
    REDIRECT_LOOP,
    HTTP,
    IO,
    ROBOTS,
    INVALID_URL;

    /** The name written in records, e.g. {@code too_large}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type a record names, e.g. {@code too_large}. */
    public static ErrorType fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
