package dev.trawl.state;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The lines of the run's last commit as the state stores them ({@code runs.output_pending}), and
 * where they go in the output. A commit stores them before writing them, so after a crash the
 * output may hold none of them, a part (a torn write), or all; this tells which.
 *
 * @param at    the output offset the lines begin at
 * @param lines the lines, whole, newlines included; empty when the last commit's lines are known written
 */
record StoredBatch(long at, byte[] lines) {

    /** How many leading bytes of the batch {@code file} holds at {@link #at}: 0 when it is shorter than that. */
    int heldBy(RandomAccessFile file) throws IOException {
        long length = file.length();
        if (length <= at || lines.length == 0) {
            return 0;
        }
        int there = (int) Math.min(lines.length, length - at);
        byte[] bytes = new byte[there];
        file.seek(at);
        file.readFully(bytes);
        int differs = Arrays.mismatch(bytes, 0, there, lines, 0, there);
        return differs < 0 ? there : differs;
    }

    /**
     * The leading whole lines of the batch that {@code file} holds at {@link #at}, in bytes: those a
     * run resumed into another output need not write again. A file that cannot be read holds none.
     */
    int wholeLinesHeldBy(Path file) {
        int held;
        try (RandomAccessFile read = new RandomAccessFile(file.toFile(), "r")) {
            held = heldBy(read);
        } catch (IOException e) {
            return 0; // gone or unreadable: the lines are written again where the run goes on
        }
        while (held > 0 && lines[held - 1] != '\n') {
            held--;
        }
        return held;
    }
}
