package dev.trawl.robots;

import java.util.ArrayList;
import java.util.List;

/**
 * A canonical pattern with at least one {@code *}, cut into the literal pieces between its stars. It
 * matches when the first piece starts the path and the others follow in order, each at its leftmost
 * place after the one before; with a final {@code $} the last piece must end the path instead. Taking
 * each middle piece as early as possible leaves the most room for the rest, so this finds a match
 * whenever one exists, and answers exactly as Google's set-of-positions matcher does, in time linear in
 * the path for each piece ({@code String.indexOf}) instead of path × pattern.
 */
final class WildcardPattern {
    private final String head;
    private final String[] middle;
    private final String tail;
    private final boolean anchored;

    private WildcardPattern(String head, String[] middle, String tail, boolean anchored) {
        this.head = head;
        this.middle = middle;
        this.tail = tail;
        this.anchored = anchored;
    }

    /** @param pattern a canonical pattern containing {@code *}; a {@code $} only anchors when it is last */
    static WildcardPattern of(String pattern) {
        boolean anchored = pattern.endsWith("$");
        String body = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        int first = body.indexOf('*');
        int last = body.lastIndexOf('*');
        if (first < 0) {
            throw new IllegalArgumentException("no * in " + pattern);
        }
        List<String> middle = new ArrayList<>();
        for (int start = first + 1, star; start <= last; start = star + 1) {
            star = body.indexOf('*', start);
            if (star > start) {
                middle.add(body.substring(start, star));
            }
        }
        return new WildcardPattern(body.substring(0, first), middle.toArray(String[]::new), body.substring(last + 1), anchored);
    }

    boolean matches(String path) {
        if (!path.startsWith(head)) {
            return false;
        }
        int at = head.length();
        for (String piece : middle) {
            int found = path.indexOf(piece, at);
            if (found < 0) {
                return false;
            }
            at = found + piece.length();
        }
        if (anchored) {
            return path.length() - tail.length() >= at && path.endsWith(tail);
        }
        return path.indexOf(tail, at) >= 0;
    }
}
