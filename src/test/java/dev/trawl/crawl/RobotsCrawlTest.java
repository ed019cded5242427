package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** robots.txt as the crawl applies it: refused URLs get a line, never a request. */
class RobotsCrawlTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeSite site = new FakeSite();

    @Test
    void recordsDisallowedUrlsWithoutRequestingThem() {
        site.fixed("/robots.txt", robots("User-agent: *\nDisallow: /private/\nAllow: /private/ok\n"))
                .page("/", "Home", "/private/secret", "/private/ok", "/public")
                .page("/private/ok", "Allowed by the longer rule")
                .page("/private/secret", "Secret")
                .page("/public", "Public");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        JsonNode refused = result.record(server.url("/private/secret"));
        assertEquals("robots", refused.get("error").get("type").asText());
        assertTrue(refused.get("status").isNull());
        assertEquals(0, refused.get("attempts").asInt());
        assertEquals(0, site.hits("/private/secret"));
        assertEquals("Allowed by the longer rule", result.record(server.url("/private/ok")).get("title").asText());
        assertEquals(1, site.hits("/robots.txt"), "robots.txt fetched once per host");
        assertEquals(4, result.records().size());
    }

    @Test
    void matchesTheGroupOfItsOwnProductToken() {
        site.fixed("/robots.txt", robots("User-agent: *\nDisallow: /\n\nUser-agent: trawl\nDisallow: /not-for-trawl\n"))
                .page("/", "Home", "/not-for-trawl", "/fine")
                .page("/fine", "Fine");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        assertEquals("Fine", result.record(server.url("/fine")).get("title").asText());
        assertEquals("robots", result.record(server.url("/not-for-trawl")).get("error").get("type").asText());
    }

    @Test
    void aCrawlDelayLineDoesNotEndTheGroupsUserAgentLines() {
        // Issue 10: trawl and b are one group, so trawl may not fetch / (RFC 9309 2.2.4).
        site.fixed("/robots.txt", robots("User-agent: trawl\nCrawl-delay: 1\n\nUser-agent: b\nDisallow: /\n"))
                .page("/", "Home", "/a")
                .page("/a", "A");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        JsonNode record = result.record(server.url("/"));
        assertEquals("robots", record.path("error").path("type").asText(), record::toString);
        assertEquals(0, record.get("attempts").asInt());
        assertEquals(0, site.hits("/"));
        assertEquals(1, site.hits("/robots.txt"));
        assertEquals(1, result.records().size());
    }

    @Test
    void anUnavailableRobotsTxtAllowsEverything() {
        site.fixed("/robots.txt", new MockResponse.Builder().code(404).build()).page("/", "Home");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        assertTrue(result.record(server.url("/")).get("error").isNull());
    }

    @Test
    void aFailingRobotsTxtDisallowsTheHost() {
        site.fixed("/robots.txt", new MockResponse.Builder().code(503).build()).page("/", "Home");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.retries(1)), server.url("/"));

        JsonNode error = result.record(server.url("/")).get("error");
        assertEquals("robots", error.get("type").asText());
        assertEquals("robots.txt unreachable (HTTP 503), so the site is off limits", error.get("message").asText(),
                "the record says why the whole site is refused");
        assertEquals(0, site.hits("/"));
        assertEquals(2, site.hits("/robots.txt"), "a 5xx robots.txt is retried like any request");
    }

    @Test
    void refusesARedirectIntoADisallowedPath() {
        site.fixed("/robots.txt", robots("User-agent: *\nDisallow: /private/\n"))
                .fixed("/", new MockResponse.Builder().code(302).addHeader("Location", "/private/x").build());
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c), server.url("/"));

        JsonNode record = result.record(server.url("/"));
        assertEquals("robots", record.get("error").get("type").asText());
        assertEquals(302, record.get("status").asInt());
        assertEquals(server.url("/private/x").toString(), record.get("final_url").asText());
        assertEquals(0, site.hits("/private/x"));
    }

    @Test
    void ignoreRobotsNeitherFetchesNorObeysIt() {
        site.fixed("/robots.txt", robots("User-agent: *\nDisallow: /\n")).page("/", "Home", "/a").page("/a", "A");
        server.setDispatcher(site);

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(TestConfig::ignoreRobots), server.url("/"));

        assertEquals(2, result.records().size());
        assertEquals(0, site.hits("/robots.txt"));
    }

    private static MockResponse robots(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/plain").body(body).build();
    }
}
