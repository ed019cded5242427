package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.config.CrawlConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * A crawl under attack, with a control group. The hostile server's home page links to the attack
 * and to one calm page; an ordinary site on a second server (another port of 127.0.0.1: the same
 * host name for scope and the private-address rule, another host for per-host limits) is crawled
 * at the same time. Both homes are seeds. {@link #assertBystandersFetched} then shows that the
 * attack cost the rest of the crawl nothing.
 */
final class AttackedSite implements AutoCloseable {
    static final String ATTACK = "/attack";
    private static final Map<String, String> BYSTANDER_TITLES = Map.of("/", "Bystander", "/a", "A", "/b", "B",
            "/c", "C");

    final RawServer hostile = new RawServer();
    final RawServer bystander = new RawServer();

    AttackedSite() {
        hostile.page("/", "Under attack", ATTACK, "/calm").page("/calm", "Calm");
        // A chain: /c is only found once /a is fetched, so the bystanders take several rounds.
        bystander.page("/", "Bystander", "/a", "/b").page("/a", "A", "/c").page("/b", "B").page("/c", "C");
    }

    /** Serves {@code attack} at {@link #ATTACK}. */
    AttackedSite attack(RawServer.Handler attack) {
        hostile.route(ATTACK, attack);
        return this;
    }

    HttpUrl attackUrl() {
        return hostile.url(ATTACK);
    }

    /** Crawls from the hostile home and the bystanders' home, plus any other seeds. */
    CrawlRun.Result crawl(CrawlConfig config, HttpUrl... otherSeeds) {
        List<HttpUrl> seeds = new ArrayList<>(List.of(hostile.url("/"), bystander.url("/")));
        seeds.addAll(List.of(otherSeeds));
        return CrawlRun.crawl(config, seeds.toArray(HttpUrl[]::new));
    }

    /** The attacked page's record. */
    JsonNode attacked(CrawlRun.Result result) {
        return result.record(attackUrl());
    }

    /** The attacked page's error type, or "none". */
    String errorType(CrawlRun.Result result) {
        return attacked(result).path("error").path("type").asText("none");
    }

    /** The calm page beside the attack and every bystander page: fetched once each, 200, titled, no error. */
    void assertBystandersFetched(CrawlRun.Result result) {
        assertPage(result, hostile.url("/"), "Under attack");
        assertPage(result, hostile.url("/calm"), "Calm");
        assertEquals(1, hostile.hits("/calm"), "/calm fetched once");
        BYSTANDER_TITLES.forEach((path, title) -> {
            assertPage(result, bystander.url(path), title);
            assertEquals(1, bystander.hits(path), path + " fetched once");
        });
    }

    /** Every bystander's record was written before the attacked page's: they did not wait for it. */
    void assertBystandersFinishedFirst(CrawlRun.Result result) {
        List<String> order = result.records().stream().map(r -> r.get("url").asText()).toList();
        int attacked = order.indexOf(attackUrl().toString());
        for (String path : BYSTANDER_TITLES.keySet()) {
            int position = order.indexOf(bystander.url(path).toString());
            assertTrue(position < attacked, () -> path + " was recorded after the attack ended: " + order);
        }
    }

    private static void assertPage(CrawlRun.Result result, HttpUrl url, String title) {
        JsonNode record = result.record(url);
        assertEquals(200, record.get("status").asInt(), () -> url + ": " + record);
        assertTrue(record.get("error").isNull(), () -> url + ": " + record);
        assertEquals(title, record.get("title").asText(), () -> url + ": " + record);
    }

    @Override
    public void close() {
        try (bystander) {
            hostile.close();
        }
    }
}
