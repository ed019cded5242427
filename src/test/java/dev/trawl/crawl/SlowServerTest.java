package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.config.CrawlConfig;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Servers that are slow on purpose (issue 5, "Hostile servers: Slow"): each is cut off at the
 * attempt deadline ({@code -t}) with {@code timeout}, while the rest of the crawl goes on.
 */
class SlowServerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    /** Generous against a loaded machine, yet far below "never". */
    private static final Duration BOUND = DEADLINE.multipliedBy(5);
    private static final Duration DRIP = Duration.ofMillis(100);
    private static final CrawlConfig CONFIG = TestConfig.with(c -> c.timeout(DEADLINE).retries(0));

    @AutoClose
    private final AttackedSite site = new AttackedSite();

    @Test
    void headersDrippedOneByteAtATimeEndAtTheDeadline() {
        assertCutOffAtTheDeadline(site.attack(Attacks.drippedHeaders(DRIP)));
    }

    @Test
    void aBodyDrippedForeverEndsAtTheDeadline() {
        JsonNode record = assertCutOffAtTheDeadline(site.attack(Attacks.drippedBody(DRIP)));
        assertEquals(200, record.get("status").asInt(), "the headers came in time");
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersEndsAtTheDeadline() {
        JsonNode record = assertCutOffAtTheDeadline(site.attack(Attacks.silence()));
        assertTrue(record.get("status").isNull());
    }

    private JsonNode assertCutOffAtTheDeadline(AttackedSite attacked) {
        long started = System.nanoTime();
        CrawlRun.Result result = attacked.crawl(CONFIG);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        JsonNode record = attacked.attacked(result);
        assertEquals("timeout", attacked.errorType(result), record::toString);
        assertEquals(1, record.get("attempts").asInt());
        assertEquals(1, attacked.hostile.hits(AttackedSite.ATTACK));
        assertTrue(record.get("elapsed_ms").asLong() >= DEADLINE.toMillis() - 50, "cut off early: " + record);
        assertTrue(record.get("elapsed_ms").asLong() < BOUND.toMillis(), "held " + record.get("elapsed_ms") + "ms");
        assertTrue(took.compareTo(BOUND) < 0, "the crawl took " + took);
        attacked.assertBystandersFetched(result);
        attacked.assertBystandersFinishedFirst(result);
        return record;
    }
}
