package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.config.CrawlConfig;
import dev.trawl.extract.PageExtractor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Servers that send too much (issue 5, "Hostile servers: Big"): each ends in a bounded error or a
 * bounded result, the rest of the crawl unharmed. The default {@code --max-bytes} (10 MiB) applies.
 * That the heap stays small while they run is {@code dev.trawl.HostileSiteIT}'s to show, in a
 * 96 MB JVM; here {@link #leavesTheHeapAsItFoundItAfterEveryBigAttack} checks nothing is kept.
 */
class BigResponseTest {
    /** Long enough for a loaded machine to move 10 MiB through a gzip or brotli decoder. */
    private static final CrawlConfig CONFIG = TestConfig.with(c -> c.timeout(Duration.ofSeconds(20)).retries(0));
    private static final long MAX_BYTES = 10L * 1024 * 1024;

    @AutoClose
    private final AttackedSite site = new AttackedSite();

    @Test
    void endlessHeadersAreAnIoError() {
        assertEndsIn("io", Attacks.endlessHeaders());
    }

    @Test
    void oneTenMegabyteHeaderIsAnIoError() {
        assertEndsIn("io", Attacks.hugeHeader(10 * Attacks.MIB));
    }

    @Test
    void aTenGigabyteBodyWithItsContentLengthIsTooLarge() {
        JsonNode record = assertEndsIn("too_large", Attacks.hugeBody(10 * Attacks.GIB));
        assertEquals(200, record.get("status").asInt());
    }

    @Test
    void aTenGigabyteChunkedBodyIsTooLargeOnceMaxBytesAreRead() {
        assertEndsIn("too_large", Attacks.hugeChunkedBody(10 * Attacks.GIB));
    }

    @Test
    void aGzipBombIsTooLargeOnceMaxBytesAreInflated() {
        assertEndsIn("too_large", Attacks.gzipBomb());
    }

    @Test
    void aBrotliBombIsTooLargeOnceMaxBytesAreDecoded() {
        assertEndsIn("too_large", Attacks.brotliBomb());
    }

    @Test
    void aFiftyMegabyteTitleIsTooLarge() {
        assertEndsIn("too_large", Attacks.hugeTitle(50 * Attacks.MIB));
    }

    @Test
    void aTitleOfMegabytesWithinMaxBytesIsCutTo1024Characters() {
        JsonNode record = assertEndsIn("none", Attacks.hugeTitle(MAX_BYTES / 2));
        assertEquals(PageExtractor.MAX_TITLE_LENGTH, record.get("title").asText().length());
    }

    @Test
    void aMillionLinksWithinMaxBytesYieldTheirLinks() {
        JsonNode record = assertEndsIn("none", Attacks.millionLinks());
        assertEquals("A million links", record.get("title").asText());
        List<String> expected = new ArrayList<>();
        for (char name : Attacks.LINK_NAMES.toCharArray()) {
            expected.add(site.hostile.url("/" + name).toString());
        }
        List<String> links = new ArrayList<>();
        record.get("links").forEach(link -> links.add(link.asText()));
        assertEquals(expected, links);
        for (char name : Attacks.LINK_NAMES.toCharArray()) {
            assertEquals(1, site.hostile.hits("/" + name), "/" + name + " followed once");
        }
    }

    @Test
    void htmlNested100000LevelsDeepYieldsItsRecordAndTheLinkAtTheBottom() {
        site.hostile.page("/bottom", "Bottom");
        JsonNode record = assertEndsIn("none", Attacks.deepNesting(100_000, "/bottom"));
        assertEquals("Deep", record.get("title").asText());
        assertEquals(List.of(site.hostile.url("/bottom").toString()), texts(record.get("links")));
        assertEquals(1, site.hostile.hits("/bottom"));
    }

    @Test
    void leavesTheHeapAsItFoundItAfterEveryBigAttack() {
        List<Attacks.Big> attacks = Attacks.big();
        site.hostile.page(AttackedSite.ATTACK, "Attacks", attacks.stream().map(Attacks.Big::path).toArray(String[]::new))
                .page("/bottom", "Bottom");
        attacks.forEach(attack -> site.hostile.route(attack.path(), attack.handler()));
        long before = usedHeapAfterGc();

        CrawlRun.Result result = site.crawl(CONFIG);

        long growth = usedHeapAfterGc() - before;
        for (Attacks.Big attack : attacks) {
            JsonNode record = result.record(site.hostile.url(attack.path()));
            assertEquals(attack.outcome(), record.path("error").path("type").asText("none"), record::toString);
        }
        site.assertBystandersFetched(result);
        assertTrue(growth < 64 * Attacks.MIB, "the heap grew by " + growth / Attacks.MIB + " MiB");
    }

    /** Crawls with the attack, checks its outcome (an error type, or "none") and the bystanders. */
    private JsonNode assertEndsIn(String outcome, RawServer.Handler attack) {
        CrawlRun.Result result = site.attack(attack).crawl(CONFIG);

        JsonNode record = site.attacked(result);
        assertEquals(outcome, site.errorType(result), record::toString);
        assertEquals(1, record.get("attempts").asInt());
        assertEquals(1, site.hostile.hits(AttackedSite.ATTACK), "asked once");
        site.assertBystandersFetched(result);
        return record;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
