package dev.trawl.output;

import dev.trawl.page.PageRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The one writer of records. Fetchers encode their record and hand the line over; a single
 * thread owned by this writer appends lines in whole batches and flushes whenever it catches up,
 * so {@code tail -f} and pipes see progress within one batch while a fast crawl still makes few
 * system calls. When the output fails, the thread keeps draining (so no fetcher ever blocks on a
 * dead writer) and reports the failure once.
 */
public final class RecordWriter implements AutoCloseable {
    private static final byte[] END = new byte[0];
    private static final int BATCH_BYTES = 256 * 1024;

    /** Why output stopped: the reader closed the pipe, or a real write error. */
    public record WriteFailure(boolean readerGone, String message) {
    }

    private final RecordEncoder encoder = new RecordEncoder();
    private final BlockingQueue<byte[]> lines = new ArrayBlockingQueue<>(4096);
    private final RecordSink sink;
    private final Consumer<WriteFailure> onFailure;
    private final Thread thread;
    private volatile WriteFailure failure;

    private RecordWriter(RecordSink sink, Consumer<WriteFailure> onFailure) {
        this.sink = sink;
        this.onFailure = onFailure;
        this.thread = Thread.ofPlatform().name("trawl-writer").daemon(true).start(this::drain);
    }

    /** Writes to standard output; {@code pipe} says whether it is a pipe (see {@link Terminal}). */
    public static RecordWriter toStream(OutputStream out, boolean pipe, Consumer<WriteFailure> onFailure) {
        return new RecordWriter(new RecordSink.Stream(out, pipe), onFailure);
    }

    /** Creates or truncates the file; fails at once if it cannot be opened (missing directory, permissions). */
    public static RecordWriter toFile(Path path, Consumer<WriteFailure> onFailure) throws IOException {
        return new RecordWriter(new RecordSink.File(path), onFailure);
    }

    /**
     * Queues a line already encoded (a record as a shared crawl's database kept it), without its line end.
     */
    public void writeLine(String line) throws InterruptedException {
        writeEncoded((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Queues a record already encoded by a {@link RecordEncoder}, its line end included. */
    public void writeEncoded(byte[] line) throws InterruptedException {
        if (failure == null && !lines.offer(line)) {
            lines.put(line);
        }
    }

    /**
     * Queues a record for output. Blocks only while the writer catches up; a record is queued even
     * when the calling thread has been interrupted, as long as there is room, so a page admitted
     * just before a stop still gets its line.
     */
    public void write(PageRecord record) throws InterruptedException {
        writeEncoded(encoder.encode(record));
    }

    /** Whether output has failed; records written after that are dropped. */
    public boolean failed() {
        return failure != null;
    }

    /** Writes everything queued, flushes, and stops the writer thread. Finishes even if interrupted, so nothing queued is lost. */
    @Override
    public void close() {
        boolean interrupted = false;
        while (true) {
            try {
                lines.put(END);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            sink.close();
        } catch (IOException e) {
            fail(e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        byte[] batch = new byte[BATCH_BYTES];
        List<byte[]> taken = new ArrayList<>();
        boolean ending = false;
        while (!ending) {
            try {
                taken.add(lines.take());
            } catch (InterruptedException e) {
                return; // only close() may stop this thread, and it does so with END
            }
            lines.drainTo(taken);
            int length = 0;
            for (byte[] line : taken) {
                if (line == END) {
                    ending = true;
                    break;
                }
                if (failure != null) {
                    continue;
                }
                if (length + line.length > batch.length) {
                    if (length > 0) {
                        flush(batch, length);
                        length = 0;
                    }
                    if (line.length > batch.length) {
                        batch = new byte[line.length];
                    }
                }
                System.arraycopy(line, 0, batch, length, line.length);
                length += line.length;
            }
            taken.clear();
            if (length > 0 && failure == null) {
                flush(batch, length);
            }
        }
    }

    private void flush(byte[] batch, int length) {
        if (failure != null) {
            return;
        }
        try {
            sink.write(batch, length);
        } catch (IOException e) {
            sink.discardPartial();
            fail(e);
        }
    }

    private void fail(IOException e) {
        if (failure != null) {
            return;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        failure = new WriteFailure(sink.readerGone(e), "cannot write output to " + sink.name() + ": " + message);
        // No clearing of the queue here: it may already hold close()'s END. The drain loop
        // discards what is left, so no fetcher blocks on a full queue meanwhile.
        onFailure.accept(failure);
    }
}
