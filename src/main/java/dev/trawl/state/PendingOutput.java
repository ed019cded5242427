package dev.trawl.state;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Lines of finished pages waiting for the next commit, and where they go. A file is written with
 * {@link RandomAccessFile} and synced through its descriptor rather than with a
 * {@code FileChannel}: a channel closes itself when the writing thread is interrupted, and fetchers
 * that commit inline are interrupted when the crawl stops. Not thread-safe; the store's lock guards it.
 */
final class PendingOutput {
    private static final int INITIAL = 64 * 1024;
    private static final int KEEP = 4 * 1024 * 1024;

    private final RandomAccessFile file;
    private final OutputStream stream;
    private final boolean ownsStream;
    private byte[] buffer = new byte[INITIAL];
    private int size;

    private PendingOutput(RandomAccessFile file, OutputStream stream, boolean ownsStream) {
        this.file = file;
        this.stream = stream;
        this.ownsStream = ownsStream;
    }

    /** Opens (or creates) the file empty: a run's output begins in it. */
    static PendingOutput toNewFile(Path path) throws IOException {
        RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
        try {
            file.setLength(0);
            return new PendingOutput(file, null, false);
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }

    /**
     * Opens the file a run wrote to, to go on with it. Every byte before the stored batch stays, and
     * so does every byte of the batch the file holds; what follows them (the torn rest of a line, or
     * bytes that are not the batch's) is cut, and the rest of the batch is pending, to be written
     * there: a line that reached the file is never taken back, a torn one is completed.
     */
    static PendingOutput resume(Path path, StoredBatch batch) throws IOException {
        RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
        try {
            long length = file.length();
            int held = batch.heldBy(file);
            // A file shorter than its committed lines lost them to someone else: go on from its end.
            long end = length < batch.at() ? length : batch.at() + held;
            if (length > end) {
                file.setLength(end);
            }
            file.seek(end);
            PendingOutput output = new PendingOutput(file, null, false);
            output.add(batch.lines(), held);
            return output;
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }

    /** The caller's stream (stdout): flushed at each commit, never closed here. */
    static PendingOutput toStream(OutputStream stream) {
        return new PendingOutput(null, stream, false);
    }

    /**
     * A file that is not a regular one (/dev/null, a named pipe, a terminal): it cannot be read back,
     * cut or synced, so it is written to as a stream, appended, and closed with the output.
     */
    static PendingOutput toDevice(Path path) throws IOException {
        return new PendingOutput(null, new FileOutputStream(path.toFile(), true), true);
    }

    boolean toFile() {
        return file != null;
    }

    /** Bytes in the file before anything pending is written. */
    long startLength() throws IOException {
        return file.getFilePointer();
    }

    int pending() {
        return size;
    }

    /** The pending bytes, as the next commit stores them. */
    byte[] pendingBytes() {
        return Arrays.copyOf(buffer, size);
    }

    void add(byte[] line) {
        add(line, 0);
    }

    /** Adds {@code bytes} from {@code from} on. */
    void add(byte[] bytes, int from) {
        int length = bytes.length - from;
        if (size + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
        }
        System.arraycopy(bytes, from, buffer, size, length);
        size += length;
    }

    /** Writes the pending lines and, for a file, forces them to disk; returns how many bytes. */
    int flush() throws IOException {
        int written = size;
        if (written == 0) {
            return 0;
        }
        size = 0; // written or failed: either way these lines are no longer pending
        if (file != null) {
            file.write(buffer, 0, written);
            file.getFD().sync();
        } else {
            stream.write(buffer, 0, written);
            stream.flush();
        }
        if (buffer.length > KEEP) {
            buffer = new byte[INITIAL];
        }
        return written;
    }

    void discard() {
        size = 0;
    }

    /** Closes the file or a device's stream; the caller's stream (stdout) is only flushed. */
    void close() {
        try {
            if (file != null) {
                file.close();
            } else if (ownsStream) {
                stream.close();
            } else {
                stream.flush();
            }
        } catch (IOException e) {
            // Everything committed was synced already.
        }
    }
}
