package dev.trawl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trawl.page.PageRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordWriter#close()} racing a write failure. Found by {@code ExitStatusIT}: about one run
 * in six of {@code trawl -o /dev/full URL} on a one-page site never exited (main in
 * {@code RecordWriter.close} joining the writer thread, the writer thread in {@code lines.take()}).
 * Here the interleaving is forced: the output's write blocks until {@code close()} has queued its
 * end marker and is joining the writer thread, then fails.
 */
class RecordWriterCloseTest {
    private static final PageRecord RECORD = new PageRecord("http://h/", "http://h/", 200, 0, null, "t", List.of(),
            "text/html", 1L, 1, 1, Instant.EPOCH, null);

    @Test
    void closeReturnsWhenTheOutputFailsWhileItIsClosing() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writing.countDown();
                try {
                    fail.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("No space left on device");
            }
        };
        List<RecordWriter.WriteFailure> failures = new CopyOnWriteArrayList<>();
        RecordWriter writer = RecordWriter.toStream(full, false, failures::add);
        writer.write(RECORD);
        assertTrue(writing.await(10, TimeUnit.SECONDS), "the writer thread never wrote");

        Thread closer = Thread.ofPlatform().name("closer").daemon(true).start(writer::close);
        awaitWaiting(closer); // close() has queued its end marker and is joining the writer thread
        fail.countDown();

        assertTrue(closer.join(Duration.ofSeconds(10)), "close() did not return after the output failed");
        assertEquals(1, failures.size(), failures::toString);
        assertFalse(failures.getFirst().readerGone());
        assertTrue(failures.getFirst().message().contains("No space left on device"), failures::toString);
    }

    /** Until the thread waits (for the writer thread, the output being stuck) or has ended. */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.TERMINATED)
                .contains(thread.getState())) {
            if (System.nanoTime() > deadline) {
                fail("close() neither returned nor waited: " + thread.getState());
            }
            Thread.onSpinWait();
        }
    }
}
