package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.config.CrawlConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Servers that break HTTP or TLS (issue 5, "Hostile servers: Broken"). Protocol breakage is
 * {@code io}, certificate and handshake trouble {@code tls}; a response that is odd but valid
 * (HTTP/1.0 ending at close, bytes that are not UTF-8) is parsed as a browser would.
 */
class BrokenResponseTest {
    private static final String HTML = "Content-Type: text/html; charset=utf-8";
    private static final CrawlConfig CONFIG = config(c -> c);
    /** A self-signed certificate for the name the test server is reached by. */
    private static final HeldCertificate SELF_SIGNED = new HeldCertificate.Builder()
            .addSubjectAlternativeName("localhost").build();

    @AutoClose
    private final AttackedSite site = new AttackedSite();
    @AutoClose
    private final MockWebServer tls = new MockWebServer();
    @AutoClose
    private final RawServer plainText = new RawServer();

    private static CrawlConfig config(UnaryOperator<TestConfig> changes) {
        return TestConfig.with(c -> changes.apply(c.timeout(Duration.ofSeconds(5)).retries(0)));
    }

    @Test
    void aContentLengthLongerThanTheBodyIsAnIoError() {
        JsonNode record = assertEndsIn("io", exchange -> {
            exchange.head("HTTP/1.1 200 OK", HTML, "Content-Length: 10000");
            exchange.write("<title>Short</title>");
        });
        assertEquals(200, record.get("status").asInt());
    }

    @Test
    void aContentLengthShorterThanTheBodyEndsTheBodyThere() {
        String kept = "<title>Kept</title><a href=\"/calm\">in</a>";
        JsonNode record = assertEndsIn("none", exchange -> {
            exchange.head("HTTP/1.1 200 OK", HTML, "Content-Length: " + kept.length());
            exchange.write(kept + "<a href=\"/beyond\">beyond the length</a>" + "x".repeat(10_000));
        });
        assertEquals("Kept", record.get("title").asText());
        assertEquals(kept.length(), record.get("content_length").asInt());
        assertEquals(List.of(site.hostile.url("/calm").toString()), texts(record.get("links")));
        assertEquals(0, site.hostile.hits("/beyond"));
    }

    @Test
    void aResetInTheMiddleOfTheBodyIsAnIoError() {
        JsonNode record = assertEndsIn("io", exchange -> {
            exchange.head("HTTP/1.1 200 OK", HTML, "Content-Length: 100000");
            exchange.write("<title>Reset</title>" + "x".repeat(10_000));
            // Paced, so the client is surely reading the body when the reset comes.
            exchange.drip("yyyyyyyyyy".getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(50));
            exchange.reset();
        });
        assertEquals(200, record.get("status").asInt(), "the reset came after the headers");
    }

    @Test
    void invalidChunkedEncodingIsAnIoError() {
        JsonNode record = assertEndsIn("io", exchange -> {
            exchange.head("HTTP/1.1 200 OK", HTML, "Transfer-Encoding: chunked");
            exchange.write("14\r\n<title>Chunked</title>\r\nzz-not-hex\r\nmore\r\n0\r\n\r\n");
        });
        assertEquals(200, record.get("status").asInt());
    }

    @Test
    void anHttp10ResponseWithoutLengthEndsAtCloseAndParses() {
        JsonNode record = assertEndsIn("none", exchange -> {
            exchange.head("HTTP/1.0 200 OK", HTML);
            exchange.write("<title>Old school</title><a href=\"/calm\">calm</a>");
        });
        assertEquals("Old school", record.get("title").asText());
        assertEquals(List.of(site.hostile.url("/calm").toString()), texts(record.get("links")));
    }

    @Test
    void aResponseWithoutAStatusLineIsAnIoError() {
        JsonNode record = assertEndsIn("io", exchange -> exchange.write(
                new byte[] {0, 1, 2, (byte) 0xff, 'g', 'a', 'r', 'b', 'a', 'g', 'e', '\r', '\n', '\r', '\n'}));
        assertTrue(record.get("status").isNull());
    }

    @Test
    void invalidUtf8AndNulBytesBecomeReplacementCharactersAndTheLinksAreStillFound() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("<title>Bad ".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[] {(byte) 0xc3, '(', ' ', (byte) 0xff, ' ', 0, ' ', (byte) 0xed, (byte) 0xa0, (byte) 0x80});
        body.writeBytes(" bytes</title><p>\0</p><a href=\"/calm\">calm</a>".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = body.toByteArray();
        JsonNode record = assertEndsIn("none", exchange -> exchange.respond(200, "text/html; charset=utf-8", bytes));
        String title = record.get("title").asText();
        assertTrue(title.startsWith("Bad \uFFFD") && title.endsWith(" bytes"), title);
        assertTrue(title.chars().noneMatch(c -> c == 0), "no NUL in the title: " + title);
        assertEquals(List.of(site.hostile.url("/calm").toString()), texts(record.get("links")));
    }

    @Test
    void aFailedTlsHandshakeIsATlsError() throws IOException {
        // Enqueued, not dispatched: MockWebServer decides on the handshake from the queue's head.
        tls.enqueue(new MockResponse.Builder().failHandshake().build());
        HttpUrl seed = serveTls(null);

        CrawlRun.Result result = site.crawl(config(c -> c.insecure().ignoreRobots()), seed);

        JsonNode record = result.record(seed);
        assertEquals("tls", record.path("error").path("type").asText(), record::toString);
        assertEquals(1, record.get("attempts").asInt());
        site.assertBystandersFetched(result);
    }

    @Test
    void aPlainTextServerOnAnHttpsUrlIsATlsError() {
        plainText.onConnect(exchange -> exchange.write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"));
        HttpUrl seed = plainText.httpsUrl("/");

        CrawlRun.Result result = site.crawl(config(c -> c.ignoreRobots()), seed);

        JsonNode record = result.record(seed);
        assertEquals("tls", record.path("error").path("type").asText(), record::toString);
        assertEquals(1, record.get("attempts").asInt());
        site.assertBystandersFetched(result);
    }

    @Test
    void aSelfSignedCertificateIsATlsErrorUnlessInsecure() throws IOException {
        HttpUrl seed = serveTls(new FakeSite().page("/", "Self-signed"));

        CrawlRun.Result refused = site.crawl(config(c -> c.ignoreRobots()), seed);
        CrawlRun.Result accepted = site.crawl(config(c -> c.ignoreRobots().insecure()), seed);

        assertEquals("tls", refused.record(seed).path("error").path("type").asText(), refused.record(seed)::toString);
        JsonNode record = accepted.record(seed);
        assertTrue(record.get("error").isNull(), record::toString);
        assertEquals("Self-signed", record.get("title").asText());
    }

    private JsonNode assertEndsIn(String outcome, RawServer.Handler attack) {
        CrawlRun.Result result = site.attack(attack).crawl(CONFIG);

        JsonNode record = site.attacked(result);
        assertEquals(outcome, site.errorType(result), record::toString);
        assertEquals(1, record.get("attempts").asInt());
        assertEquals(1, site.hostile.hits(AttackedSite.ATTACK), "asked once");
        site.assertBystandersFetched(result);
        return record;
    }

    /** Starts {@link #tls} over TLS with the self-signed certificate, answering from the site or else its queue. */
    private HttpUrl serveTls(FakeSite tlsSite) throws IOException {
        tls.useHttps(new HandshakeCertificates.Builder().heldCertificate(SELF_SIGNED).build().sslSocketFactory());
        if (tlsSite != null) {
            tls.setDispatcher(tlsSite);
        }
        tls.start();
        return tls.url("/");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
