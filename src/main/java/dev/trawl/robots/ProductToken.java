package dev.trawl.robots;

import java.util.Objects;

/**
 * The crawler's name as robots.txt groups spell it, e.g. {@code trawl}. RFC 9309 product tokens are
 * letters, {@code _} and {@code -}; a token with other characters (say {@code bot2}) is accepted but,
 * as in Google's parser, can never match a {@code User-agent} line, so such a crawler obeys the
 * {@code *} group.
 */
record ProductToken(String value) {

    ProductToken {
        Objects.requireNonNull(value, "productToken");
        if (value.isBlank()) {
            throw new IllegalArgumentException("productToken must not be blank");
        }
    }

    /**
     * Whether a {@code User-agent} value names this crawler. The value is compared by its product-token
     * part only, so {@code Trawl/2.1} and {@code trawl (+https://...)} both name {@code trawl}.
     */
    boolean isNamedBy(String userAgentValue) {
        int end = 0;
        while (end < userAgentValue.length() && isTokenChar(userAgentValue.charAt(end))) {
            end++;
        }
        return end == value.length() && userAgentValue.regionMatches(true, 0, value, 0, end);
    }

    /** {@code *}, also when webmasters write more after it ({@code * # all}, {@code * everyone}). */
    static boolean isWildcard(String userAgentValue) {
        return !userAgentValue.isEmpty()
                && userAgentValue.charAt(0) == '*'
                && (userAgentValue.length() == 1 || RobotsLexer.isSpace(userAgentValue.charAt(1)));
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
    }
}
