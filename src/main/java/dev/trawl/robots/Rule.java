package dev.trawl.robots;

/**
 * One {@code Allow} or {@code Disallow} line. The pattern is in {@link PercentEncoding canonical} form
 * and anchored at the start of the path; {@code *} matches any run of bytes, a final {@code $} anchors
 * at the end (elsewhere {@code $} is literal). Its priority is its length, so the longest pattern that
 * matches decides (RFC 9309 §2.2.2).
 */
record Rule(String pattern, boolean allow) {

    int priority() {
        return pattern.length();
    }

    boolean hasWildcard() {
        return pattern.indexOf('*') >= 0;
    }

    /**
     * Whether the pattern matches a canonical path.
     *
     * @param positions scratch space of at least {@code path.length() + 1} slots, used only when the
     *                  pattern has a wildcard; shared across rules so that one URL costs one array
     */
    boolean matches(String path, int[] positions) {
        if (hasWildcard()) {
            return matchesWildcard(path, positions);
        }
        int last = pattern.length() - 1;
        if (last >= 0 && pattern.charAt(last) == '$') {
            return path.length() == last && path.regionMatches(0, pattern, 0, last);
        }
        return path.startsWith(pattern);
    }

    /*
     * Google's matcher: walk the pattern once, keeping the sorted set of path offsets that the pattern
     * so far can end at. Each pattern byte costs at most one pass over that set, so a hostile pattern
     * such as /*a*a*a*a*b costs O(path × pattern) instead of the exponential backtracking of a regex.
     */
    private boolean matchesWildcard(String path, int[] positions) {
        int length = path.length();
        positions[0] = 0;
        int count = 1;
        for (int p = 0, end = pattern.length(); p < end; p++) {
            char c = pattern.charAt(p);
            if (c == '$' && p == end - 1) {
                return positions[count - 1] == length;
            }
            if (c == '*') {
                count = length - positions[0] + 1;
                for (int i = 1; i < count; i++) {
                    positions[i] = positions[i - 1] + 1;
                }
            } else {
                int next = 0;
                for (int i = 0; i < count; i++) {
                    int at = positions[i];
                    if (at < length && path.charAt(at) == c) {
                        positions[next++] = at + 1;
                    }
                }
                count = next;
                if (count == 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
