package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.crawl.Attacks;
import dev.trawl.crawl.RawServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The built jar against a site that attacks it with everything big at once (issue 5, "Hostile
 * servers: Big"), in a JVM with a 96 MB heap: every page gets its record, with the expected error
 * or a bounded result, and the heap holds. Also: credentials in seeds stay off stderr.
 */
class HostileSiteIT {
    private static final String HEAP = "-Xmx96m";

    @AutoClose
    private final RawServer hostile = new RawServer();
    @AutoClose
    private final RawServer bystander = new RawServer();

    @Test
    void theBigAttacksAtOnceEndBoundedInA96MegabyteHeap() throws Exception {
        // The million links have the heap to themselves, in the test below.
        assertBoundedInASmallHeap(Attacks.big().stream()
                .filter(attack -> !attack.path().equals(Attacks.MILLION_LINKS_PATH)).toList());
    }

    /** Parsed into a whole DOM, this page needed ~150 MB; the extractor now streams it, dropping what it has read. */
    @Test
    void aMillionLinksWithinMaxBytesParseInA96MegabyteHeap() throws Exception {
        assertBoundedInASmallHeap(Attacks.big().stream()
                .filter(attack -> attack.path().equals(Attacks.MILLION_LINKS_PATH)).toList());
    }

    /**
     * Pages too big for the heap: each gets its internal-error record and gives its host's place
     * back. An OutOfMemoryError used to skip that, so with {@code --per-host 2} the third such page
     * waited for a place for ever and the crawl never ended.
     */
    @Test
    void pagesTooBigForTheHeapEachGetARecordAndTheCrawlEnds() throws Exception {
        String[] big = IntStream.range(0, 6).mapToObj(i -> "/big" + i).toArray(String[]::new);
        hostile.page("/", "Too big", big);
        byte[] body = ("<p>" + "x".repeat(24 << 20) + "</p>").getBytes(StandardCharsets.US_ASCII); // read, then copied: more than 32 MB
        for (String path : big) {
            hostile.route(path, exchange -> exchange.respond(200, "text/html", body));
        }

        List<String> command = new ArrayList<>(List.of(JarProcess.java(), "-Xmx32m", "-jar", JarProcess.jar().toString(),
                "--delay=0", "-r", "0", "-c", "2", "--per-host=2", "--max-bytes=64MB", "-d", "1", hostile.url("/").toString()));
        try (JarProcess trawl = JarProcess.start(command, env -> { }, null)) {
            int exit = trawl.waitForExit();

            Map<String, JsonNode> records = Records.parse(trawl.stdout());
            assertEquals(0, exit, trawl::stderr);
            assertOk(records, hostile.url("/").toString());
            for (String path : big) {
                JsonNode record = records.get(hostile.url(path).toString());
                assertTrue(record != null, () -> "no record for " + path + " in " + records.keySet());
                assertTrue(record.path("error").path("message").asText().contains("OutOfMemoryError"), record::toString);
            }
            assertEquals(big.length + 1, records.size(), () -> records.keySet().toString());
        }
    }

    @Test
    void credentialsInSeedsNeverReachStderr() throws Exception {
        hostile.page("/", "Home", "/a", "/missing", "/broken").page("/a", "A")
                .route("/broken", exchange -> exchange.write("garbage\r\n\r\n"));
        String seed = hostile.url("/").newBuilder().username("user").password("secret").build().toString();
        String badSeed = "http://user:secret@127.0.0.1:99999/";

        try (JarProcess trawl = JarProcess.start("--delay=0", "-r", "0", "-v", "--sitemaps", seed, badSeed)) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);

            String stderr = trawl.stderr();
            assertFalse(stderr.contains("secret"), stderr);
            assertTrue(stderr.contains("GET http://***@127.0.0.1:" + hostile.port() + "/ -> 200"), stderr);
            assertTrue(stderr.contains(":99999"), "the bad seed is reported: " + stderr);
            assertTrue(stderr.lines().anyMatch(line -> line.matches("trawl: \\d+ pages in .*")), stderr);
            assertEquals(4, Records.parse(trawl.stdout()).size());
        }
    }

    /**
     * Crawls the attacks, one link each from the hostile home, beside a calm page and an ordinary
     * site on a second server, with trawl in a 96 MB heap; depth 1, so the links found on the attack
     * pages are not followed.
     */
    private void assertBoundedInASmallHeap(List<Attacks.Big> attacks) throws Exception {
        List<String> links = new ArrayList<>(attacks.stream().map(Attacks.Big::path).toList());
        links.add("/calm");
        hostile.page("/", "Under attack", links.toArray(String[]::new)).page("/calm", "Calm");
        attacks.forEach(attack -> hostile.route(attack.path(), attack.handler()));
        bystander.page("/", "Bystander", "/a", "/b").page("/a", "A").page("/b", "B");

        try (JarProcess trawl = JarProcess.start(inSmallHeap("--delay=0", "-r", "0", "-t", "20s", "-d", "1",
                hostile.url("/").toString(), bystander.url("/").toString()), env -> { }, null)) {
            int exit = trawl.waitForExit();

            String stderr = trawl.stderr();
            assertFalse(stderr.contains("OutOfMemoryError"), stderr);
            assertEquals(0, exit, stderr);
            Map<String, JsonNode> records = Records.parse(trawl.stdout());
            for (Attacks.Big attack : attacks) {
                JsonNode record = records.get(hostile.url(attack.path()).toString());
                assertTrue(record != null, () -> "no record for " + attack.path() + " in " + records.keySet());
                assertEquals(attack.outcome(), record.path("error").path("type").asText("none"), record::toString);
            }
            for (String path : List.of("/", "/calm")) {
                assertOk(records, hostile.url(path).toString());
            }
            for (String path : List.of("/", "/a", "/b")) {
                assertOk(records, bystander.url(path).toString());
            }
            assertEquals(attacks.size() + 5, records.size(), () -> records.keySet().toString());
        }
    }

    /** {@code java -Xmx96m -jar trawl.jar args...}: JVM options go before -jar. */
    private static List<String> inSmallHeap(String... args) {
        List<String> command = new ArrayList<>(List.of(JarProcess.java(), HEAP, "-jar", JarProcess.jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static void assertOk(Map<String, JsonNode> records, String url) {
        JsonNode record = records.get(url);
        assertTrue(record != null, () -> "no record for " + url + " in " + records.keySet());
        assertEquals(200, record.get("status").asInt(), record::toString);
        assertTrue(record.get("error").isNull(), record::toString);
    }
}
