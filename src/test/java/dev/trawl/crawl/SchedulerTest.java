package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.trawl.frontier.LocalFrontier;
import dev.trawl.frontier.Task;
import dev.trawl.pacing.HostPacer;
import dev.trawl.pacing.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scheduler's own accounting, on a clock the test moves by hand. */
@Timeout(60)
class SchedulerTest {
    private static final int SITES = 100;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final HostPacer pacer = new HostPacer(4, Duration.ofMillis(250), Duration.ofSeconds(30),
            Duration.ofMinutes(2), RateLimiter.UNLIMITED, now::get, Clock.systemUTC(), warning -> { });
    private final LocalFrontier frontier = new LocalFrontier(0, 1000);

    @Test
    void takesNothingNewWhileTheTasksWaitingForTheirHostFillTheQueue() throws Exception {
        for (int i = 0; i < SITES; i++) {
            frontier.addSeed("http://site" + i + ".test/");
        }
        Scheduler scheduler = new Scheduler(frontier, new HostLimiter(pacer), 1, now::get);
        long turn = now.get() + Duration.ofHours(1).toNanos();
        int bound = Scheduler.TASKS_WAITING_PER_SLOT;
        for (int i = 0; i < bound; i++) {
            Task task = scheduler.next();
            assertNotNull(task);
            scheduler.deferred(task, turn);
        }

        // Every slot is free, but the queue of tasks waiting for their turn is full: the dispatcher
        // waits for a turn to come rather than draining the frontier into more waiting tasks.
        CompletableFuture<Task> next = new CompletableFuture<>();
        Thread dispatcher = Thread.ofVirtual().start(() -> {
            try {
                next.complete(scheduler.next());
            } catch (InterruptedException e) {
                next.completeExceptionally(e);
            }
        });
        while (dispatcher.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        assertEquals(SITES - bound, frontier.waiting());

        scheduler.stop();
        assertNull(next.get());
        assertEquals(bound, scheduler.takeDeferred().size(), "the waiting tasks are left to abandon");
    }

    @Test
    void handsAWaitingTaskOutAgainWhenItsHostsTurnComesAheadOfNewOnes() throws Exception {
        frontier.addSeed("http://a.test/");
        frontier.addSeed("http://b.test/");
        Scheduler scheduler = new Scheduler(frontier, new HostLimiter(pacer), 1, now::get);
        Task first = scheduler.next();
        scheduler.deferred(first, now.get() + 1);
        now.addAndGet(2);

        assertEquals(first, scheduler.next());
    }
}
