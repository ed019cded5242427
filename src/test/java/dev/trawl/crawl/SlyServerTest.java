package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.config.Verbosity;
import dev.trawl.url.Scope;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers that try to steer the crawler (issue 5, "Hostile servers: Sly"): redirects to other
 * schemes, links and redirects into the user's own network, and credentials that must stay out of
 * stderr. The basic private-address case is {@code FetchBehaviourTest.aLinkOrRedirectIntoAPrivateAddressIsRefusedUnlessAllowed};
 * these are the spellings and paths around it.
 */
class SlyServerTest {
    @AutoClose
    private final AttackedSite site = new AttackedSite();
    @AutoClose
    private final RawServer proxy = new RawServer();

    @ParameterizedTest(name = "Location: {0}")
    @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.1:PORT/pub/", "data:text/html,<title>Injected</title>",
        "javascript:alert(1)", "FILE:///etc/passwd", "  javascript:alert(1)"})
    void aRedirectToAnotherSchemeIsRefusedWithoutARequest(String location) {
        String target = location.replace("PORT", Integer.toString(site.hostile.port()));
        site.attack(exchange -> exchange.head("HTTP/1.1 302 Found", "Location: " + target, "Content-Length: 0",
                "Connection: close"));

        CrawlRun.Result result = site.crawl(TestConfig.with(c -> c));

        JsonNode record = site.attacked(result);
        assertEquals("invalid_url", site.errorType(result), record::toString);
        assertEquals(302, record.get("status").asInt());
        assertEquals(site.attackUrl().toString(), record.get("final_url").asText(), "nothing followed");
        assertEquals(List.of("/", "/attack", "/calm", "/robots.txt"),
                site.hostile.requests().stream().sorted().toList());
        assertEquals(4, site.hostile.connections(), "no connection but for the four HTTP requests (ftp: included)");
        assertTrue(result.records().stream().noneMatch(r -> "Injected".equals(r.get("title").asText(null))));
        site.assertBystandersFetched(result);
    }

    @Test
    void linksToOtherSpellingsOfLoopbackAndToTheMetadataAddressAreNeverRequested() throws Exception {
        int port = site.hostile.port();
        // link -> the error its record must have; each path exists nowhere else, so a hit would show.
        // (http://[::ffff:127.0.0.1]/ is no other spelling: normalized, it is the seed's own host 127.0.0.1.)
        Map<String, String> links = new LinkedHashMap<>();
        links.put("http://localhost:" + port + "/by-name", "invalid_url");
        links.put("http://0.0.0.0:" + port + "/any", "invalid_url"); // Linux connects 0.0.0.0 to this host
        links.put("http://127.0.0.2:" + port + "/other-loopback", "invalid_url");
        links.put("http://2130706433:" + port + "/decimal", "invalid_url");
        links.put("http://127.1:" + port + "/short", "invalid_url");
        links.put("http://169.254.169.254/latest/meta-data/", "invalid_url");
        // Java's resolver reads no hex address (glibc's inet_aton would): unresolvable, so never requested either.
        links.put("http://0x7f000001:" + port + "/hex", "dns");
        try (RawServer v6 = new RawServer(InetAddress.getByName("::1"))) {
            v6.page("/v6", "Loopback over IPv6");
            links.put(v6.url("/v6").toString(), "invalid_url");
            site.hostile.page(AttackedSite.ATTACK, "Links inwards", links.keySet().toArray(String[]::new));

            // Without robots.txt, so each record holds its own fetch's error rather than its host's robots.txt's.
            CrawlRun.Result result = site.crawl(TestConfig.with(c -> c.scope(Scope.ANY).ignoreRobots()
                    .timeout(Duration.ofSeconds(5))));

            links.forEach((link, type) -> {
                HttpUrl url = HttpUrl.get(link);
                JsonNode record = result.byUrl().get(url.toString());
                assertTrue(record != null, () -> "no record for " + link + " in " + result.urls());
                assertEquals(type, record.path("error").path("type").asText(), record::toString);
                assertTrue(record.get("status").isNull());
                assertEquals(0, site.hostile.hits(url.encodedPath()), link);
            });
            assertEquals(0, v6.connections(), "nothing reached ::1");
            site.assertBystandersFetched(result);
        }
    }

    @Test
    void aLinkFromAPublicHostToALoopbackAddressIsRefused() {
        // Through a proxy the seed's host is a name trawl never resolves, so not a private one.
        proxy.route("http://public.test/", exchange -> exchange.respond(200, "text/html",
                RawServer.html("Public", "http://127.0.0.1:" + site.hostile.port() + "/calm")));
        HttpUrl seed = HttpUrl.get("http://public.test/");

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.scope(Scope.ANY)
                .httpProxy("127.0.0.1", proxy.port())), seed);

        JsonNode link = result.record(site.hostile.url("/calm"));
        assertEquals("invalid_url", link.path("error").path("type").asText(), link::toString);
        assertEquals(List.of(), requestsFor("127.0.0.1"), "nothing asked of the loopback host");
    }

    @Test
    void aSeedOnAPublicHostRedirectingToALoopbackAddressIsRefused() {
        String inward = "http://127.0.0.1:" + site.hostile.port() + "/inside";
        proxy.route("http://public.test/", exchange -> exchange.head("HTTP/1.1 302 Found", "Location: " + inward,
                "Content-Length: 0", "Connection: close"));
        proxy.route(inward, exchange -> exchange.respond(200, "text/html", RawServer.html("Inside")));
        HttpUrl seed = HttpUrl.get("http://public.test/");

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.httpProxy("127.0.0.1", proxy.port())), seed);

        JsonNode record = result.record(seed);
        assertEquals("invalid_url", record.path("error").path("type").asText(), record::toString);
        assertEquals(List.of(), requestsFor("127.0.0.1"), "nothing asked of the loopback host");
    }

    @Test
    void credentialsInUrlsNeverReachStderrEvenWhenVerbose() {
        int port = site.hostile.port();
        String secretSitemap = "http://sitemap-user:secret@127.0.0.1:" + port + "/listed-sitemap.xml";
        site.hostile.route("/robots.txt", exchange -> exchange.respond(200, "text/plain",
                ("User-agent: *\nCrawl-delay: 1\nDisallow: /private\nSitemap: " + secretSitemap + "\n").getBytes(StandardCharsets.US_ASCII)));
        site.hostile.page("/", "Home", "/a", "/missing", "/moved", "/silent", "/broken", "/private",
                "http://user:secret@0.0.0.0:" + port + "/inward", "/" + "long/".repeat(500));
        site.hostile.page("/a", "A").route("/moved", exchange -> exchange.head("HTTP/1.1 301 Moved",
                "Location: http://user:secret@127.0.0.1:" + port + "/a?moved", "Content-Length: 0", "Connection: close"))
                .route("/silent", Attacks.silence())
                .route("/broken", exchange -> exchange.write("garbage\r\n\r\n"));
        HttpUrl seed = site.hostile.url("/").newBuilder().username("user").password("secret").build();

        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.verbosity(Verbosity.VERBOSE).sitemaps()
                .scope(Scope.ANY).timeout(Duration.ofSeconds(1)).retries(1).maxCrawlDelay(Duration.ZERO)), seed);

        String stderr = result.stderr();
        assertFalse(stderr.contains("secret"), stderr);
        assertTrue(stderr.contains("trawl: GET http://***@127.0.0.1:" + port + "/ -> 200"), stderr);
        assertTrue(stderr.contains("Crawl-delay"), "a warning was written: " + stderr);
        assertTrue(stderr.contains("trawl: sitemap http://***@127.0.0.1:" + port + "/listed-sitemap.xml: HTTP 404"),
                "a sitemap warning with the robots.txt's credentials hidden: " + stderr);
        assertTrue(stderr.contains("not following"), "a trap message was written: " + stderr);
        assertTrue(stderr.lines().anyMatch(line -> line.startsWith("trawl: ") && line.contains(" pages in ")),
                "the summary was written: " + stderr);
        List<String> types = new ArrayList<>();
        result.records().forEach(r -> types.add(r.path("error").path("type").asText("none")));
        assertTrue(types.containsAll(List.of("none", "http", "timeout", "io", "robots", "invalid_url")), types::toString);
    }

    /** What the proxy was asked for on {@code host}. */
    private List<String> requestsFor(String host) {
        return proxy.requests().stream().filter(target -> target.startsWith("http://" + host)).toList();
    }
}
