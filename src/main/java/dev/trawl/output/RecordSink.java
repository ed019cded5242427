package dev.trawl.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where whole lines of output go. Batches are always whole lines. */
interface RecordSink extends AutoCloseable {

    /** Writes a batch of complete lines and flushes it through to the OS. */
    void write(byte[] batch, int length) throws IOException;

    /** Undoes any partial batch a failed write left behind, where that is possible. */
    void discardPartial();

    /** Whether a write failure means the reader went away (a closed pipe) rather than an error. */
    boolean readerGone(IOException failure);

    /** What the output is, for messages: "stdout" or the file's path. */
    String name();

    @Override
    void close() throws IOException;

    /** Standard output. It cannot be rewound, so a failed write may leave a torn line; in practice a pipe either takes a batch or is gone. */
    final class Stream implements RecordSink {
        private final OutputStream out;
        private final boolean pipe;

        Stream(OutputStream out, boolean pipe) {
            this.out = out;
            this.pipe = pipe;
        }

        @Override
        public void write(byte[] batch, int length) throws IOException {
            out.write(batch, 0, length);
            out.flush();
        }

        @Override
        public void discardPartial() {
        }

        @Override
        public String name() {
            return "stdout";
        }

        @Override
        public boolean readerGone(IOException failure) {
            // A pipe cannot be full: a failed write to one means its reader closed it (EPIPE).
            return pipe;
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /**
     * A file, truncated back to its last complete line if a write fails half way (disk full), and
     * forced to disk when closed: the crawl's end says its records are kept, and the process ends
     * right after.
     */
    final class File implements RecordSink {
        private final Path path;
        private final FileChannel channel;
        private final boolean regular;
        private long committed;

        File(Path path) throws IOException {
            this.path = path;
            channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            // A device or a FIFO (-o /dev/null, -o >(...)) has nothing to force, and fsync fails on some.
            regular = Files.isRegularFile(path);
        }

        @Override
        public void write(byte[] batch, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(batch, 0, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            committed += length;
        }

        @Override
        public void discardPartial() {
            try {
                if (channel.size() > committed) {
                    channel.truncate(committed);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // Not a regular file (a device such as /dev/full): nothing to cut back.
            }
        }

        @Override
        public boolean readerGone(IOException failure) {
            return false;
        }

        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public void close() throws IOException {
            try (channel) {
                if (regular) {
                    channel.force(false);
                }
            }
        }
    }
}
