package dev.trawl.robots;

/**
 * One {@code Allow} or {@code Disallow} line. The pattern is in {@link PercentEncoding canonical} form
 * and anchored at the start of the path; {@code *} matches any run of bytes, a final {@code $} anchors
 * at the end (elsewhere {@code $} is literal). Its priority is its length, so the longest pattern that
 * matches decides (RFC 9309 §2.2.2). {@link RuleIndex} does the matching.
 */
record Rule(String pattern, boolean allow) {

    int priority() {
        return pattern.length();
    }

    boolean hasWildcard() {
        return pattern.indexOf('*') >= 0;
    }
}
