package dev.trawl.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The frontier contract for {@link LocalFrontier}, and what only it does: temporary files for overflow and cut links. */
@Timeout(10)
class LocalFrontierTest extends FrontierContractTest {
    private static final Predicate<String> ANY_HOST = host -> true;

    @Override
    protected FrontierFactory newFactory() {
        return new LocalFrontierFactory();
    }

    private static String a(String path) {
        return "http://a.test/" + path;
    }

    private static String b(String path) {
        return "http://b.test:8080/" + path;
    }

    private static Task task(String url, int depth, String parent) {
        return new Task(url, HostKey.of(url), depth, parent);
    }

    private static Task take(LocalFrontier frontier) {
        Task task = frontier.poll(ANY_HOST);
        assertNotNull(task, "expected a task");
        return task;
    }

    // ---- temporary files ----

    @Test
    void closeDeletesTheTemporaryFiles() throws IOException {
        assumeTrue(TempFiles.canTellOurs(), "needs /proc/self/fd to tell this process's files from others'");
        Set<Path> before = TempFiles.listed();
        LocalFrontier frontier = new LocalFrontier(2, 1);
        Set<Path> ours;
        try {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("1")));
            frontier.complete(take(frontier), List.of(a("2")));
            frontier.complete(take(frontier), List.of(a("cut"))); // a depth-2 page's cut link: kept on disk
            for (int i = 0; i < 3; i++) {
                frontier.addSeed(b(Integer.toString(i))); // one in memory, two overflow
            }
            ours = TempFiles.oursSince(before);
            assertEquals(Set.of("trawl-frontier-N.tmp", "trawl-cut-links-N.tmp"), TempFiles.names(ours));
            assertEquals(2, ours.size());
        } finally {
            frontier.close();
        }
        for (Path file : ours) {
            assertFalse(Files.exists(file), file + " deleted");
        }
        assertTrue(TempFiles.oursSince(before).isEmpty());
    }

    @Test
    void overflowFileIsDeletedOnceDrained() throws IOException {
        assumeTrue(TempFiles.canTellOurs(), "needs /proc/self/fd to tell this process's files from others'");
        Set<Path> before = TempFiles.listed();
        try (LocalFrontier frontier = new LocalFrontier(0, 1)) {
            for (int i = 0; i < 3; i++) {
                frontier.addSeed(a(Integer.toString(i)));
            }
            Set<Path> ours = TempFiles.oursSince(before);
            assertEquals(Set.of("trawl-frontier-N.tmp"), TempFiles.names(ours));
            take(frontier);
            take(frontier);
            take(frontier);
            assertEquals(0, frontier.waiting());
            for (Path file : ours) {
                assertFalse(Files.exists(file), file + " deleted before close");
            }
            // and a later overflow gets a fresh file
            frontier.addSeed(b("1"));
            frontier.addSeed(b("2"));
            assertEquals(Set.of("trawl-frontier-N.tmp"), TempFiles.names(TempFiles.oursSince(before)));
            assertEquals(task(b("1"), 0, null), take(frontier));
            assertEquals(task(b("2"), 0, null), take(frontier));
        }
    }

    @Test
    void frontierWithinMemoryCreatesNoFile() throws IOException {
        assumeTrue(TempFiles.canTellOurs(), "needs /proc/self/fd to tell this process's files from others'");
        Set<Path> before = TempFiles.listed();
        try (LocalFrontier frontier = new LocalFrontier(1, 10)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("x")));
            frontier.complete(take(frontier), List.of(a("cut"))); // depth 1 keeps no cut links
            assertEquals(Set.of(), TempFiles.oursSince(before));
        }
    }
}
