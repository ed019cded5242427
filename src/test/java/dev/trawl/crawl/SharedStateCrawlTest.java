package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.config.CrawlConfig;
import dev.trawl.postgres.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several trawl workers, each its own Crawler, sharing one crawl through a real PostgreSQL server. */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedStateCrawlTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeSite site = new FakeSite();
    private Consumer<String> onRequest = path -> { };

    /** What one worker wrote and how its crawl ended. */
    private record Worker(CrawlOutcome outcome, List<JsonNode> records, String stderr) {
    }

    @Test
    void workersStartedTogetherFetchEveryPageOnceBetweenThem() throws Exception {
        List<String> pages = tree();
        server.setDispatcher(site);
        String database = TestPostgres.server().newDatabase();
        String state = TestPostgres.server().stateUrl(database);

        List<Worker> workers = runTogether(3, TestConfig.with(c -> c.sharedState(state).maxDepth(3).concurrency(4)));

        Set<String> recorded = new HashSet<>();
        int records = 0;
        for (Worker worker : workers) {
            assertEquals(StopReason.DRAINED, worker.outcome().reason(), worker.stderr());
            for (JsonNode record : worker.records()) {
                assertTrue(recorded.add(record.get("url").asText()), "recorded twice: " + record.get("url"));
                records++;
            }
        }
        assertEquals(pages.size(), records);
        for (String page : pages) {
            assertEquals(1, site.hits(page), page + " fetched once across the workers");
        }
        assertTrue(workers.stream().filter(w -> !w.records().isEmpty()).count() > 1,
                "the work was shared: " + workers.stream().map(w -> w.records().size()).toList());
        // The database holds the same records, one per page, for trawl export.
        List<String> kept = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(database); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT record FROM records ORDER BY id")) {
            while (rows.next()) {
                kept.add(rows.getString(1));
            }
        }
        Set<String> written = new HashSet<>();
        workers.forEach(w -> w.records().forEach(r -> written.add(r.toString())));
        assertEquals(written, Set.copyOf(CrawlRun.parse(String.join("\n", kept) + "\n").stream().map(JsonNode::toString).toList()));
        assertEquals(pages.size(), kept.size());
    }

    /** --per-host counts the requests in flight from all workers together, at the server. */
    @Test
    void perHostHoldsForAllWorkersTogether() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<String> pages = tree(path -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
        });
        server.setDispatcher(site);
        String state = TestPostgres.server().stateUrl(TestPostgres.server().newDatabase());

        List<Worker> workers = runTogether(3, TestConfig.with(c -> c.sharedState(state).concurrency(4).perHost(2)));

        for (Worker worker : workers) {
            assertEquals(StopReason.DRAINED, worker.outcome().reason(), worker.stderr());
        }
        assertEquals(pages.size(), workers.stream().mapToInt(w -> w.records().size()).sum());
        assertTrue(most.get() <= 2, "at most 2 requests in flight at the server, saw " + most.get());
        assertEquals(2, most.get(), "the limit was reached");
    }

    /** --delay holds between any two request starts to the host, whichever workers make them. */
    @Test
    void theDelayHoldsAcrossWorkers() throws Exception {
        tree(path -> { });
        server.setDispatcher(site);
        String state = TestPostgres.server().stateUrl(TestPostgres.server().newDatabase());
        long since = System.nanoTime();

        List<Worker> workers = runTogether(2, TestConfig.with(c -> c.sharedState(state).delay(Duration.ofMillis(100))));

        // 45 requests (43 pages, a robots.txt each) 100 ms apart take 4.4 s; two workers pacing only
        // themselves would be done in half that, which the start-up's second cannot hide.
        assertEquals(43, workers.stream().mapToInt(w -> w.records().size()).sum());
        site.assertPacedSince(null, since, 100);
    }

    /** The database stops under a running crawl and comes back: the worker waits for it and finishes. */
    @Test
    void aDatabaseThatComesBackIsWaitedFor() throws Exception {
        List<String> pages = tree();
        server.setDispatcher(site);
        TestPostgres own = TestPostgres.startOwn();
        try {
            String database = own.newDatabase();
            CrawlConfig config = TestConfig.with(c -> c.sharedState(own.stateUrl(database)).concurrency(1)
                    .workerTimeout(Duration.ofSeconds(60)));
            try (ExecutorService thread = Executors.newSingleThreadExecutor()) {
                Future<List<Worker>> running = thread.submit(() -> runTogether(1, config));
                awaitPageHits(5);
                own.pause();
                int before = site.pageHits();
                // Down for a moment: the worker's calls fail and are retried on a new connection.
                Thread.sleep(1_500);
                own.resume();
                Worker worker = running.get().getFirst();
                assertEquals(StopReason.DRAINED, worker.outcome().reason(), worker.stderr());
                assertTrue(before < pages.size());
            }
            assertEquals(pages.size(), recordedUrls(database).size(), "every page recorded once");
        } finally {
            own.close();
        }
    }

    /** The database stops for longer than the worker timeout: the crawl ends with one line saying so. */
    @Test
    void aDatabaseGoneForGoodEndsTheCrawlWithOneLine() throws Exception {
        tree();
        server.setDispatcher(site);
        TestPostgres own = TestPostgres.startOwn();
        try {
            String database = own.newDatabase();
            CrawlConfig config = TestConfig.with(c -> c.sharedState(own.stateUrl(database)).concurrency(1)
                    .workerTimeout(Duration.ofSeconds(2)));
            try (ExecutorService thread = Executors.newSingleThreadExecutor()) {
                Future<CrawlRun.Result> running = thread.submit(() -> CrawlRun.crawl(config, server.url("/")));
                awaitPageHits(5);
                own.pause();
                CrawlRun.Result result = running.get();
                assertEquals(StopReason.STATE_FAILED, result.outcome().reason(), result.stderr());
                String failure = result.outcome().failure().orElseThrow();
                assertTrue(failure.startsWith("lost PostgreSQL at 127.0.0.1:" + own.port() + "/"), failure);
                assertTrue(result.records().size() < 43);
            }
        } finally {
            own.close();
        }
    }

    private void awaitPageHits(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (site.pageHits() < count) {
            assertTrue(System.nanoTime() < deadline, "the crawl did not start");
            Thread.sleep(10);
        }
    }

    private static Set<String> recordedUrls(String database) throws Exception {
        Set<String> urls = new HashSet<>();
        try (Connection db = DriverManager.getConnection(database); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT url FROM records")) {
            while (rows.next()) {
                assertTrue(urls.add(rows.getString(1)));
            }
        }
        return urls;
    }

    /** One database, two crawls of one site with other settings: refused under one name, apart under two. */
    @Test
    void crawlsWithOtherSettingsAreRefusedOrKeptApartByName() throws Exception {
        List<String> pages = tree();
        server.setDispatcher(site);
        String state = TestPostgres.server().stateUrl(TestPostgres.server().newDatabase());

        Worker shallow = runTogether(1, TestConfig.with(c -> c.sharedState(state).maxDepth(1))).getFirst();
        assertEquals(7, shallow.records().size(), shallow.stderr());

        CrawlRun.Result refused = CrawlRun.crawl(TestConfig.with(c -> c.sharedState(state).maxDepth(2)), server.url("/"));
        assertEquals(StopReason.STATE_FAILED, refused.outcome().reason());
        assertTrue(refused.outcome().failure().orElseThrow().contains("another crawl name (--crawl NAME)"),
                refused.outcome().failure().orElseThrow());

        Worker deep = runTogether(1, TestConfig.with(c -> c.sharedState(state).maxDepth(2).crawlName("deep"))).getFirst();
        assertEquals(pages.size(), deep.records().size(), deep.stderr());
    }

    @Test
    void anUnreachableDatabaseIsOneLineNamingItsHost() {
        server.setDispatcher(site);
        site.page("/", "Home");
        CrawlRun.Result result = CrawlRun.crawl(TestConfig.with(c -> c.sharedState("postgresql://127.0.0.1:1/crawl?user=trawl")),
                server.url("/"));
        assertEquals(StopReason.STATE_FAILED, result.outcome().reason());
        String failure = result.outcome().failure().orElseThrow();
        assertTrue(failure.startsWith("cannot use PostgreSQL at 127.0.0.1:1/crawl as state: "), failure);
        assertEquals(0, site.pageHits());
    }

    private List<String> tree() {
        return tree(path -> { });
    }

    /** / links to 6 pages, each to 6 more: 43 pages, each answered after 20 ms so that workers overlap. */
    private List<String> tree(Consumer<String> onRequest) {
        this.onRequest = onRequest;
        List<String> pages = new ArrayList<>(List.of("/"));
        List<String> top = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<String> children = new ArrayList<>();
            for (int j = 0; j < 6; j++) {
                children.add("/p" + i + "/" + j);
            }
            top.add("/p" + i);
            slow("/p" + i, children.toArray(String[]::new));
            children.forEach(child -> slow(child));
            pages.add("/p" + i);
            pages.addAll(children);
        }
        slow("/", top.toArray(String[]::new));
        return pages;
    }

    private void slow(String path, String... links) {
        MockResponse page = FakeSite.html(path, links);
        site.route(path, request -> {
            onRequest.accept(path);
            return page.newBuilder().headersDelay(20, TimeUnit.MILLISECONDS).build();
        });
    }

    private List<Worker> runTogether(int count, CrawlConfig config) throws Exception {
        HttpUrl seed = server.url("/");
        CountDownLatch ready = new CountDownLatch(count);
        try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
            List<Future<Worker>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                running.add(threads.submit(() -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ByteArrayOutputStream err = new ByteArrayOutputStream();
                    Crawler crawler = new Crawler(config, out, new PrintStream(err, true, StandardCharsets.UTF_8));
                    ready.countDown();
                    ready.await();
                    CrawlOutcome outcome = crawler.run(List.of(seed).iterator());
                    return new Worker(outcome, CrawlRun.parse(out.toString(StandardCharsets.UTF_8)),
                            err.toString(StandardCharsets.UTF_8));
                }));
            }
            List<Worker> workers = new ArrayList<>();
            for (Future<Worker> worker : running) {
                workers.add(worker.get());
            }
            for (Worker worker : workers) {
                assertEquals("", worker.stderr(), "a quiet worker says nothing");
            }
            assertFalse(workers.isEmpty());
            return workers;
        }
    }
}
