package dev.trawl.state;

import static dev.trawl.state.StateFixtures.a;
import static dev.trawl.state.StateFixtures.at;
import static dev.trawl.state.StateFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a recrawl needs from the state (issue 10): the content of a page's last 2xx kept through
 * later 304s, the unreached URLs of earlier runs queued exactly once across a crash, and a
 * version-1 state file brought up to the current version in place.
 */
@Timeout(30)
class RecrawlStateTest {
    private static final Instant DAY_1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant DAY_2 = DAY_1.plus(Duration.ofDays(1));
    /** Long enough that only explicit commits happen: a crash loses exactly what the test says. */
    private static final Duration NO_BACKGROUND = Duration.ofHours(1);

    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("crawl.db");
    }

    private static PageContent page(String title, String... links) {
        return new PageContent(title, List.of(links), Set.of(links[links.length - 1]), a("canonical"), "about " + title,
                List.of("noarchive"), "text/html", 1234L);
    }

    @Test
    void a304KeepsTheStoredContentAndHashAndTheValidatorsItDidNotRepeatAndAnErrorDropsThem() throws Exception {
        PageContent content = page("Home", a("1"), a("2"));
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1));
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            frontier.addSeed(a(""));
            store.finish(take(frontier), List.of(), new FetchFacts(200, "\"e1\"", "Sat, 01 Mar 2025 09:00:00 GMT",
                    "hash-1", DAY_1, null, null, content, false, null), null);
            assertEquals(Optional.of(content), store.content(a("")));
            store.endRun(true);
        }
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(DAY_2));
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            frontier.addSeed(a(""));
            // The 304 repeated the ETag only.
            store.finish(take(frontier), List.of(), new FetchFacts(304, "\"e1\"", null, null, DAY_2, null, null, null, true, null),
                    null);

            assertEquals(Optional.of(new Previous(304, "\"e1\"", "Sat, 01 Mar 2025 09:00:00 GMT", "hash-1", DAY_2, 2,
                    true)), store.previous(a("")));
            assertEquals(Optional.of(content), store.content(a("")));
            store.endRun(true);
        }
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(DAY_2.plus(Duration.ofDays(1))));
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            frontier.addSeed(a(""));
            store.finish(take(frontier), List.of(), new FetchFacts(404, null, null, null, DAY_2, null), null);

            assertEquals(Optional.empty(), store.content(a("")), "the page is gone: nothing for a 304 to carry");
            assertEquals(false, store.previous(a("")).orElseThrow().hasContent());
        }
    }

    /**
     * The run's unreached URLs are queued in one transaction with nothing else: a crash before it is
     * committed leaves them out of the run, and the resumed run, drained again, queues them; a crash
     * after leaves them queued, and the resumed run hands them out without queuing them a second time.
     */
    @Test
    void unreachedUrlsAreQueuedOnceAcrossCrashesBeforeAndAfterTheCommit() throws Exception {
        try (StateStore store = StateStore.open(state())) {
            store.beginRun(Optional.empty(), Optional.empty(), at(DAY_1));
            Frontier frontier = store.frontier(3, 10, Admission.ALL);
            frontier.addSeed(a(""));
            store.finish(take(frontier), List.of(a("kept"), a("orphan")), new FetchFacts(200, null, null, null, DAY_1,
                    null), null);
            store.finish(take(frontier), List.of(), new FetchFacts(200, null, null, null, DAY_1, null), null);
            store.finish(take(frontier), List.of(), new FetchFacts(200, null, null, null, DAY_1, null), null);
            store.endRun(true);
        }

        StateStore first = StateStore.open(state(), NO_BACKGROUND);
        first.beginRun(Optional.empty(), Optional.empty(), at(DAY_2));
        Frontier frontier = first.frontier(3, 10, Admission.ALL);
        frontier.addSeed(a(""));
        first.finish(take(frontier), List.of(a("kept")), new FetchFacts(200, null, null, null, DAY_2, null), null);
        first.finish(take(frontier), List.of(), new FetchFacts(200, null, null, null, DAY_2, null), null);
        first.commit();
        assertEquals(1, frontier.queueUnreached());
        first.crashForTest(); // before the sweep was committed

        StateStore second = StateStore.open(state(), NO_BACKGROUND);
        assertTrue(second.beginRun(Optional.empty(), Optional.empty(), at(DAY_2)).resumed());
        frontier = second.frontier(3, 10, Admission.ALL);
        assertEquals(0, frontier.waiting());
        assertNull(frontier.poll(host -> true));
        assertEquals(1, frontier.queueUnreached(), "not lost");
        second.commit();
        second.crashForTest(); // after

        try (StateStore third = StateStore.open(state(), NO_BACKGROUND)) {
            assertTrue(third.beginRun(Optional.empty(), Optional.empty(), at(DAY_2)).resumed());
            frontier = third.frontier(3, 10, Admission.ALL);
            assertEquals(new Task(a("orphan"), "a.test", 1, a("")), take(frontier));
            assertNull(frontier.poll(host -> true));
            assertEquals(0, frontier.queueUnreached(), "not repeated");
        }
    }

    @Test
    void aVersionOneStateIsMigratedInPlaceAndItsPagesHaveNoContentUntilFetchedAgain() throws Exception {
        VersionOneState.create(state());
        Sql.execute(state(), "UPDATE runs SET status = 'finished', ended_at = '2025-03-01T10:00:04.000Z'");

        try (StateStore store = StateStore.open(state())) {
            assertEquals("3", Sql.value(state(), "SELECT value FROM meta WHERE key = 'schema_version'"));
            assertEquals(1, Sql.rows(state(), "SELECT name FROM pragma_table_info('urls') WHERE name = 'content'").size());
            RunStart start = store.beginRun(Optional.empty(), Optional.empty(), at(DAY_2));
            assertEquals(new RunStart(2, false, 0, Set.of()), start, "a recrawl of the finished version-1 run");
            assertEquals(Optional.of(new Previous(200, "\"e0\"", null, "hash-0", Instant.parse("2025-03-01T10:00:01.000Z"),
                    1, false)), store.previous(a("")), "its validators, but no content to carry into a 304");
            assertEquals(Optional.empty(), store.content(a("")));
        }
    }
}
