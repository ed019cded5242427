package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ParseThreadsTest {

    @Test
    void runsTheWorkOnAPlatformThreadAndGivesBackItsResult() throws Exception {
        try (ParseThreads threads = new ParseThreads(1)) {
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            assertEquals("parsed", threads.call(() -> {
                ranOn.set(Thread.currentThread());
                return "parsed";
            }));
            assertNotSame(Thread.currentThread(), ranOn.get());
            assertFalse(ranOn.get().isVirtual());
            assertTrue(ranOn.get().getName().startsWith("trawl-parse-"));
        }
    }

    @Test
    void whatTheWorkThrowsIsThrownToTheCaller() throws Exception {
        try (ParseThreads threads = new ParseThreads(1)) {
            IllegalStateException bug = new IllegalStateException("bug");
            assertSame(bug, assertThrows(IllegalStateException.class, () -> threads.call(() -> {
                throw bug;
            })));
            OutOfMemoryError tooBig = new OutOfMemoryError("page too big");
            assertSame(tooBig, assertThrows(OutOfMemoryError.class, () -> threads.call(() -> {
                throw tooBig;
            })));
            assertEquals(1, threads.call(() -> 1), "the thread survives what the work threw");
        }
    }

    @Test
    void anInterruptedCallerCancelsTheWorkAndCloseWaitsForEveryThread() throws Exception {
        ParseThreads threads = new ParseThreads(2);
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch workInterrupted = new CountDownLatch(1);
        AtomicReference<Throwable> callerSaw = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                threads.call(() -> {
                    working.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        workInterrupted.countDown();
                    }
                    return null;
                });
            } catch (Throwable e) {
                callerSaw.set(e);
            }
        });
        working.await();
        caller.interrupt();
        caller.join();
        assertTrue(callerSaw.get() instanceof InterruptedException, String.valueOf(callerSaw.get()));
        workInterrupted.await();

        threads.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().startsWith("trawl-parse-") && thread.isAlive()),
                "parse threads left after close");
    }
}
