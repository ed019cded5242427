package dev.trawl.crawl;

import dev.trawl.frontier.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Tasks handed back by page jobs that would otherwise have waited for their host's turn (typically
 * a host's first page, a gap after its robots.txt). A task waits here as data, holding no thread and
 * no slot, until its host's time has come and the {@link HostLimiter} lets it start. Bounded: the
 * {@link Scheduler} takes no new URL from the frontier while this is full, so the frontier is never
 * drained into waiting tasks. Not thread-safe: the scheduler calls it under its lock.
 */
final class TurnQueue {
    private record Waiting(Task task, long readyAt, long order) {
    }

    private final int capacity;
    /** Not due yet, soonest first (arrival order among equals). */
    private final PriorityQueue<Waiting> early = new PriorityQueue<>((a, b) -> a.readyAt != b.readyAt
            ? Long.compare(a.readyAt - b.readyAt, 0) : Long.compare(a.order, b.order));
    /** Due, but the host may still be busy: checked in arrival order whenever the scheduler looks. */
    private final ArrayDeque<Task> due = new ArrayDeque<>();
    private long arrivals;

    TurnQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Holds the task until {@code readyAt}, on the scheduler's clock. */
    void add(Task task, long readyAt) {
        early.add(new Waiting(task, readyAt, arrivals++));
    }

    /** The oldest due task whose host {@code ready} admits, removed; null when none. */
    Task take(long now, Predicate<String> ready) {
        while (!early.isEmpty() && early.peek().readyAt - now <= 0) {
            due.addLast(early.poll().task);
        }
        for (Iterator<Task> it = due.iterator(); it.hasNext(); ) {
            Task task = it.next();
            if (ready.test(task.host())) {
                it.remove();
                return task;
            }
        }
        return null;
    }

    /**
     * Nanoseconds until the next task falls due, or -1 when none is waiting on time. Due tasks
     * waiting on a busy host are not counted: a job finishing wakes the scheduler for them.
     */
    long nanosUntilDue(long now) {
        return early.isEmpty() ? -1 : Math.max(0, early.peek().readyAt - now);
    }

    /** Removes every task, due or not. */
    List<Task> drain() {
        List<Task> all = new ArrayList<>(due);
        early.forEach(waiting -> all.add(waiting.task));
        due.clear();
        early.clear();
        return all;
    }

    boolean full() {
        return size() >= capacity;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    int size() {
        return early.size() + due.size();
    }
}
