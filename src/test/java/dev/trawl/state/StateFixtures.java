package dev.trawl.state;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** What the state tests share: a fixed clock, URLs of one host, a page's line, and a task that must be there. */
final class StateFixtures {
    private StateFixtures() {
    }

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static String a(String path) {
        return "http://a.test/" + path;
    }

    /** The output line of a page, as the tests of commits write it. */
    static byte[] line(Task task) {
        return ("{\"url\":\"" + task.url() + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    static Task take(Frontier frontier) {
        Task task = frontier.poll(host -> true);
        assertNotNull(task, "expected a task");
        return task;
    }
}
