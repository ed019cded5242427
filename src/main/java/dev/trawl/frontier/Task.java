package dev.trawl.frontier;

/**
 * One URL handed out for fetching.
 *
 * @param url     normalized URL
 * @param host    the key its per-host limits are kept under ({@link HostKey})
 * @param depth   the shortest depth known when it was handed out
 * @param parent  the page it was first found on; null for seeds
 */
public record Task(String url, String host, int depth, String parent) {
}
