package dev.trawl.robots;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class RobotsCacheTest {
    private static final String ROBOTS = "user-agent: *\ndisallow: /private\n";
    private static final HttpUrl PUBLIC = HttpUrl.get("http://example.com/public");
    private static final HttpUrl PRIVATE = HttpUrl.get("http://example.com/private");

    private static RobotsSource answering(int status, String body) {
        return url -> new RobotsFetch.Response(status, body.getBytes(UTF_8));
    }

    @Test
    void successParsesTheBody() throws InterruptedException {
        RobotsCache cache = new RobotsCache(answering(200, ROBOTS), "trawl");
        assertTrue(cache.allows(PUBLIC));
        assertFalse(cache.allows(PRIVATE));
    }

    @Test
    void successWithAnEmptyBodyAllowsEverything() throws InterruptedException {
        RobotsCache cache = new RobotsCache(answering(204, ""), "trawl");
        assertTrue(cache.allows(PRIVATE));
    }

    @Test
    void rulesAreForTheGivenProductToken() throws InterruptedException {
        String robots = "user-agent: trawl\ndisallow: /\nuser-agent: *\nallow: /\n";
        assertFalse(new RobotsCache(answering(200, robots), "Trawl").allows(PUBLIC));
        assertTrue(new RobotsCache(answering(200, robots), "other").allows(PUBLIC));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 451})
    void clientErrorAllowsEverything(int status) throws InterruptedException {
        RobotsCache cache = new RobotsCache(answering(status, ROBOTS), "trawl");
        assertTrue(cache.allows(PRIVATE));
        assertTrue(cache.allows(PUBLIC));
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 301, 302, 303, 307, 308})
    void redirectAsFinalStatusAllowsEverything(int status) throws InterruptedException {
        RobotsCache cache = new RobotsCache(answering(status, ROBOTS), "trawl");
        assertTrue(cache.allows(PRIVATE));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 599})
    void serverErrorDisallowsEverything(int status) throws InterruptedException {
        RobotsCache cache = new RobotsCache(answering(status, ROBOTS), "trawl");
        assertFalse(cache.allows(PUBLIC));
        assertTrue(cache.allows(HttpUrl.get("http://example.com/robots.txt")));
    }

    @Test
    void tooManyRequestsDisallowsEverything() throws InterruptedException {
        RobotsCache cache = new RobotsCache(answering(429, ""), "trawl");
        assertFalse(cache.allows(PUBLIC));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 199, 600, 999})
    void nonsenseStatusDisallowsEverything(int status) throws InterruptedException {
        RobotsCache cache = new RobotsCache(answering(status, ""), "trawl");
        assertFalse(cache.allows(PUBLIC));
    }

    @Test
    void unreachableDisallowsEverything() throws InterruptedException {
        RobotsCache cache = new RobotsCache(url -> new RobotsFetch.Unreachable("connect refused"), "trawl");
        assertFalse(cache.allows(PUBLIC));
    }

    @Test
    void sourceThrowingDisallowsEverythingAndIsCached() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        RobotsCache cache = new RobotsCache(url -> {
            calls.incrementAndGet();
            throw new IllegalStateException("boom");
        }, "trawl");
        assertFalse(cache.allows(PUBLIC));
        assertFalse(cache.allows(PRIVATE));
        assertEquals(1, calls.get());
        assertEquals(1, cache.size());
    }

    @Test
    void sourceReturningNullDisallowsEverything() throws InterruptedException {
        RobotsCache cache = new RobotsCache(url -> null, "trawl");
        assertFalse(cache.allows(PUBLIC));
    }

    @Test
    void nullBodyIsReadAsEmpty() throws InterruptedException {
        RobotsCache cache = new RobotsCache(url -> new RobotsFetch.Response(200, null), "trawl");
        assertTrue(cache.allows(PRIVATE));
        assertEquals(0, new RobotsFetch.Response(404, null).body().length);
    }

    @Test
    void fetchesRobotsTxtAtTheRootOfTheOrigin() throws InterruptedException {
        Queue<HttpUrl> asked = new ConcurrentLinkedQueue<>();
        RobotsCache cache = new RobotsCache(url -> {
            asked.add(url);
            return new RobotsFetch.Response(404, new byte[0]);
        }, "trawl");
        cache.rulesFor(HttpUrl.get("https://user:pw@Example.COM:8443/a/b?c=d#e"));
        assertEquals(List.of(HttpUrl.get("https://example.com:8443/robots.txt")), List.copyOf(asked));
    }

    @Test
    void fetchesOncePerOrigin() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        RobotsCache cache = new RobotsCache(url -> {
            calls.incrementAndGet();
            return new RobotsFetch.Response(200, ROBOTS.getBytes(UTF_8));
        }, "trawl");
        RobotsRules first = cache.rulesFor(PUBLIC);
        assertSame(first, cache.rulesFor(PRIVATE));
        assertSame(first, cache.rulesFor(HttpUrl.get("http://EXAMPLE.com:80/other?q")));
        assertEquals(1, calls.get());
        assertEquals(1, cache.size());
    }

    @Test
    void schemesHostsAndPortsAreDifferentOrigins() throws InterruptedException {
        Queue<HttpUrl> asked = new ConcurrentLinkedQueue<>();
        RobotsCache cache = new RobotsCache(url -> {
            asked.add(url);
            return new RobotsFetch.Response(404, new byte[0]);
        }, "trawl");
        for (String url : List.of("http://example.com/", "http://example.com:8080/", "https://example.com/",
                "http://www.example.com/", "http://[::1]:8080/", "http://example.com:8080/again")) {
            cache.rulesFor(HttpUrl.get(url));
        }
        assertEquals(5, cache.size());
        assertEquals(List.of(
                HttpUrl.get("http://example.com/robots.txt"),
                HttpUrl.get("http://example.com:8080/robots.txt"),
                HttpUrl.get("https://example.com/robots.txt"),
                HttpUrl.get("http://www.example.com/robots.txt"),
                HttpUrl.get("http://[::1]:8080/robots.txt")), List.copyOf(asked));
    }

    @Test
    void concurrentCallersForOneOriginShareOneFetch() throws Exception {
        int callers = 16;
        CountDownLatch arrived = new CountDownLatch(callers);
        AtomicInteger calls = new AtomicInteger();
        RobotsCache cache = new RobotsCache(url -> {
            calls.incrementAndGet();
            // Hold the fetch until every caller has arrived, so they all meet it in flight or done.
            arrived.await();
            return new RobotsFetch.Response(200, ROBOTS.getBytes(UTF_8));
        }, "trawl");
        List<Future<RobotsRules>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                results.add(threads.submit(() -> {
                    arrived.countDown();
                    return cache.rulesFor(PUBLIC);
                }));
            }
        }
        assertEquals(1, calls.get());
        RobotsRules first = results.get(0).get();
        for (Future<RobotsRules> result : results) {
            assertSame(first, result.get());
        }
        assertFalse(first.allows("/private"));
    }

    @Test
    void slowOriginDoesNotBlockOtherOrigins() throws Exception {
        HttpUrl slow = HttpUrl.get("http://slow.example/");
        HttpUrl fast = HttpUrl.get("http://fast.example/private");
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        RobotsCache cache = new RobotsCache(url -> {
            if (url.host().equals("slow.example")) {
                slowStarted.countDown();
                releaseSlow.await();
            }
            return new RobotsFetch.Response(200, ROBOTS.getBytes(UTF_8));
        }, "trawl");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<RobotsRules> slowRules = threads.submit(() -> cache.rulesFor(slow));
            slowStarted.await();
            assertFalse(cache.allows(fast));
            assertFalse(slowRules.isDone());
            releaseSlow.countDown();
            assertFalse(slowRules.get().allows("/private"));
        }
    }

    @Test
    void interruptedFetchIsNotCachedAndTheNextCallerFetchesAgain() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        RobotsCache cache = new RobotsCache(url -> {
            if (calls.incrementAndGet() == 1) {
                throw new InterruptedException("simulated");
            }
            return new RobotsFetch.Response(200, ROBOTS.getBytes(UTF_8));
        }, "trawl");
        assertThrows(InterruptedException.class, () -> cache.rulesFor(PUBLIC));
        assertEquals(0, cache.size());
        assertFalse(cache.allows(PRIVATE));
        assertEquals(2, calls.get());
        assertEquals(1, cache.size());
    }

    @Test
    void interruptingTheFetchingThreadLeavesNothingCached() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        RobotsCache cache = new RobotsCache(url -> {
            if (calls.incrementAndGet() == 1) {
                fetching.countDown();
                never.await();
            }
            return new RobotsFetch.Response(404, new byte[0]);
        }, "trawl");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread fetcher = Thread.ofVirtual().start(() -> {
            try {
                cache.rulesFor(PUBLIC);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        fetching.await();
        fetcher.interrupt();
        fetcher.join();
        assertInstanceOf(InterruptedException.class, thrown.get());
        assertEquals(0, cache.size());
        assertTrue(cache.allows(PRIVATE));
        assertEquals(2, calls.get());
    }

    @Test
    void sourceThatSwallowsTheInterruptIsTreatedAsInterrupted() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        RobotsCache cache = new RobotsCache(url -> {
            if (calls.incrementAndGet() == 1) {
                Thread.currentThread().interrupt();
                return new RobotsFetch.Unreachable("java.io.InterruptedIOException");
            }
            return new RobotsFetch.Response(404, new byte[0]);
        }, "trawl");
        assertThrows(InterruptedException.class, () -> cache.rulesFor(PUBLIC));
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(0, cache.size());
        assertTrue(cache.allows(PRIVATE));
    }

    @Test
    void waiterTakesOverWhenTheFetchingThreadIsInterrupted() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch waiterArrived = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        RobotsCache cache = new RobotsCache(url -> {
            if (calls.incrementAndGet() == 1) {
                fetching.countDown();
                waiterArrived.await();
                throw new InterruptedException("simulated");
            }
            return new RobotsFetch.Response(200, ROBOTS.getBytes(UTF_8));
        }, "trawl");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<RobotsRules> first = threads.submit(() -> cache.rulesFor(PUBLIC));
            fetching.await();
            Future<RobotsRules> waiter = threads.submit(() -> {
                waiterArrived.countDown();
                return cache.rulesFor(PUBLIC);
            });
            assertFalse(waiter.get().allows("/private"));
            Throwable failure = assertThrows(ExecutionException.class, first::get).getCause();
            assertInstanceOf(InterruptedException.class, failure);
        }
        assertEquals(2, calls.get());
        assertEquals(1, cache.size());
    }

    @Test
    void interruptedWaiterLeavesTheFetchRunning() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        RobotsCache cache = new RobotsCache(url -> {
            calls.incrementAndGet();
            fetching.countDown();
            release.await();
            return new RobotsFetch.Response(200, ROBOTS.getBytes(UTF_8));
        }, "trawl");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<RobotsRules> fetcher = threads.submit(() -> cache.rulesFor(PUBLIC));
            fetching.await();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    cache.rulesFor(PUBLIC);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            waiter.interrupt();
            waiter.join();
            assertInstanceOf(InterruptedException.class, thrown.get());
            release.countDown();
            assertFalse(fetcher.get().allows("/private"));
        }
        assertEquals(1, calls.get());
        assertEquals(1, cache.size());
    }

    @Test
    void allowsUsesEncodedPathAndQuery() throws InterruptedException {
        String robots = "user-agent: *\ndisallow: /a b\ndisallow: /*?sort=\ndisallow: /ツ\n";
        RobotsCache cache = new RobotsCache(answering(200, robots), "trawl");
        assertFalse(cache.allows(HttpUrl.get("http://example.com/a b/c")));
        assertFalse(cache.allows(HttpUrl.get("http://example.com/list?sort=asc")));
        assertTrue(cache.allows(HttpUrl.get("http://example.com/list?page=1")));
        assertFalse(cache.allows(HttpUrl.get("http://example.com/ツ")));
        assertFalse(cache.allows(HttpUrl.get("http://example.com/%e3%83%84")));
        assertTrue(cache.allows(HttpUrl.get("http://example.com/list?")));
    }

    @Test
    void blankProductTokenIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RobotsCache(answering(404, ""), ""));
        assertThrows(NullPointerException.class, () -> new RobotsCache(null, "trawl"));
    }
}
