package dev.trawl.frontier;

import java.util.Arrays;

/**
 * Every URL the crawl knows, by fingerprint: its shortest known depth, whether it is queued or
 * taken, and (for fetched pages) the fingerprints of the links it had, kept for depth relaxation.
 * Open addressing over parallel primitive arrays: about 30 bytes a URL, no object per entry.
 * Not thread-safe; {@link LocalFrontier} guards it.
 */
final class SeenTable {
    static final byte QUEUED = 1;
    static final byte TAKEN = 2;
    static final byte DONE = 3;

    private static final long EMPTY = 0;
    private static final int NO_EDGES = -1;

    private long[] keys;
    private int[] depths;
    private byte[] states;
    private int[] edgeStart;
    private int[] edgeCount;
    private int size;

    private long[] arena = new long[1024];
    private int arenaSize;

    SeenTable() {
        allocate(1 << 12);
    }

    int size() {
        return size;
    }

    /** Slot of the fingerprint, or -1. Slots stay valid until the next {@link #insert}. */
    int find(long fingerprint) {
        long key = nonEmpty(fingerprint);
        int mask = keys.length - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return i;
            }
            if (keys[i] == EMPTY) {
                return -1;
            }
        }
    }

    /** Adds an absent fingerprint and returns its slot. */
    int insert(long fingerprint, int depth, byte state) {
        if ((size + 1) * 4 > keys.length * 3) {
            grow();
        }
        int slot = place(nonEmpty(fingerprint));
        depths[slot] = depth;
        states[slot] = state;
        size++;
        return slot;
    }

    int depth(int slot) {
        return depths[slot];
    }

    void depth(int slot, int depth) {
        depths[slot] = depth;
    }

    byte state(int slot) {
        return states[slot];
    }

    void state(int slot, byte state) {
        states[slot] = state;
    }

    void edges(int slot, long[] fingerprints, int count) {
        if (count == 0) {
            return;
        }
        if (arenaSize + count > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + count));
        }
        System.arraycopy(fingerprints, 0, arena, arenaSize, count);
        edgeStart[slot] = arenaSize;
        edgeCount[slot] = count;
        arenaSize += count;
    }

    /** The link fingerprints stored for a fetched page; empty when none were stored. */
    long[] edges(int slot) {
        if (edgeStart[slot] == NO_EDGES) {
            return new long[0];
        }
        return Arrays.copyOfRange(arena, edgeStart[slot], edgeStart[slot] + edgeCount[slot]);
    }

    private int place(long key) {
        int mask = keys.length - 1;
        int i = spread(key) & mask;
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        edgeStart[i] = NO_EDGES;
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldDepths = depths;
        byte[] oldStates = states;
        int[] oldStart = edgeStart;
        int[] oldCount = edgeCount;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = place(oldKeys[i]);
                depths[slot] = oldDepths[i];
                states[slot] = oldStates[i];
                edgeStart[slot] = oldStart[i];
                edgeCount[slot] = oldCount[i];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        depths = new int[capacity];
        states = new byte[capacity];
        edgeStart = new int[capacity];
        edgeCount = new int[capacity];
    }

    private static long nonEmpty(long fingerprint) {
        return fingerprint == EMPTY ? 1 : fingerprint;
    }

    private static int spread(long key) {
        return (int) (key ^ (key >>> 32));
    }
}
