package dev.trawl.fetch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.RequestOptions;
import dev.trawl.page.ErrorType;
import dev.trawl.page.PageError;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okio.Buffer;
import okio.BufferedSink;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class FetcherTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Predicate<String> HTML = type -> "text/html".equals(type);
    private static final String USER_AGENT = "trawl-test/1.0 (+https://example.invalid/bot)";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final PathDispatcher site = new PathDispatcher();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final List<List<HttpUrl>> hops = new CopyOnWriteArrayList<>();
    private Fetcher fetcher;

    /** What the listener was told about one request: the status, or the error type when no usable response came. */
    private record Attempt(HttpUrl url, int number, Integer status, ErrorType error) {
    }

    @BeforeEach
    void serve() {
        server.setDispatcher(site);
    }

    @AfterEach
    void closeFetcher() {
        if (fetcher != null) {
            fetcher.close();
        }
    }

    private Fetcher fetcher(int retries) {
        return fetcher(retries, Duration.ofSeconds(10));
    }

    private Fetcher fetcher(int retries, Duration timeout) {
        RetryPolicy policy = new RetryPolicy(retries, Duration.ofMillis(100), Duration.ofSeconds(60),
                Clock.fixed(NOW, ZoneOffset.UTC), bound -> bound - 1); // always the longest wait the jitter allows
        fetcher = new Fetcher(HttpClientFactory.create(timeout, 4, RequestOptions.none()), USER_AGENT,
                new RequestHeaders(RequestOptions.none(), url -> false), policy, sleeps::add,
                (url, number, result, elapsed) -> attempts.add(switch (result) {
                    case AttemptResult.Response r -> new Attempt(url, number, r.status(), null);
                    case AttemptResult.Failure f -> new Attempt(url, number, f.status(), f.error().type());
                }), RequestGate.OPEN);
        return fetcher;
    }

    private HttpUrl url(String path) {
        return server.url(path);
    }

    private FetchResult fetch(String path, BodyPolicy body) throws InterruptedException {
        return fetch(path, body, RedirectGate.FOLLOW_ALL, Fetcher.MAX_HOPS);
    }

    private FetchResult fetch(String path, BodyPolicy body, RedirectGate gate, int maxHops)
            throws InterruptedException {
        if (fetcher == null) {
            fetcher(0);
        }
        return fetcher.fetch(url(path), gate, body, maxHops);
    }

    /** A gate that records each hop it is asked about and answers with {@code decision}. */
    private RedirectGate recording(RedirectGate.HopDecision decision) {
        return (from, target) -> {
            hops.add(List.of(from, target));
            return decision;
        };
    }

    private static BodyPolicy pages(long maxBytes) {
        return new BodyPolicy(maxBytes, false, HTML);
    }

    private static MockResponse html(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/html; charset=utf-8").body(body).build();
    }

    private static MockResponse typed(String contentType, String body, boolean chunked) {
        MockResponse.Builder response = new MockResponse.Builder().addHeader("Content-Type", contentType);
        return (chunked ? response.chunkedBody(body, 97) : response.body(body)).build();
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).build();
    }

    /** Compares a Fetched result field by field (Body holds an array, which records compare by identity). */
    private static void assertFetched(FetchResult.Fetched expected, String expectedBody, FetchResult actual) {
        FetchResult.Fetched fetched = assertInstanceOf(FetchResult.Fetched.class, actual, () -> "got " + actual);
        assertEquals(expected, new FetchResult.Fetched(fetched.finalUrl(), fetched.status(), fetched.contentType(),
                fetched.charsetHint(), null, fetched.attempts()));
        if (expectedBody == null) {
            assertEquals(null, fetched.body());
        } else {
            assertNotNull(fetched.body(), "body");
            byte[] bytes = Arrays.copyOf(fetched.body().bytes(), fetched.body().length());
            assertEquals(expectedBody, new String(bytes, UTF_8));
            assertEquals(expectedBody.getBytes(UTF_8).length, fetched.body().length());
        }
    }

    // ---- bodies ----

    @Test
    void fetchesAnHtmlPageWithItsBodyAndSendsTheCrawlersHeaders() throws Exception {
        site.fixed("/", html("<title>Home</title>"));

        FetchResult result = fetch("/", pages(1000));

        assertFetched(new FetchResult.Fetched(url("/"), 200, "text/html", "text/html; charset=utf-8", null, 1),
                "<title>Home</title>", result);
        RecordedRequest request = server.takeRequest();
        assertEquals("GET", request.getMethod());
        assertEquals(USER_AGENT, request.getHeaders().get("User-Agent"));
        assertEquals("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", request.getHeaders().get("Accept"));
        assertEquals(List.of(new Attempt(url("/"), 1, 200, null)), attempts);
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void bodyOfExactlyMaxBytesIsRead(boolean chunked) throws Exception {
        String body = "a".repeat(1000);
        site.fixed("/", typed("text/html", body, chunked));

        assertFetched(new FetchResult.Fetched(url("/"), 200, "text/html", "text/html", null, 1), body,
                fetch("/", pages(1000)));
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void bodyOneByteOverMaxBytesIsTooLarge(boolean chunked) throws Exception {
        site.fixed("/", typed("text/html", "a".repeat(1001), chunked));

        assertEquals(new FetchResult.Failed(url("/"), 200, "text/html",
                PageError.of(ErrorType.TOO_LARGE, "body larger than 1000 bytes"), 1), fetch("/", pages(1000)));
    }

    @Test
    void tooLargeIsNotRetried() throws Exception {
        site.fixed("/", typed("text/html", "a".repeat(20), false));
        fetcher(3);

        FetchResult result = fetch("/", pages(10));

        assertEquals(new FetchResult.Failed(url("/"), 200, "text/html",
                PageError.of(ErrorType.TOO_LARGE, "body larger than 10 bytes"), 1), result);
        assertEquals(List.of("/"), site.requested());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void gzipBodyIsCountedAfterDecompression() throws Exception {
        String text = "<p>" + "a".repeat(4993) + "</p>"; // 5000 bytes, compressing to a few dozen
        Buffer compressed = gzip(text);
        assertTrue(compressed.size() < 100, "compressed to " + compressed.size());
        MockResponse gzipped = new MockResponse.Builder().addHeader("Content-Type", "text/html")
                .addHeader("Content-Encoding", "gzip").body(compressed).build();
        site.fixed("/", gzipped);

        assertFetched(new FetchResult.Fetched(url("/"), 200, "text/html", "text/html", null, 1), text,
                fetch("/", pages(5000)));
        assertEquals("br, gzip", server.takeRequest().getHeaders().get("Accept-Encoding"));
        assertEquals(new FetchResult.Failed(url("/"), 200, "text/html",
                PageError.of(ErrorType.TOO_LARGE, "body larger than 4999 bytes"), 1), fetch("/", pages(4999)));
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void truncatingPolicyKeepsTheFirstMaxBytes(boolean chunked) throws Exception {
        site.fixed("/robots.txt", typed("text/plain", "user-agent: *\ndisallow: /private\n", chunked));
        BodyPolicy robots = new BodyPolicy(20, true, type -> true);

        assertFetched(new FetchResult.Fetched(url("/robots.txt"), 200, "text/plain", "text/plain", null, 1),
                "user-agent: *\ndisall", fetch("/robots.txt", robots));
    }

    @Test
    void truncatingPolicyReadsAShorterBodyWhole() throws Exception {
        site.fixed("/robots.txt", typed("text/plain", "user-agent: *", false));

        assertFetched(new FetchResult.Fetched(url("/robots.txt"), 200, "text/plain", "text/plain", null, 1),
                "user-agent: *", fetch("/robots.txt", new BodyPolicy(20, true, type -> true)));
    }

    @Test
    void bodyOfATypeNotParsedIsNotReadWhateverItsSize() throws Exception {
        site.fixed("/logo.png", typed("image/png", "x".repeat(100_000), false));

        assertFetched(new FetchResult.Fetched(url("/logo.png"), 200, "image/png", "image/png", null, 1), null,
                fetch("/logo.png", pages(100)));
    }

    @Test
    void mediaTypeIsLowerCasedWithoutParametersAndTheHeaderKeptAsTheCharsetHint() throws Exception {
        site.fixed("/", typed("Text/HTML; Charset=ISO-8859-1", "hi", false));

        assertFetched(new FetchResult.Fetched(url("/"), 200, "text/html", "Text/HTML; Charset=ISO-8859-1", null, 1),
                "hi", fetch("/", pages(100)));
    }

    @Test
    void missingContentTypeIsOfferedToTheReadPolicyAsNull() throws Exception {
        site.fixed("/", new MockResponse.Builder().body("plain").build());
        List<String> asked = new ArrayList<>();

        FetchResult result = fetch("/", new BodyPolicy(100, false, type -> {
            asked.add(type);
            return true;
        }));

        assertFetched(new FetchResult.Fetched(url("/"), 200, null, null, null, 1), "plain", result);
        assertEquals(Arrays.asList((String) null), asked);
    }

    @Test
    void errorStatusIsAnHttpErrorAndItsBodyIsNotRead() throws Exception {
        site.fixed("/gone", new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
                .body("<title>Not here</title>").build());
        List<String> asked = new ArrayList<>();

        FetchResult result = fetch("/gone", new BodyPolicy(1000, false, type -> asked.add(type)));

        assertEquals(new FetchResult.Failed(url("/gone"), 404, "text/html", PageError.of(ErrorType.HTTP, "HTTP 404"), 1),
                result);
        assertEquals(List.of(), asked);
    }

    // ---- redirects ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void followsEachHopTheGateAllows(int firstStatus) throws Exception {
        site.redirect("/a", firstStatus, "/b").redirect("/b", 302, "/c").fixed("/c", html("C"));

        FetchResult result = fetch("/a", pages(100), recording(new RedirectGate.Follow()), Fetcher.MAX_HOPS);

        assertFetched(new FetchResult.Fetched(url("/c"), 200, "text/html", "text/html; charset=utf-8", null, 1), "C",
                result);
        assertEquals(List.of(List.of(url("/a"), url("/b")), List.of(url("/b"), url("/c"))), hops);
        assertEquals(List.of(new Attempt(url("/a"), 1, firstStatus, null), new Attempt(url("/b"), 1, 302, null),
                new Attempt(url("/c"), 1, 200, null)), attempts);
    }

    @Test
    void gateStopEndsWithARedirectNotFollowed() throws Exception {
        site.redirect("/a", 301, "/b").fixed("/b", html("B"));

        FetchResult result = fetch("/a", pages(100), recording(new RedirectGate.Stop()), Fetcher.MAX_HOPS);

        assertEquals(new FetchResult.Redirected(url("/b"), 301, 1), result);
        assertEquals(List.of(List.of(url("/a"), url("/b"))), hops);
        assertEquals(List.of("/a"), site.requested());
    }

    @Test
    void gateRefusalEndsWithTheGatesError() throws Exception {
        site.fixed("/a", new MockResponse.Builder().code(302).addHeader("Location", "/private")
                .addHeader("Content-Type", "text/html").build());
        PageError refusal = PageError.of(ErrorType.ROBOTS, "robots.txt disallows " + url("/private"));

        FetchResult result = fetch("/a", pages(100), recording(new RedirectGate.Refuse(refusal)), Fetcher.MAX_HOPS);

        assertEquals(new FetchResult.Failed(url("/private"), 302, "text/html", refusal, 1), result);
        assertEquals(List.of("/a"), site.requested());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            other                                  | /dir/other
            ../up?x=1#fragment                     | /up?x=1
            /root                                  | /root
            ?q=2                                   | /dir/page?q=2
            ./same/../next                         | /dir/next
            //elsewhere.invalid/p                  | http://elsewhere.invalid/p
            HTTPS://Elsewhere.INVALID:443/a/./b    | https://elsewhere.invalid/a/b
            """)
    void relativeLocationIsResolvedAgainstTheUrlThatRedirected(String location, String expected) throws Exception {
        site.redirect("/dir/page", 302, location);
        HttpUrl target = expected.startsWith("/") ? url(expected) : HttpUrl.get(expected);

        FetchResult result = fetch("/dir/page", pages(100), recording(new RedirectGate.Stop()), Fetcher.MAX_HOPS);

        assertEquals(new FetchResult.Redirected(target, 302, 1), result);
        assertEquals(List.of(List.of(url("/dir/page"), target)), hops);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://example.com/file", "mailto:someone@example.com",
        "data:text/html,hi", "tel:+15551234", "http://"})
    void redirectToSomethingNotHttpIsAnInvalidUrl(String location) throws Exception {
        site.redirect("/a", 302, location);

        FetchResult result = fetch("/a", pages(100), recording(new RedirectGate.Follow()), Fetcher.MAX_HOPS);

        assertEquals(new FetchResult.Failed(url("/a"), 302, null, PageError.of(ErrorType.INVALID_URL,
                "redirect to a URL that is not http(s): " + location), 1), result);
        assertEquals(List.of(), hops);
    }

    @Test
    void redirectStatusWithoutLocationIsAnHttpError() throws Exception {
        site.fixed("/a", status(302));

        assertEquals(new FetchResult.Failed(url("/a"), 302, null, PageError.of(ErrorType.HTTP, "HTTP 302"), 1),
                fetch("/a", pages(100), recording(new RedirectGate.Follow()), Fetcher.MAX_HOPS));
        assertEquals(List.of(), hops);
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 304, 305})
    void otherThreeHundredsAreNotFollowed(int code) throws Exception {
        site.redirect("/a", code, "/b");

        assertEquals(new FetchResult.Failed(url("/a"), code, null, PageError.of(ErrorType.HTTP, "HTTP " + code), 1),
                fetch("/a", pages(100), recording(new RedirectGate.Follow()), Fetcher.MAX_HOPS));
        assertEquals(List.of("/a"), site.requested());
    }

    @Test
    void redirectLoopIsTyped() throws Exception {
        site.redirect("/a", 302, "/b").redirect("/b", 302, "/a#again");

        FetchResult result = fetch("/a", pages(100), recording(new RedirectGate.Follow()), Fetcher.MAX_HOPS);

        assertEquals(new FetchResult.Failed(url("/a"), 302, null,
                PageError.of(ErrorType.REDIRECT_LOOP, "redirect loop at " + url("/a")), 1), result);
        assertEquals(List.of(List.of(url("/a"), url("/b"))), hops);
        assertEquals(List.of("/a", "/b"), site.requested());
    }

    @Test
    void redirectBeyondMaxHopsIsARedirectLoop() throws Exception {
        site.redirect("/r0", 302, "/r1").redirect("/r1", 302, "/r2").redirect("/r2", 302, "/r3")
                .fixed("/r3", html("never"));

        FetchResult result = fetch("/r0", pages(100), recording(new RedirectGate.Follow()), 2);

        assertEquals(new FetchResult.Failed(url("/r3"), 302, null,
                PageError.of(ErrorType.REDIRECT_LOOP, "more than 2 redirects at " + url("/r3")), 1), result);
        assertEquals(List.of(List.of(url("/r0"), url("/r1")), List.of(url("/r1"), url("/r2"))), hops);
        assertEquals(List.of("/r0", "/r1", "/r2"), site.requested());
    }

    @Test
    void exactlyMaxHopsRedirectsAreFollowed() throws Exception {
        site.redirect("/r0", 302, "/r1").redirect("/r1", 302, "/r2").fixed("/r2", html("end"));

        assertFetched(new FetchResult.Fetched(url("/r2"), 200, "text/html", "text/html; charset=utf-8", null, 1),
                "end", fetch("/r0", pages(100), RedirectGate.FOLLOW_ALL, 2));
    }

    // ---- attempts, retries and waits ----

    @Test
    void listenerSeesEveryAttemptNumberedPerUrl() throws Exception {
        site.redirect("/start", 302, "/flaky").sequence("/flaky", status(503), status(503), html("ok"));
        fetcher(3);

        FetchResult result = fetch("/start", pages(100));

        assertFetched(new FetchResult.Fetched(url("/flaky"), 200, "text/html", "text/html; charset=utf-8", null, 3),
                "ok", result);
        assertEquals(List.of(new Attempt(url("/start"), 1, 302, null), new Attempt(url("/flaky"), 1, 503, null),
                new Attempt(url("/flaky"), 2, 503, null), new Attempt(url("/flaky"), 3, 200, null)), attempts);
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
    }

    @Test
    void retriesStopAtTheLimitAndTheLastResponseStands() throws Exception {
        site.fixed("/", status(502));
        fetcher(2);

        FetchResult result = fetch("/", pages(100));

        assertEquals(new FetchResult.Failed(url("/"), 502, null, PageError.of(ErrorType.HTTP, "HTTP 502"), 3), result);
        assertEquals(List.of("/", "/", "/"), site.requested());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
    }

    @Test
    void noRetriesMeansOneRequest() throws Exception {
        site.fixed("/", status(503));
        fetcher(0);

        assertEquals(new FetchResult.Failed(url("/"), 503, null, PageError.of(ErrorType.HTTP, "HTTP 503"), 1),
                fetch("/", pages(100)));
        assertEquals(List.of("/"), site.requested());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void retryAfterSecondsReplacesTheBackoff() throws Exception {
        site.sequence("/", new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build(), html("back"));
        fetcher(2);

        assertFetched(new FetchResult.Fetched(url("/"), 200, "text/html", "text/html; charset=utf-8", null, 2), "back",
                fetch("/", pages(100)));
        assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
    }

    @Test
    void retryAfterHttpDateIsMeasuredFromTheInjectedClock() throws Exception {
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atOffset(ZoneOffset.UTC));
        site.sequence("/", new MockResponse.Builder().code(503).addHeader("Retry-After", in30s).build(), html("back"));
        fetcher(1);

        assertFetched(new FetchResult.Fetched(url("/"), 200, "text/html", "text/html; charset=utf-8", null, 2), "back",
                fetch("/", pages(100)));
        assertEquals(List.of(Duration.ofSeconds(30)), sleeps);
    }

    @Test
    void retryAfterBeyondTheCapGivesUpAtOnce() throws Exception {
        site.fixed("/", new MockResponse.Builder().code(503).addHeader("Retry-After", "3600").build());
        fetcher(3);

        FetchResult result = fetch("/", pages(100));

        assertEquals(new FetchResult.Failed(url("/"), 503, null, PageError.of(ErrorType.HTTP,
                "HTTP 503; Retry-After of 3600s is longer than the cap of 60s"), 1), result);
        assertEquals(List.of("/"), site.requested());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void retryAfterBeyondTheCapKeepsTheResponsesContentType() throws Exception {
        site.fixed("/", new MockResponse.Builder().code(503).addHeader("Retry-After", "3600")
                .addHeader("Content-Type", "text/html; charset=utf-8").body("<title>Busy</title>").build());
        fetcher(3);

        assertEquals(new FetchResult.Failed(url("/"), 503, "text/html", PageError.of(ErrorType.HTTP,
                "HTTP 503; Retry-After of 3600s is longer than the cap of 60s"), 1), fetch("/", pages(100)));
    }

    @Test
    void stalledResponseIsATimeoutAndIsRetried() throws Exception {
        site.fixed("/", new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        fetcher(1, Duration.ofMillis(300));

        FetchResult result = fetch("/", pages(100));

        FetchResult.Failed failed = assertInstanceOf(FetchResult.Failed.class, result);
        assertEquals(new FetchResult.Failed(url("/"), null, null,
                PageError.of(ErrorType.TIMEOUT, failed.error().message()), 2), failed);
        assertEquals(List.of(new Attempt(url("/"), 1, null, ErrorType.TIMEOUT),
                new Attempt(url("/"), 2, null, ErrorType.TIMEOUT)), attempts);
        assertEquals(List.of(Duration.ofMillis(100)), sleeps);
    }

    @Test
    void connectionClosedBeforeTheResponseIsAnIoErrorCountedOncePerRequest() throws Exception {
        site.fixed("/", new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        fetcher(0);

        FetchResult result = fetch("/", pages(100));

        FetchResult.Failed failed = assertInstanceOf(FetchResult.Failed.class, result);
        assertEquals(new FetchResult.Failed(url("/"), null, null, PageError.of(ErrorType.IO, failed.error().message()),
                1), failed);
        assertEquals(List.of("/"), site.requested(), "attempts counts every request the server saw");
    }

    @Test
    void cancelAllEndsAStalledFetchPromptly() throws Exception {
        site.fixed("/stall", new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        fetcher(0, Duration.ofSeconds(30));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<FetchResult> pending = thread.submit(() -> fetch("/stall", pages(100)));
            assertNotNull(server.takeRequest(5, TimeUnit.SECONDS), "the request reached the server");

            fetcher.cancelAll();

            FetchResult result = pending.get(5, TimeUnit.SECONDS);
            FetchResult.Failed failed = assertInstanceOf(FetchResult.Failed.class, result);
            assertEquals(new FetchResult.Failed(url("/stall"), null, null,
                    PageError.of(ErrorType.IO, failed.error().message()), 1), failed);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void cancelAllEndsAStalledFetchPromptlyEvenWithRetriesLeft() throws Exception {
        site.fixed("/stall", new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        fetcher(2, Duration.ofSeconds(30));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<FetchResult> pending = thread.submit(() -> fetch("/stall", pages(100)));
            assertNotNull(server.takeRequest(5, TimeUnit.SECONDS), "the request reached the server");

            fetcher.cancelAll();

            FetchResult result = pending.get(5, TimeUnit.SECONDS);
            assertInstanceOf(FetchResult.Failed.class, result);
            assertEquals(1, result.attempts());
        } finally {
            thread.shutdownNow();
        }
    }

    private static Buffer gzip(String text) throws IOException {
        Buffer compressed = new Buffer();
        try (BufferedSink sink = Okio.buffer(new GzipSink(compressed))) {
            sink.writeUtf8(text);
        }
        return compressed;
    }
}
