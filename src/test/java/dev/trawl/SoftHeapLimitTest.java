package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SoftHeapLimitTest {
    /** An old generation that holds {@code live} bytes and gains garbage until collected. */
    private static final class FakeHeap implements SoftHeapLimit.Heap {
        long live;
        long garbage;
        int collections;

        @Override
        public long used() {
            return live + garbage;
        }

        @Override
        public void collect() {
            garbage = 0;
            collections++;
        }
    }

    private static final long MB = 1 << 20;

    @Test
    void collectsOnlyAboveTheLimit() {
        FakeHeap heap = new FakeHeap();
        SoftHeapLimit limit = new SoftHeapLimit(heap, 16 * MB);
        heap.live = 4 * MB;
        heap.garbage = 12 * MB;
        assertFalse(limit.check());
        heap.garbage++;
        assertTrue(limit.check());
        assertEquals(1, heap.collections);
        assertEquals(4 * MB, heap.used());
        assertEquals(16 * MB, limit.limit(), "never below the floor");
    }

    @Test
    void theLimitFollowsWhatSurvives() {
        FakeHeap heap = new FakeHeap();
        SoftHeapLimit limit = new SoftHeapLimit(heap, 16 * MB);
        heap.live = 100 * MB;
        heap.garbage = 1;
        assertTrue(limit.check());
        assertEquals(150 * MB, limit.limit());
        // Until as much garbage as half the live data has come, no further collection.
        heap.garbage = 50 * MB;
        assertFalse(limit.check());
        heap.live = 20 * MB;
        heap.garbage = 131 * MB;
        assertTrue(limit.check());
        assertEquals(30 * MB, limit.limit(), "and it comes down with the live data");
        assertEquals(2, heap.collections);
    }

    @Test
    void aCrawlThatOnlyGrowsIsCollectedLogarithmicallyOften() {
        FakeHeap heap = new FakeHeap();
        SoftHeapLimit limit = new SoftHeapLimit(heap, 16 * MB);
        // 10 GB promoted in 1 MB steps, half of it staying live: collections grow with log(live), not with the total.
        for (int step = 0; step < 10_000; step++) {
            heap.live += MB / 2;
            heap.garbage += MB / 2;
            limit.check();
        }
        assertTrue(heap.collections < 40, heap.collections + " collections");
    }

    @Test
    void closesItsThread() {
        SoftHeapLimit limit = SoftHeapLimit.start();
        limit.close();
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("trawl-heap")));
    }
}
