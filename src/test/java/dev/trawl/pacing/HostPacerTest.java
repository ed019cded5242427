package dev.trawl.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.fetch.AttemptResult;
import dev.trawl.fetch.Idling;
import dev.trawl.fetch.RequestGate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pacer's own decisions, timed exactly. PacingCrawlTest measures pacing at the server, where a
 * loaded machine delays each arrival by a different amount: it cannot tell two requests started
 * together from two started a gap apart and delivered together, so the "never two requests
 * closer than the gap" rule is checked here, on the start times themselves, which no load blurs.
 */
@Timeout(60)
class HostPacerTest {
    private static final Duration GAP = Duration.ofMillis(20);
    private static final HttpUrl PAGE = HttpUrl.get("http://a.test/page");
    private static final AttemptResult OK = new AttemptResult.Response(200, "text/html", null, null, null, null);

    /**
     * The system's time, remembering on each thread the last value it read: the pacer decides on
     * the time it has just read, so when {@code acquire} returns that value is the request's start.
     */
    private static final class StartClock implements Ticker {
        private final ThreadLocal<Long> lastRead = new ThreadLocal<>();

        @Override
        public long nanos() {
            long now = System.nanoTime();
            lastRead.set(now);
            return now;
        }

        long lastRead() {
            return lastRead.get();
        }
    }

    /**
     * Threads that all want the host at once, each permit released as soon as it is granted: with
     * one request in flight a waiter is woken by the release and must still wait out the gap, with
     * eight the gap alone holds them back. Either way no two starts are closer than the gap.
     */
    @ParameterizedTest(name = "{0} in flight")
    @ValueSource(ints = {1, 8})
    void concurrentRequestsToOneHostStartAtLeastTheGapApart(int perHost) throws Exception {
        StartClock clock = new StartClock();
        HostPacer pacer = new HostPacer(perHost, GAP, Duration.ofSeconds(30), Duration.ofMinutes(2),
                RateLimiter.UNLIMITED, clock, Clock.systemUTC(), warning -> { });
        int threads = 8;
        int requestsEach = 5;
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    for (int i = 0; i < requestsEach; i++) {
                        RequestGate.Permit permit = pacer.acquire(PAGE);
                        starts.add(clock.lastRead());
                        permit.release(OK);
                    }
                    return null;
                }));
            }
            for (Future<?> thread : done) {
                thread.get();
            }
        }

        List<Long> sorted = starts.stream().sorted().toList();
        assertEquals(threads * requestsEach, sorted.size());
        for (int i = 1; i < sorted.size(); i++) {
            long gap = sorted.get(i) - sorted.get(i - 1);
            int start = i;
            assertTrue(gap >= GAP.toNanos(), () -> "starts " + (start - 1) + " and " + start + " only " + gap / 1_000
                    + "µs apart");
        }
    }

    /**
     * Eight threads share two overall slots ({@link Idling} over a semaphore) and want one host
     * whose gap lets one start at a time: the pacer lends a slot out while a thread waits for the
     * host, takes it back before the start, and the gap between starts still holds.
     */
    @Test
    void lendsTheSlotOutWhileWaitingForTheHostAndStartsHoldingOne() throws Exception {
        StartClock clock = new StartClock();
        HostPacer pacer = new HostPacer(8, GAP, Duration.ofSeconds(30), Duration.ofMinutes(2),
                RateLimiter.UNLIMITED, clock, Clock.systemUTC(), warning -> { });
        Semaphore slots = new Semaphore(2);
        AtomicInteger lent = new AtomicInteger();
        int threads = 8;
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);
                    Idling idling = new Idling() {
                        @Override
                        public void idle() {
                            assertTrue(holding.get(), "lent a slot it did not hold");
                            holding.set(false);
                            lent.incrementAndGet();
                            slots.release();
                        }

                        @Override
                        public void busy() {
                            slots.acquireUninterruptibly();
                            holding.set(true);
                        }
                    };
                    for (int i = 0; i < 3; i++) {
                        idling.busy(); // the page starts with a slot
                        RequestGate.Permit permit = pacer.acquire(PAGE, idling);
                        starts.add(clock.lastRead());
                        assertTrue(holding.get(), "started a request without a slot");
                        permit.release(OK);
                        holding.set(false);
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> thread : done) {
                thread.get();
            }
        }

        assertEquals(2, slots.availablePermits(), "every slot given back once");
        assertTrue(lent.get() > 0, "no request waited without its slot");
        List<Long> sorted = starts.stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) {
            long gap = sorted.get(i) - sorted.get(i - 1);
            assertTrue(gap >= GAP.toNanos(), "starts only " + gap / 1_000 + "µs apart");
        }
    }

    /** A request that went out late (a new connection, a cold start) pushes the next one a whole gap past it. */
    @Test
    void theGapCountsFromWhenTheRequestWentOutWhenThatWasAfterItsTurn() throws Exception {
        long start = 1_000_000_000L;
        AtomicLong now = new AtomicLong(start);
        HostPacer pacer = oneAtATime(now);
        pacer.acquire(PAGE).release(OK);
        now.addAndGet(Duration.ofMillis(60).toNanos());
        pacer.sent("a.test");

        assertFalse(pacer.mayStart("a.test", start + Duration.ofMillis(150).toNanos()), "100 ms after the turn, 90 after it went out");
        assertTrue(pacer.mayStart("a.test", start + Duration.ofMillis(160).toNanos()), "a whole gap after it went out");
    }

    /** One sent on time changes nothing: the gap from its turn already covers it. */
    @Test
    void aRequestSentAtItsTurnKeepsTheGapFromItsTurn() throws Exception {
        long start = 1_000_000_000L;
        AtomicLong now = new AtomicLong(start);
        HostPacer pacer = oneAtATime(now);
        pacer.acquire(PAGE).release(OK);
        pacer.sent("a.test");

        assertTrue(pacer.mayStart("a.test", start + Duration.ofMillis(100).toNanos()));
    }

    /** One request in flight, starts 100 ms apart, on a clock the test moves. */
    private static HostPacer oneAtATime(AtomicLong now) {
        return new HostPacer(1, Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofMinutes(2),
                RateLimiter.UNLIMITED, now::get, Clock.systemUTC(), warning -> { });
    }
}
