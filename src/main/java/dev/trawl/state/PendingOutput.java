package dev.trawl.state;

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
    private byte[] buffer = new byte[INITIAL];
    private int size;

    private PendingOutput(RandomAccessFile file, OutputStream stream) {
        this.file = file;
        this.stream = stream;
    }

    /** Opens (or creates) the file, cuts it to {@code committed} bytes and appends after them. */
    static PendingOutput toFile(Path path, long committed) throws IOException {
        RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
        try {
            if (file.length() > committed) {
                file.setLength(committed);
            }
            file.seek(file.length());
            return new PendingOutput(file, null);
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }

    static PendingOutput toStream(OutputStream stream) {
        return new PendingOutput(null, stream);
    }

    boolean toFile() {
        return file != null;
    }

    /** Bytes in the file before anything is appended. */
    long startLength() throws IOException {
        return file.getFilePointer();
    }

    int pending() {
        return size;
    }

    void add(byte[] line) {
        if (size + line.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + line.length));
        }
        System.arraycopy(line, 0, buffer, size, line.length);
        size += line.length;
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

    /** Closes the file; a stream is the caller's (stdout), so it is only flushed. */
    void close() {
        try {
            if (file != null) {
                file.close();
            } else {
                stream.flush();
            }
        } catch (IOException e) {
            // Everything committed was synced already.
        }
    }
}
