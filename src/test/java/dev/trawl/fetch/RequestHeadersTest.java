package dev.trawl.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trawl.config.RequestOptions;
import dev.trawl.config.RequestOptions.Header;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class RequestHeadersTest {
    private static final Predicate<HttpUrl> SEED_HOST = url -> url.host().equals("localhost");

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient client = HttpClientFactory.create(Duration.ofSeconds(10), 4, RequestOptions.none());

    @AfterEach
    void closeClient() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static RequestOptions options(List<Header> headers, String cookie) {
        return new RequestOptions(headers, Optional.ofNullable(cookie), Optional.empty(), false);
    }

    /** The server under one of its two names: the seed host "localhost", or "127.0.0.1" as another site. */
    private HttpUrl url(String host) {
        return server.url("/page").newBuilder().host(host).build();
    }

    /** Sends a request the way trawl does (its defaults first, then the user's) and returns what arrived. */
    private Headers send(RequestHeaders headers, HttpUrl url) throws IOException, InterruptedException {
        server.enqueue(new MockResponse.Builder().body("ok").build());
        Request.Builder builder = new Request.Builder().url(url)
                .header("User-Agent", "trawl/1.0")
                .header("Accept", "text/html");
        headers.apply(builder, url);
        try (Response response = client.newCall(builder.build()).execute()) {
            response.body().string();
        }
        RecordedRequest request = server.takeRequest();
        return request.getHeaders();
    }

    @Test
    void userHeaderArrivesAtTheServer() throws Exception {
        RequestHeaders headers = new RequestHeaders(options(List.of(new Header("X-Trace", "abc 123")), null), SEED_HOST);
        Headers arrived = send(headers, url("localhost"));
        assertEquals("abc 123", arrived.get("X-Trace"));
        assertEquals("trawl/1.0", arrived.get("User-Agent"));
        assertEquals("text/html", arrived.get("Accept"));
    }

    @Test
    void userHeaderReplacesTrawlsOfTheSameNameWhateverItsCase() throws Exception {
        RequestHeaders headers = new RequestHeaders(options(List.of(new Header("accept", "application/json"),
                new Header("User-Agent", "custom/2.0")), null), SEED_HOST);
        Headers arrived = send(headers, url("127.0.0.1"));
        assertEquals(List.of("application/json"), arrived.values("Accept"));
        assertEquals(List.of("custom/2.0"), arrived.values("User-Agent"));
    }

    @Test
    void repeatedUserHeadersAreAllSentInOrder() throws Exception {
        RequestHeaders headers = new RequestHeaders(options(List.of(new Header("X-Tag", "one"),
                new Header("x-tag", "two")), null), SEED_HOST);
        assertEquals(List.of("one", "two"), send(headers, url("localhost")).values("X-Tag"));
    }

    @Test
    void cookieGoesOnlyToAllowedHosts() throws Exception {
        RequestHeaders headers = new RequestHeaders(options(List.of(), "session=s3cr3t"), SEED_HOST);
        assertEquals("session=s3cr3t", send(headers, url("localhost")).get("Cookie"));
        assertNull(send(headers, url("127.0.0.1")).get("Cookie"), "another host never sees the cookie");
    }

    @Test
    void cookieAndAuthorizationGivenAsHeadersAreCredentialsToo() throws Exception {
        RequestHeaders headers = new RequestHeaders(options(List.of(new Header("Authorization", "Bearer t0ken"),
                new Header("cookie", "a=1"), new Header("X-Open", "yes")), "b=2"), SEED_HOST);
        Headers seed = send(headers, url("localhost"));
        assertEquals("Bearer t0ken", seed.get("Authorization"));
        assertEquals(List.of("a=1; b=2"), seed.values("Cookie"), "one Cookie header, -H first");
        Headers other = send(headers, url("127.0.0.1"));
        assertNull(other.get("Authorization"));
        assertNull(other.get("Cookie"));
        assertEquals("yes", other.get("X-Open"));
    }

    @Test
    void userAcceptEncodingIsKept() throws Exception {
        RequestHeaders headers = new RequestHeaders(options(List.of(new Header("Accept-Encoding", "identity")),
                null), SEED_HOST);
        assertEquals("identity", send(headers, url("localhost")).get("Accept-Encoding"));
    }

    @Test
    void noOptionsChangeNothing() throws Exception {
        Headers arrived = send(new RequestHeaders(RequestOptions.none(), SEED_HOST), url("localhost"));
        assertEquals("trawl/1.0", arrived.get("User-Agent"));
        assertNull(arrived.get("Cookie"));
    }

    @Test
    void headersThatCannotBeSentFailAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new RequestHeaders(
                options(List.of(new Header("X-Bad", "line\r\nInjected: 1")), null), SEED_HOST));
        assertThrows(IllegalArgumentException.class, () -> new RequestHeaders(
                options(List.of(new Header("Bad Name", "v")), null), SEED_HOST));
        assertThrows(IllegalArgumentException.class, () -> new RequestHeaders(
                options(List.of(), "a=1\nInjected: 1"), SEED_HOST));
    }
}
