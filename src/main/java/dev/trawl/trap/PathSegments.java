package dev.trawl.trap;

import java.util.HashMap;
import java.util.Map;

/**
 * Repeats among the segments of a URL path, compared as written: case-sensitive, not
 * percent-decoded; empty segments ({@code //}, a trailing {@code /}) are not segments.
 */
final class PathSegments {
    private PathSegments() {
    }

    /** Whether some segment of the path {@code url[start, end)} appears more than {@code limit} times. */
    static boolean repeatMoreThan(String url, int start, int end, int limit) {
        int segments = 0;
        for (int i = start; i < end; i++) {
            if (url.charAt(i) == '/' && i + 1 < end && url.charAt(i + 1) != '/') {
                segments++;
            }
        }
        if (segments <= limit) {
            return false; // the common short path: one scan, nothing allocated
        }
        Map<String, Integer> counts = new HashMap<>();
        int segmentStart = start + 1; // the path starts with '/'
        for (int i = segmentStart; i <= end; i++) {
            if (i == end || url.charAt(i) == '/') {
                if (i > segmentStart && counts.merge(url.substring(segmentStart, i), 1, Integer::sum) > limit) {
                    return true;
                }
                segmentStart = i + 1;
            }
        }
        return false;
    }
}
