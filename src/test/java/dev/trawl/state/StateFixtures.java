package dev.trawl.state;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** What the tests of runs and recrawls share: a fixed clock, URLs of one host, and a task that must be there. */
final class StateFixtures {
    private StateFixtures() {
    }

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static String a(String path) {
        return "http://a.test/" + path;
    }

    static Task take(Frontier frontier) {
        Task task = frontier.poll(host -> true);
        assertNotNull(task, "expected a task");
        return task;
    }
}
