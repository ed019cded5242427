package dev.trawl.state;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The queued URLs held in memory: one FIFO per host, served round-robin, a host that is not ready
 * skipped rather than waited on. The same rotation as the in-memory frontier's queues, so both
 * frontiers hand out URLs in the same order. Not thread-safe; the store's lock guards it.
 */
final class HostWindow {
    private final Map<String, ArrayDeque<UrlTable.Queued>> byHost = new HashMap<>();
    private final ArrayDeque<String> rotation = new ArrayDeque<>();
    private int size;

    int size() {
        return size;
    }

    void add(String host, UrlTable.Queued entry) {
        ArrayDeque<UrlTable.Queued> queue = byHost.get(host);
        if (queue == null) {
            queue = new ArrayDeque<>();
            byHost.put(host, queue);
            rotation.addLast(host);
        }
        queue.addLast(entry);
        size++;
    }

    /** The next entry of the first ready host in rotation order, or null when no host is ready. */
    UrlTable.Queued poll(Predicate<String> hostReady) {
        for (int tried = rotation.size(); tried > 0; tried--) {
            String host = rotation.pollFirst();
            if (!hostReady.test(host)) {
                rotation.addLast(host);
                continue;
            }
            ArrayDeque<UrlTable.Queued> queue = byHost.get(host);
            UrlTable.Queued entry = queue.pollFirst();
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

    void clear() {
        byHost.clear();
        rotation.clear();
        size = 0;
    }
}
