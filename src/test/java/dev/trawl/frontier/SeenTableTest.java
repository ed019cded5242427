package dev.trawl.frontier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeenTableTest {

    @Test
    void unknownFingerprintIsNotFound() {
        SeenTable table = new SeenTable();
        assertEquals(-1, table.find(42));
        assertEquals(0, table.size());
    }

    @Test
    void insertedEntryKeepsItsDepthAndState() {
        SeenTable table = new SeenTable();
        int slot = table.insert(42, 3, SeenTable.QUEUED);
        assertEquals(slot, table.find(42));
        assertEquals(3, table.depth(slot));
        assertEquals(SeenTable.QUEUED, table.state(slot));
        table.depth(slot, 1);
        table.state(slot, SeenTable.DONE);
        assertEquals(1, table.depth(table.find(42)));
        assertEquals(SeenTable.DONE, table.state(table.find(42)));
        assertEquals(1, table.size());
    }

    @Test
    void fingerprintZeroCanBeStored() {
        SeenTable table = new SeenTable();
        assertEquals(-1, table.find(0));
        int slot = table.insert(0, 5, SeenTable.TAKEN);
        assertEquals(slot, table.find(0));
        assertEquals(5, table.depth(slot));
    }

    @Test
    void entriesAndEdgesSurviveGrowth() {
        Random random = new Random(3);
        SeenTable table = new SeenTable();
        int n = 100_000; // the table starts at 4096 slots: many doublings
        long[] keys = random.longs().distinct().limit(n).toArray();
        Set<Long> inserted = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int slot = table.insert(keys[i], i % 50, (byte) (1 + i % 3));
            if (i % 10 == 0) {
                table.edges(slot, new long[] {keys[i], i, -i, 99}, 3);
            }
            inserted.add(keys[i]);
        }
        assertEquals(n, table.size());
        for (int i = 0; i < n; i++) {
            int slot = table.find(keys[i]);
            assertTrue(slot >= 0, "lost " + keys[i]);
            assertEquals(i % 50, table.depth(slot));
            assertEquals((byte) (1 + i % 3), table.state(slot));
            long[] expected = i % 10 == 0 ? new long[] {keys[i], i, -i} : new long[0];
            assertArrayEquals(expected, table.edges(slot), "edges of entry " + i);
        }
        for (long other : random.longs().limit(1000).toArray()) {
            if (!inserted.contains(other)) {
                assertEquals(-1, table.find(other));
            }
        }
    }

    @Test
    void edgesCanBeReplacedAndEmptyEdgesLeaveNone() {
        SeenTable table = new SeenTable();
        int slot = table.insert(7, 2, SeenTable.DONE);
        assertArrayEquals(new long[0], table.edges(slot));
        table.edges(slot, new long[] {1, 2}, 0);
        assertArrayEquals(new long[0], table.edges(slot));
        table.edges(slot, new long[] {1, 2}, 2);
        table.edges(slot, new long[] {1, 2, 3, 4}, 4);
        assertArrayEquals(new long[] {1, 2, 3, 4}, table.edges(slot));
        // edges beyond the first arena block
        long[] many = new long[5000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i * 31L;
        }
        int other = table.insert(8, 2, SeenTable.DONE);
        table.edges(other, many, many.length);
        assertArrayEquals(many, table.edges(table.find(8)));
        assertArrayEquals(new long[] {1, 2, 3, 4}, table.edges(table.find(7)));
    }
}
