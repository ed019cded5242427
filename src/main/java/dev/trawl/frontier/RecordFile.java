package dev.trawl.frontier;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only temporary file of string tuples, read back by offset. It is where the frontier
 * puts what does not fit in memory. Deleted on close (and by the OS on crash, being unlinked
 * from a temp directory only in the sense that it lives there). Not thread-safe.
 */
final class RecordFile implements Closeable {
    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer writeBuffer = ByteBuffer.allocate(BUFFER);
    private long flushedSize;

    private final ByteBuffer readBuffer = ByteBuffer.allocate(BUFFER);
    private long readBufferStart = -1;

    /** A tuple and the offset of the next one. */
    record Entry(List<String> fields, long next) {
    }

    RecordFile(String prefix) {
        try {
            path = Files.createTempFile(prefix, ".tmp");
            path.toFile().deleteOnExit();
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the frontier", e);
        }
    }

    long size() {
        return flushedSize + writeBuffer.position();
    }

    /** Appends a tuple (fields may be null) and returns its offset. */
    long append(List<String> fields) {
        long offset = size();
        putInt(fields.size());
        for (String field : fields) {
            if (field == null) {
                putInt(-1);
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                putInt(bytes.length);
                put(bytes);
            }
        }
        return offset;
    }

    Entry read(long offset) {
        flushWrites();
        long[] position = {offset};
        int count = readInt(position);
        List<String> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = readInt(position);
            fields.add(length < 0 ? null : new String(readBytes(position, length), StandardCharsets.UTF_8));
        }
        return new Entry(fields, position[0]);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(path);
        }
    }

    private void putInt(int value) {
        ensureWritable(4);
        writeBuffer.putInt(value);
    }

    private void put(byte[] bytes) {
        int done = 0;
        while (done < bytes.length) {
            ensureWritable(1);
            int chunk = Math.min(writeBuffer.remaining(), bytes.length - done);
            writeBuffer.put(bytes, done, chunk);
            done += chunk;
        }
    }

    private void ensureWritable(int bytes) {
        if (writeBuffer.remaining() < bytes) {
            flushWrites();
        }
    }

    private void flushWrites() {
        if (writeBuffer.position() == 0) {
            return;
        }
        writeBuffer.flip();
        try {
            while (writeBuffer.hasRemaining()) {
                flushedSize += channel.write(writeBuffer, flushedSize);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the frontier's temporary file", e);
        }
        writeBuffer.clear();
        readBufferStart = -1; // the file changed under the read window
    }

    private int readInt(long[] position) {
        return ByteBuffer.wrap(readBytes(position, 4)).getInt();
    }

    private byte[] readBytes(long[] position, int length) {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long at = position[0] + done;
            if (readBufferStart < 0 || at < readBufferStart || at >= readBufferStart + readBuffer.limit()) {
                fill(at);
            }
            int from = (int) (at - readBufferStart);
            int chunk = Math.min(readBuffer.limit() - from, length - done);
            readBuffer.get(from, out, done, chunk);
            done += chunk;
        }
        position[0] += length;
        return out;
    }

    private void fill(long at) {
        readBuffer.clear();
        try {
            while (readBuffer.hasRemaining()) {
                int n = channel.read(readBuffer, at + readBuffer.position());
                if (n <= 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the frontier's temporary file", e);
        }
        readBuffer.flip();
        if (readBuffer.limit() == 0) {
            throw new IllegalStateException("read past the end of the frontier's temporary file");
        }
        readBufferStart = at;
    }
}
