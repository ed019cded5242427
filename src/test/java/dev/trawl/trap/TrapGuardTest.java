package dev.trawl.trap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.TrapLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class TrapGuardTest {
    private static final int LENGTH = 2048;
    private static final int SEGMENTS = 3;
    private static final int QUERIES = 500;

    /** Thread-safe and linear: the concurrent tests add 15,500 lines (a copy-on-write list copied itself each time). */
    private final List<String> told = Collections.synchronizedList(new ArrayList<>());

    private TrapGuard guard(int maxUrlLength, int maxRepeatedSegments, OptionalLong maxPagesPerHost,
            int maxQueryVariants) {
        return new TrapGuard(new TrapLimits(maxUrlLength, maxRepeatedSegments, maxPagesPerHost, maxQueryVariants),
                (url, reason) -> told.add(reason + " " + url));
    }

    private TrapGuard defaults() {
        return guard(LENGTH, SEGMENTS, OptionalLong.empty(), QUERIES);
    }

    private static String urlOfLength(int length) {
        String prefix = "http://example.com/";
        return prefix + "a".repeat(length - prefix.length());
    }

    @Test
    void admitsAnOrdinaryUrl() {
        TrapGuard guard = defaults();
        assertNull(guard.admit("https://example.com/blog/2024/01/post?id=3"));
        assertEquals(Map.of(), guard.refusals());
        assertEquals(List.of(), told);
    }

    @Test
    void urlExactlyAtTheLengthLimitIsAdmittedOneMoreIsRefused() {
        TrapGuard guard = defaults();
        assertNull(guard.admit(urlOfLength(LENGTH)));
        String tooLong = urlOfLength(LENGTH + 1);
        assertEquals(TrapReason.URL_TOO_LONG, guard.admit(tooLong));
        assertEquals(List.of("URL_TOO_LONG " + tooLong), told);
    }

    @Test
    void segmentRepeatedExactlyTheLimitIsAdmittedOnceMoreIsRefused() {
        TrapGuard guard = defaults();
        assertNull(guard.admit("http://example.com/a/b/a/b/a/b/"));
        assertEquals(TrapReason.REPEATED_SEGMENTS, guard.admit("http://example.com/a/b/a/b/a/b/a/"));
        assertEquals(TrapReason.REPEATED_SEGMENTS, guard.admit("http://example.com/x/x/x/x"));
    }

    @Test
    void manyDistinctSegmentsAreNotRepeats() {
        assertNull(defaults().admit("http://example.com/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://example.com/a/A/a/A/a/A",            // case-sensitive: "a" and "A" three times each
            "http://example.com/a/%61/a/%61/a/%61",      // as written, not decoded
            "http://example.com/a//a//a//b//b//c/////d",  // empty segments are not segments
            "http://example.com/a/a/a/?q=/a/a/a/a",       // the query is not the path
            "http://a.example/b/a.example/a.example/a.example/c", // nor is the host
    })
    void repeatsAreCountedAsWrittenInThePathOnly(String url) {
        assertNull(defaults().admit(url));
    }

    @Test
    void hostBudgetAdmitsExactlyTheLimitThenRefuses() {
        TrapGuard guard = guard(LENGTH, SEGMENTS, OptionalLong.of(3), QUERIES);
        for (int i = 0; i < 3; i++) {
            assertNull(guard.admit("http://example.com/" + i));
        }
        assertEquals(TrapReason.HOST_BUDGET, guard.admit("http://example.com/3"));
        assertNull(guard.admit("http://other.example/0"), "another host has its own budget");
        assertNull(guard.admit("http://example.com:8080/0"), "the host key includes a non-default port");
        assertEquals(TrapReason.HOST_BUDGET, guard.admit("https://user@example.com/4"),
                "http and https on default ports and credentials share the host key");
    }

    @Test
    void noHostBudgetWhenUnlimited() {
        TrapGuard guard = guard(LENGTH, SEGMENTS, OptionalLong.empty(), QUERIES);
        for (int i = 0; i < 100_000; i++) {
            assertNull(guard.admit("http://example.com/page/" + i));
        }
        assertEquals(Map.of(), guard.refusals());
    }

    @Test
    void queryVariantsPerPathAdmitExactlyTheLimitThenRefuse() {
        TrapGuard guard = guard(LENGTH, SEGMENTS, OptionalLong.empty(), 2);
        assertNull(guard.admit("http://example.com/cal?day=1"));
        assertNull(guard.admit("http://example.com/cal?day=2"));
        assertEquals(TrapReason.QUERY_VARIANTS, guard.admit("http://example.com/cal?day=3"));
        assertNull(guard.admit("http://example.com/cal"), "the bare path has no query");
        assertNull(guard.admit("http://example.com/cal/x"), "another path");
        assertNull(guard.admit("http://example.com/cal/?day=1"), "another path: trailing slash");
        assertNull(guard.admit("https://example.com/cal?day=1"), "another scheme");
        assertNull(guard.admit("http://other.example/cal?day=1"), "another host");
        assertNull(guard.admit("http://example.com/Cal?day=1"), "paths are case-sensitive");
        assertEquals(TrapReason.QUERY_VARIANTS, guard.admit("http://example.com/cal?"), "an empty query is a query");
        assertEquals(TrapReason.QUERY_VARIANTS, guard.admit("http://example.com/cal?day=4"));
    }

    @Test
    void emptyQueryCountsAsAVariant() {
        TrapGuard guard = guard(LENGTH, SEGMENTS, OptionalLong.empty(), 1);
        assertNull(guard.admit("http://example.com/p?"));
        assertEquals(TrapReason.QUERY_VARIANTS, guard.admit("http://example.com/p?a"));
    }

    @Test
    void queryOnTheRootPath() {
        TrapGuard guard = guard(LENGTH, SEGMENTS, OptionalLong.empty(), 1);
        assertNull(guard.admit("http://example.com/?s=1"));
        assertEquals(TrapReason.QUERY_VARIANTS, guard.admit("http://example.com/?s=2"));
    }

    @Test
    void refusedUrlsDoNotUseUpABudget() {
        TrapGuard guard = guard(40, 1, OptionalLong.of(2), 1);
        assertEquals(TrapReason.URL_TOO_LONG, guard.admit("http://example.com/" + "x".repeat(40)));
        assertEquals(TrapReason.REPEATED_SEGMENTS, guard.admit("http://example.com/a/a"));
        assertNull(guard.admit("http://example.com/q?1"));
        assertEquals(TrapReason.QUERY_VARIANTS, guard.admit("http://example.com/q?2"));
        assertNull(guard.admit("http://example.com/second"), "the query refusal did not count against the host");
        assertEquals(TrapReason.HOST_BUDGET, guard.admit("http://example.com/third"));
        assertEquals(TrapReason.HOST_BUDGET, guard.admit("http://example.com/r?1"));
        assertNull(guard(40, 1, OptionalLong.of(2), 1).admit("http://other.example/r?1"));
    }

    @Test
    void aHostRefusalDoesNotChargeThePathBudget() {
        TrapGuard guard = guard(LENGTH, SEGMENTS, OptionalLong.of(1), 1);
        assertNull(guard.admit("http://example.com/first"));
        assertEquals(TrapReason.HOST_BUDGET, guard.admit("http://example.com/q?1"));
        TrapGuard fresh = guard(LENGTH, SEGMENTS, OptionalLong.of(1), 1);
        assertNull(fresh.admit("http://example.com/q?1"));
    }

    @Test
    void checksTheStatelessGuardsFirstThenTheHostThenThePath() {
        TrapGuard guard = guard(30, 1, OptionalLong.of(1), 1);
        assertNull(guard.admit("http://h.example/q?1"));
        assertEquals(TrapReason.URL_TOO_LONG, guard.admit("http://h.example/a/a/q?2&padding=xx"));
        assertEquals(TrapReason.REPEATED_SEGMENTS, guard.admit("http://h.example/a/a?2"));
        assertEquals(TrapReason.HOST_BUDGET, guard.admit("http://h.example/q?2"));
    }

    @Test
    void zeroBudgetsRefuseEverythingTheyCover() {
        TrapGuard guard = guard(LENGTH, 0, OptionalLong.of(0), 0);
        assertEquals(TrapReason.HOST_BUDGET, guard.admit("http://example.com/"));
        assertEquals(TrapReason.REPEATED_SEGMENTS, guard.admit("http://example.com/a"));
        TrapGuard noQueries = guard(LENGTH, SEGMENTS, OptionalLong.empty(), 0);
        assertEquals(TrapReason.QUERY_VARIANTS, noQueries.admit("http://example.com/?a"));
        assertNull(noQueries.admit("http://example.com/"));
    }

    @Test
    void refusalsAreASnapshotOfNonZeroCountsInEnumOrder() {
        TrapGuard guard = guard(40, 2, OptionalLong.of(1), 5);
        guard.admit("http://example.com/ok");
        guard.admit("http://example.com/other");                  // host budget
        guard.admit("http://example.com/another");                // host budget
        guard.admit("http://example.com/" + "x".repeat(40));     // too long
        Map<TrapReason, Long> snapshot = guard.refusals();
        assertEquals(List.of(TrapReason.URL_TOO_LONG, TrapReason.HOST_BUDGET), List.copyOf(snapshot.keySet()));
        assertEquals(Map.of(TrapReason.URL_TOO_LONG, 1L, TrapReason.HOST_BUDGET, 2L), snapshot);
        guard.admit("http://other.example/x/x/x");
        assertEquals(Map.of(TrapReason.URL_TOO_LONG, 1L, TrapReason.HOST_BUDGET, 2L), snapshot, "a snapshot");
        assertEquals(3, guard.refusals().size());
        assertThrows(UnsupportedOperationException.class, () -> snapshot.put(TrapReason.QUERY_VARIANTS, 1L));
    }

    @Test
    void onRefusalIsToldTheUrlAndReasonOfEachRefusalOnly() {
        TrapGuard guard = guard(LENGTH, SEGMENTS, OptionalLong.of(1), QUERIES);
        guard.admit("http://example.com/1");
        guard.admit("http://example.com/2");
        guard.admit("http://example.com/3");
        assertEquals(List.of("HOST_BUDGET http://example.com/2", "HOST_BUDGET http://example.com/3"), told);
    }

    @Test
    void labelsAreWordsForTheSummary() {
        assertEquals("url too long", TrapReason.URL_TOO_LONG.label());
        assertEquals("repeated path segments", TrapReason.REPEATED_SEGMENTS.label());
        assertEquals("host budget", TrapReason.HOST_BUDGET.label());
        assertEquals("query variants", TrapReason.QUERY_VARIANTS.label());
    }

    @Test
    void concurrentAdmitsNeverExceedTheHostBudget() throws Exception {
        concurrently(guard(LENGTH, SEGMENTS, OptionalLong.of(500), QUERIES), i -> "http://example.com/page/" + i,
                TrapReason.HOST_BUDGET);
    }

    @Test
    void concurrentAdmitsNeverExceedTheQueryBudget() throws Exception {
        concurrently(guard(LENGTH, SEGMENTS, OptionalLong.empty(), 500), i -> "http://example.com/cal?day=" + i,
                TrapReason.QUERY_VARIANTS);
    }

    /** 16 threads offer 1000 distinct URLs each; a budget of 500 admits exactly 500 of them. */
    private void concurrently(TrapGuard guard, java.util.function.IntFunction<String> url, TrapReason reason)
            throws Exception {
        int threads = 16;
        int perThread = 1000;
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = first; i < first + perThread; i++) {
                        if (guard.admit(url.apply(i)) == null) {
                            admitted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertEquals(500, admitted.get());
        assertEquals(Map.of(reason, (long) threads * perThread - 500), guard.refusals());
        assertEquals(threads * perThread - 500, told.size());
        assertTrue(told.stream().allMatch(line -> line.startsWith(reason.name() + " ")));
    }
}
