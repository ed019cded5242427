package dev.trawl.state;

import java.io.IOException;
import java.io.RandomAccessFile;
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
     * The lines of the batch that the run's earlier output may lack, for a run that goes on in another
     * output: all of them after standard output ({@code file} null: it cannot be read back), else those
     * after the leading whole lines the file holds at {@link #at}. A file that cannot be read holds none.
     */
    byte[] notIn(String file) {
        int held = 0;
        if (file != null) {
            try (RandomAccessFile read = new RandomAccessFile(file, "r")) {
                held = heldBy(read);
            } catch (IOException e) {
                held = 0; // gone or unreadable: the lines are written again where the run goes on
            }
        }
        while (held > 0 && lines[held - 1] != '\n') {
            held--;
        }
        return Arrays.copyOfRange(lines, held, lines.length);
    }
}
