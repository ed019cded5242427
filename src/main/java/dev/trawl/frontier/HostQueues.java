package dev.trawl.frontier;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The in-memory queue: one FIFO per host, served round-robin so that one big site cannot starve
 * the others, and a host that is busy or waiting out its delay is skipped rather than waited on.
 * Not thread-safe; {@link LocalFrontier} guards it.
 */
final class HostQueues {
    /** A queued URL and the page it was first found on (null for seeds). */
    record Entry(String url, String parent) {
    }

    private final Map<String, ArrayDeque<Entry>> byHost = new HashMap<>();
    private final ArrayDeque<String> rotation = new ArrayDeque<>();
    private int size;

    int size() {
        return size;
    }

    void add(String host, Entry entry) {
        ArrayDeque<Entry> queue = byHost.get(host);
        if (queue == null) {
            queue = new ArrayDeque<>();
            byHost.put(host, queue);
            rotation.addLast(host);
        }
        queue.addLast(entry);
        size++;
    }

    /** The next entry of the first ready host in rotation order, or null when no host is ready. */
    Entry poll(Predicate<String> hostReady) {
        for (int tried = rotation.size(); tried > 0; tried--) {
            String host = rotation.pollFirst();
            if (!hostReady.test(host)) {
                rotation.addLast(host);
                continue;
            }
            ArrayDeque<Entry> queue = byHost.get(host);
            Entry entry = queue.pollFirst();
            size--;
            if (queue.isEmpty()) {
                byHost.remove(host);
            } else {
                rotation.addLast(host);
            }
            return entry;
        }
        return null;
    }
}
