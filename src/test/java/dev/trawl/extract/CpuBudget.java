package dev.trawl.extract;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs work on a thread of its own and fails once that thread has used more CPU time than its
 * budget. For tests that catch blow-ups (a quadratic parse of a hostile page takes minutes): CPU
 * time is the work done, while the time on the clock also counts the waits for a CPU that a loaded
 * machine imposes (a test that takes a second alone took 59 s beside other builds).
 * Like {@code assertTimeoutPreemptively}, it gives up on a runaway thread rather than waiting for it.
 */
final class CpuBudget {
    /** How often the budget is checked while the work runs. */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private CpuBudget() {
    }

    static <T> T within(Duration budget, Callable<T> work) {
        return within(budget, work, "the work");
    }

    static <T> T within(Duration budget, Callable<T> work, String what) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        FutureTask<T> task = new FutureTask<>(work);
        Thread worker = Thread.ofPlatform().name("cpu-budget").daemon(true).start(task);
        while (true) {
            try {
                return task.get(CHECK_NANOS, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                long used = threads.getThreadCpuTime(worker.threadId());
                if (used > budget.toNanos()) {
                    worker.interrupt();
                    return fail(what + " used more than " + budget + " of CPU time");
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error failure) {
                    throw failure;
                }
                throw new AssertionError(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.interrupt();
                return fail("interrupted while waiting for " + what);
            }
        }
    }
}
