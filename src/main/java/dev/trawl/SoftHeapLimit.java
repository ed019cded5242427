package dev.trawl;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.time.Duration;

/**
 * Keeps the heap a crawl touches near what it holds, while letting it grow as far as the JVM's
 * maximum when it does hold more (a frontier of millions of URLs).
 *
 * <p>The serial collector, which suits a short command-line process on few cores, grows its old
 * generation rather than collect it: objects that outlive a young collection (pages in flight) are
 * promoted, die there, and the old generation expands up to the maximum heap before its first full
 * collection. A crawl whose live data is 30 MB so grew to the whole 256 MB cap (over 300 MB resident
 * at {@code -c 256}). A small maximum heap would bound that, and also the crawls that need more. So
 * the cap stays large and this checks the old generation's use often: above the limit it asks
 * for a full collection, and sets the next limit to 1.5 times what survived it (never below the floor),
 * so collections stay rare however much the crawl holds (each comes after at least half as much as
 * is live has been promoted).
 */
final class SoftHeapLimit implements AutoCloseable {
    /** The old generation as this limit sees it: the JVM's, a fake in tests. */
    interface Heap {
        long used();

        void collect();
    }

    static final long FLOOR = 16L << 20;
    static final Duration PERIOD = Duration.ofMillis(10);

    /** The serial collector's old generation, where what outlives a young collection goes. */
    private static final String OLD_GENERATION = "Tenured Gen";

    private Heap heap;
    private final long floor;
    private long limit;
    private Thread watcher;

    SoftHeapLimit(Heap heap, long floor) {
        this.heap = heap;
        this.floor = floor;
        this.limit = floor;
    }

    /**
     * Watches this JVM's old generation on a daemon thread until closed; does nothing where the
     * collector has no pool of that name (another collector chosen with TRAWL_JAVA_OPTS).
     */
    static SoftHeapLimit start() {
        SoftHeapLimit limit = new SoftHeapLimit(null, FLOOR);
        limit.watcher = Thread.ofPlatform().name("trawl-heap").daemon().start(() -> {
            // Looked up here, off the crawl's start-up path: the management classes take a while to load.
            ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getName().equals(OLD_GENERATION))
                    .findFirst()
                    .ifPresent(pool -> limit.watch(pool));
        });
        return limit;
    }

    /** Collects when the heap in use is above the limit; returns whether it did. */
    boolean check() {
        if (heap.used() <= limit) {
            return false;
        }
        heap.collect();
        limit = Math.max(floor, heap.used() * 3 / 2);
        return true;
    }

    long limit() {
        return limit;
    }

    private void watch(MemoryPoolMXBean oldGeneration) {
        heap = new Heap() {
            @Override
            public long used() {
                return oldGeneration.getUsage().getUsed();
            }

            @Override
            public void collect() {
                System.gc();
            }
        };
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(PERIOD);
                check();
            }
        } catch (InterruptedException e) {
            // Closed: the process is about to exit.
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.interrupt();
            try {
                watcher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
