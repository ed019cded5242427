package dev.trawl.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trawl.page.PageRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RecordWriterTest {
    /**
     * How long to wait for what a quiet machine does in milliseconds (the writer catching up, a
     * fetcher filling the queue, close() returning). A loaded machine takes seconds for it (5 s was
     * too short: 10,000 records encoded, 4,097 queued); the hang these bounds catch never ends, so a
     * generous bound only makes a failing run slower.
     */
    private static final Duration BOUND = Duration.ofSeconds(30);
    private final RecordEncoder encoder = new RecordEncoder();
    private final List<RecordWriter.WriteFailure> failures = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private static PageRecord record(int i) {
        return record(i, "Page " + i);
    }

    private static PageRecord record(int i, String title) {
        return new PageRecord("http://example.com/" + i, "http://example.com/" + i, 200, 1, "http://example.com/", title,
                List.of(), "text/html", 100L, 1, 3, Instant.parse("2026-11-30T06:31:05.123Z"), null);
    }

    private String lines(int from, int to) {
        StringBuilder expected = new StringBuilder();
        for (int i = from; i < to; i++) {
            expected.append(new String(encoder.encode(record(i)), UTF_8));
        }
        return expected.toString();
    }

    /**
     * Bounded polling, for what only shows outside the process (a file's content) or in a thread's
     * state. Each look is a millisecond apart rather than a spin: on two CPUs a spinning test takes
     * one from the thread it waits for.
     */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited " + BOUND + " for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ---- files ----

    @Test
    void writesEveryRecordAsAWholeLineInOrder() throws Exception {
        Path out = dir.resolve("out.jsonl");
        RecordWriter writer = RecordWriter.toFile(out, failures::add);
        for (int i = 0; i < 6000; i++) { // more than the writer's queue holds
            writer.write(record(i));
        }
        writer.close();

        assertEquals(lines(0, 6000), Files.readString(out));
        assertEquals(List.of(), failures);
        assertFalse(writer.failed());
    }

    @Test
    void linesAreVisibleBeforeClose() throws Exception {
        Path out = dir.resolve("out.jsonl");
        RecordWriter writer = RecordWriter.toFile(out, failures::add);
        try {
            for (int i = 0; i < 3; i++) {
                writer.write(record(i));
            }
            String expected = lines(0, 3);
            await(() -> read(out).equals(expected), "three lines in the file");

            writer.write(record(3));
            await(() -> read(out).equals(lines(0, 4)), "the fourth line");
        } finally {
            writer.close();
        }
        assertEquals(lines(0, 4), Files.readString(out));
    }

    @Test
    void recordLargerThanABatchIsWrittenWhole() throws Exception {
        Path out = dir.resolve("out.jsonl");
        String huge = "x".repeat(600 * 1024);
        RecordWriter writer = RecordWriter.toFile(out, failures::add);
        writer.write(record(0));
        writer.write(record(1, huge));
        writer.write(record(2));
        writer.close();

        assertEquals(lines(0, 1) + new String(encoder.encode(record(1, huge)), UTF_8) + lines(2, 3),
                Files.readString(out));
    }

    @Test
    void existingFileIsTruncated() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "an older crawl's line that is longer than the new output\n".repeat(100));
        RecordWriter writer = RecordWriter.toFile(out, failures::add);
        writer.write(record(0));
        writer.close();
        assertEquals(lines(0, 1), Files.readString(out));
    }

    @Test
    void fileInAMissingDirectoryFailsAtOnce() {
        assertThrows(NoSuchFileException.class, () -> RecordWriter.toFile(dir.resolve("missing/out.jsonl"), failures::add));
    }

    @Test
    void fullDiskIsReportedOnceAndWritersNeverBlock() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full");
        CountDownLatch failed = new CountDownLatch(1);
        RecordWriter writer = RecordWriter.toFile(full, failure -> {
            failures.add(failure);
            failed.countDown();
        });
        writer.write(record(0));
        assertTrue(failed.await(BOUND.toSeconds(), TimeUnit.SECONDS), "failure reported");
        assertTrue(writer.failed());

        assertTimeoutPreemptively(BOUND, () -> {
            for (int i = 1; i < 10_000; i++) { // more than the queue holds: must not block on a dead output
                writer.write(record(i));
            }
        });
        assertTimeoutPreemptively(BOUND, writer::close);

        assertEquals(List.of(new RecordWriter.WriteFailure(false, "cannot write output to /dev/full: No space left on device")),
                failures);
    }

    /** The file is forced to disk on close, but a device cannot be: fsync fails on /dev/null with EINVAL. */
    @Test
    void outputToADeviceClosesWithoutAFailure() throws Exception {
        Path device = Path.of("/dev/null");
        assumeTrue(Files.isWritable(device), "needs /dev/null");
        RecordWriter writer = RecordWriter.toFile(device, failures::add);
        writer.write(record(0));
        assertTimeoutPreemptively(BOUND, writer::close);

        assertFalse(writer.failed());
        assertEquals(List.of(), failures);
    }

    // ---- streams ----

    @Test
    void streamGetsEveryLineAndIsFlushedButNotClosed() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger flushed = new AtomicInteger();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream stdout = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void flush() {
                flushed.incrementAndGet();
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        RecordWriter writer = RecordWriter.toStream(stdout, true, failures::add);
        for (int i = 0; i < 10; i++) {
            writer.write(record(i));
        }
        writer.close();

        assertEquals(lines(0, 10), bytes.toString(UTF_8));
        assertTrue(flushed.get() >= 1);
        assertEquals(0, closed.get(), "stdout is not ours to close");
        assertEquals(List.of(), failures);
    }

    @Test
    void closedPipeMeansTheReaderWentAway() throws Exception {
        RecordWriter writer = failingWriter(new IOException("Broken pipe"), true);
        assertEquals(List.of(new RecordWriter.WriteFailure(true, "cannot write output to stdout: Broken pipe")), failures);
        assertTrue(writer.failed());
    }

    @Test
    void failureOnAStreamThatIsNotAPipeIsAnError() throws Exception {
        failingWriter(new IOException(), false);
        assertEquals(List.of(new RecordWriter.WriteFailure(false, "cannot write output to stdout: IOException")), failures);
    }

    @Test
    void writerBlockedOnAFullQueueIsReleasedWhenOutputFails() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("Broken pipe");
            }
        };
        RecordWriter writer = RecordWriter.toStream(stuck, true, failures::add);
        Thread fetcher = Thread.ofPlatform().daemon(true).start(() -> {
            try {
                for (int i = 0; i < 5000; i++) {
                    writer.write(record(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await(() -> fetcher.getState() == Thread.State.WAITING, "the fetcher to block on the full queue");

        release.countDown();

        assertTrue(fetcher.join(BOUND), "the blocked fetcher finished");
        assertTimeoutPreemptively(BOUND, writer::close);
        assertEquals(List.of(new RecordWriter.WriteFailure(true, "cannot write output to stdout: Broken pipe")), failures);
    }

    @Test
    void closeReturnsWhenTheOutputFailsWhileClosing() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OutputStream slowThenBroken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("Broken pipe");
            }
        };
        RecordWriter writer = RecordWriter.toStream(slowThenBroken, true, failures::add);
        writer.write(record(0));
        assertTrue(writing.await(BOUND.toSeconds(), TimeUnit.SECONDS), "the writer thread is writing");
        Thread closer = Thread.ofPlatform().daemon(true).start(writer::close);
        await(() -> closer.getState() == Thread.State.WAITING, "close() to queue its end and wait for the writer");

        release.countDown(); // the write in progress fails now

        assertTrue(closer.join(BOUND), "close() returned");
        assertEquals(List.of(new RecordWriter.WriteFailure(true, "cannot write output to stdout: Broken pipe")), failures);
    }

    // ---- interrupts ----

    @Test
    void interruptedThreadStillGetsItsRecordWrittenAndKeepsItsInterrupt() throws Exception {
        Path out = dir.resolve("out.jsonl");
        RecordWriter writer = RecordWriter.toFile(out, failures::add);
        Thread.currentThread().interrupt();
        try {
            writer.write(record(0));
            writer.close();
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt survives close()");
        } finally {
            Thread.interrupted();
        }
        assertEquals(lines(0, 1), Files.readString(out));
    }

    private static OutputStream failing(IOException failure) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw failure;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw failure;
            }
        };
    }

    /**
     * Writes to a stream that fails, waits for the failure to be reported, writes more, and closes. (Closing while
     * the failing write is in progress can hang: see closeReturnsWhenTheOutputFailsWhileClosing.)
     */
    private RecordWriter failingWriter(IOException failure, boolean pipe) throws InterruptedException {
        CountDownLatch failed = new CountDownLatch(1);
        RecordWriter writer = RecordWriter.toStream(failing(failure), pipe, reported -> {
            failures.add(reported);
            failed.countDown();
        });
        writer.write(record(0));
        assertTrue(failed.await(BOUND.toSeconds(), TimeUnit.SECONDS), "failure reported");
        for (int i = 1; i < 3; i++) {
            writer.write(record(i));
        }
        assertTimeoutPreemptively(BOUND, writer::close);
        return writer;
    }
}
