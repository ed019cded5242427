package dev.trawl.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link Frontier} shares, run against each implementation through its
 * {@link FrontierFactory}: hand-out once per crawl, depth and parents, depth relaxation (cut links
 * queued when a shorter path appears, through redirect claims too), per-host round-robin, memory
 * capacity and overflow, and Admission.
 */
@Timeout(20)
public abstract class FrontierContractTest {
    private static final Predicate<String> ANY_HOST = host -> true;
    private static final String[] HOSTS = {"a.test", "b.test:8080", "c.test"};

    private FrontierFactory factory;

    /** The implementation under test. */
    protected abstract FrontierFactory newFactory();

    @BeforeEach
    void openFactory() {
        factory = newFactory();
    }

    @AfterEach
    void closeFactory() {
        factory.close();
    }

    private Frontier frontier(int maxDepth, int capacity) {
        return factory.create(OptionalInt.of(maxDepth), capacity, Admission.ALL);
    }

    private Frontier frontier(int maxDepth, int capacity, Admission admission) {
        return factory.create(OptionalInt.of(maxDepth), capacity, admission);
    }

    private Frontier unlimited(int capacity) {
        return factory.create(OptionalInt.empty(), capacity, Admission.ALL);
    }

    private long known(Frontier frontier) {
        return factory.known(frontier);
    }

    private static String a(String path) {
        return "http://a.test/" + path;
    }

    private static String b(String path) {
        return "http://b.test:8080/" + path;
    }

    private static String c(String path) {
        return "https://c.test/" + path;
    }

    private static Task task(String url, int depth, String parent) {
        return new Task(url, HostKey.of(url), depth, parent);
    }

    /** Polls a task that must be there. */
    private static Task take(Frontier frontier) {
        Task task = frontier.poll(ANY_HOST);
        assertNotNull(task, "expected a task");
        return task;
    }

    // ---- seeds, hand-out, depth and parent ----

    @Test
    void duplicateSeedIsRefusedAndTheSeedIsHandedOutOnce() throws IOException {
        try (Frontier frontier = frontier(3, 100)) {
            assertTrue(frontier.addSeed(a("")));
            assertFalse(frontier.addSeed(a("")));
            assertEquals(1, frontier.waiting());

            assertEquals(task(a(""), 0, null), frontier.poll(ANY_HOST));
            assertNull(frontier.poll(ANY_HOST));
            assertFalse(frontier.addSeed(a("")), "a seed in flight is still known");
            frontier.complete(task(a(""), 0, null), List.of());
            assertFalse(frontier.addSeed(a("")), "a fetched seed is still known");
            assertNull(frontier.poll(ANY_HOST));
            assertEquals(0, frontier.waiting());
            assertEquals(1, known(frontier));
        }
    }

    @Test
    void pollOnAnEmptyFrontierReturnsNull() throws IOException {
        try (Frontier frontier = frontier(3, 100)) {
            assertNull(frontier.poll(ANY_HOST));
            assertEquals(0, frontier.waiting());
            assertEquals(0, frontier.spilled());
            assertEquals(0, known(frontier));
        }
    }

    @Test
    void aDrainedCrawlWithoutEarlierRunsHasNothingUnreachedToQueue() throws IOException {
        try (Frontier frontier = frontier(1, 100)) {
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            frontier.complete(seed, List.of(a("1")));
            frontier.complete(take(frontier), List.of(a("2"))); // cut by max depth: not unreached, just not reached
            assertEquals(0, frontier.waiting());

            assertEquals(0, frontier.queueUnreached());
            assertNull(frontier.poll(ANY_HOST));
        }
    }

    @Test
    void linksAreQueuedOneDeeperThanTheirPageWithThePageAsParent() throws IOException {
        try (Frontier frontier = frontier(5, 100)) {
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            frontier.complete(seed, List.of(a("x"), b("y")));
            assertEquals(2, frontier.waiting());

            Task x = take(frontier);
            assertEquals(task(a("x"), 1, a("")), x);
            assertEquals(task(b("y"), 1, a("")), take(frontier));
            frontier.complete(x, List.of(c("z")));
            assertEquals(task(c("z"), 2, a("x")), take(frontier));
            assertNull(frontier.poll(ANY_HOST));
        }
    }

    @Test
    void eachUrlIsHandedOutOnceWhateverLinksToIt() throws IOException {
        try (Frontier frontier = frontier(5, 100)) {
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            // duplicates, a link back to the seed (in flight), and a link to itself
            frontier.complete(seed, List.of(a("x"), a("x"), a(""), a("y")));
            assertEquals(2, frontier.waiting());
            Task x = take(frontier);
            Task y = take(frontier);
            frontier.complete(x, List.of(a(""), a("x"), a("y")));
            frontier.complete(y, List.of(a("x")));
            assertNull(frontier.poll(ANY_HOST));
            assertEquals(0, frontier.waiting());
            assertEquals(3, known(frontier));
            assertEquals(List.of(task(a("x"), 1, a("")), task(a("y"), 1, a(""))), List.of(x, y));
        }
    }

    @Test
    void linksBeyondMaxDepthAreNotQueued() throws IOException {
        try (Frontier frontier = frontier(1, 100)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("one")));
            Task one = take(frontier);
            assertEquals(task(a("one"), 1, a("")), one);
            frontier.complete(one, List.of(a("two"), b("two")));
            assertNull(frontier.poll(ANY_HOST));
            assertEquals(0, frontier.waiting());
            assertEquals(2, known(frontier), "cut links are not known URLs");
        }
    }

    @Test
    void maxDepthZeroHandsOutOnlySeeds() throws IOException {
        try (Frontier frontier = frontier(0, 100)) {
            frontier.addSeed(a(""));
            frontier.addSeed(b(""));
            Task first = take(frontier);
            Task second = take(frontier);
            frontier.complete(first, List.of(a("x"), b("")));
            frontier.complete(second, List.of(b("x")));
            assertNull(frontier.poll(ANY_HOST));
            assertEquals(List.of(task(a(""), 0, null), task(b(""), 0, null)), List.of(first, second));
        }
    }

    @Test
    void withoutADepthLimitAChainIsFollowedToItsEndEachPageOneDeeper() throws IOException {
        int pages = 5_000; // five times the cap --max-depth once had
        try (Frontier frontier = unlimited(10)) {
            frontier.addSeed(a("0"));
            Task page = take(frontier);
            for (int i = 1; i < pages; i++) {
                frontier.complete(page, List.of(a(Integer.toString(i)), a("0")));
                page = take(frontier);
                assertEquals(task(a(Integer.toString(i)), i, a(Integer.toString(i - 1))), page);
            }
            frontier.complete(page, List.of());
            assertNull(frontier.poll(ANY_HOST));
            assertEquals(0, frontier.waiting());
            assertEquals(pages, known(frontier));
        }
    }

    @Test
    void withoutADepthLimitAShorterPathStillLowersTheDepthOfQueuedPages() throws IOException {
        // Nothing is ever cut without a limit, but the links of fetched pages are still needed: they
        // carry a shorter path on to the pages queued through them, whose records show the depth.
        try (Frontier frontier = unlimited(100)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("1"), a("slow")));
            Task one = take(frontier);
            Task slow = take(frontier); // in flight for a long time
            frontier.complete(one, List.of(a("2")));
            frontier.complete(take(frontier), List.of(a("3")));
            frontier.complete(take(frontier), List.of(a("4"))); // /4 queued at depth 4 through /1, /2, /3

            frontier.complete(slow, List.of(a("3"))); // /slow (depth 1) reaches /3 at 2, so /4 is at 3

            assertEquals(task(a("4"), 3, a("3")), take(frontier));
            assertNull(frontier.poll(ANY_HOST));
        }
    }

    @Test
    void constructorRejectsNegativeDepthAndZeroCapacity() {
        assertThrows(IllegalArgumentException.class, () -> frontier(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> frontier(3, 0));
    }

    // ---- depth relaxation ----

    @Test
    void shorterPathToAFetchedPageQueuesTheLinksMaxDepthHadCut() throws IOException {
        try (Frontier frontier = frontier(3, 100)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("fast"), a("slow")));
            Task fast = take(frontier);
            Task slow = take(frontier); // in flight for a long time
            frontier.complete(fast, List.of(a("mid")));
            Task mid = take(frontier);
            frontier.complete(mid, List.of(a("p")));
            Task p = take(frontier);
            assertEquals(task(a("p"), 3, a("mid")), p);
            frontier.complete(p, List.of(a("cut")));
            assertNull(frontier.poll(ANY_HOST), "a link at depth 4 is cut by max depth 3");
            assertEquals(0, frontier.waiting());

            frontier.complete(slow, List.of(a("p"))); // /p is at depth 2 after all

            assertEquals(1, frontier.waiting());
            assertEquals(task(a("cut"), 3, a("p")), frontier.poll(ANY_HOST));
            assertNull(frontier.poll(ANY_HOST));
            assertFalse(frontier.addSeed(a("p")), "/p is not fetched again");
        }
    }

    @Test
    void relaxationPassesThroughAChainOfFetchedPages() throws IOException {
        try (Frontier frontier = frontier(5, 100)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("1"), a("slow")));
            Task one = take(frontier);
            Task slow = take(frontier);
            frontier.complete(one, List.of(a("2")));
            Task previous = take(frontier);
            for (int i = 3; i <= 5; i++) {
                frontier.complete(previous, List.of(a(Integer.toString(i))));
                previous = take(frontier);
            }
            assertEquals(task(a("5"), 5, a("4")), previous);
            frontier.complete(previous, List.of(a("cut"), b("cut")));
            assertNull(frontier.poll(ANY_HOST));

            // /slow links /3: /3 goes from 3 to 2, /4 from 4 to 3, /5 from 5 to 4, so /5's links fit in 5
            frontier.complete(slow, List.of(a("3")));

            assertEquals(2, frontier.waiting());
            assertEquals(task(a("cut"), 5, a("5")), take(frontier));
            assertEquals(task(b("cut"), 5, a("5")), take(frontier));
            assertNull(frontier.poll(ANY_HOST));
        }
    }

    @Test
    void relaxationReachesKnownLinksOfTheRelaxedPageAndTheirCutLinks() throws IOException {
        try (Frontier frontier = frontier(3, 100)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("fast"), a("slow")));
            Task fast = take(frontier);
            Task slow = take(frontier);
            frontier.complete(fast, List.of(a("mid")));
            frontier.complete(slow, List.of(a("mid2")));
            Task mid = take(frontier);
            Task mid2 = take(frontier);
            frontier.complete(mid, List.of(a("p")));
            frontier.complete(mid2, List.of(a("q")));
            Task p = take(frontier);
            Task q = take(frontier);
            assertEquals(List.of(task(a("p"), 3, a("mid")), task(a("q"), 3, a("mid2"))), List.of(p, q));
            frontier.complete(p, List.of(a("q"), a("p-cut"))); // /q is known; /p-cut is cut
            frontier.complete(q, List.of(a("q-cut")));
            assertNull(frontier.poll(ANY_HOST));

            // a seed-level shortcut to /p: /p becomes 1, so /p-cut and /q become 2, and /q-cut 3
            frontier.addSeed(b(""));
            frontier.complete(take(frontier), List.of(a("p")));

            List<Task> queued = new ArrayList<>();
            for (Task t; (t = frontier.poll(ANY_HOST)) != null; ) {
                queued.add(t);
            }
            assertEquals(Set.of(task(a("p-cut"), 2, a("p")), task(a("q-cut"), 3, a("q"))), Set.copyOf(queued));
            assertEquals(2, queued.size());
        }
    }

    @Test
    void queuedUrlWhoseDepthImprovesIsHandedOutAtTheBetterDepthWithItsFirstParent() throws IOException {
        try (Frontier frontier = frontier(5, 100)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("long"), a("short")));
            Task longWay = take(frontier);
            Task shortWay = take(frontier);
            frontier.complete(longWay, List.of(a("longer")));
            Task longer = take(frontier);
            frontier.complete(longer, List.of(a("target"))); // queued at depth 3
            frontier.complete(shortWay, List.of(a("target"))); // now 2

            assertEquals(1, frontier.waiting());
            assertEquals(task(a("target"), 2, a("longer")), frontier.poll(ANY_HOST));
        }
    }

    @Test
    void inFlightPageWhoseDepthImprovesQueuesItsLinksAtTheBetterDepth() throws IOException {
        try (Frontier frontier = frontier(3, 100)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("fast"), a("slow")));
            Task fast = take(frontier);
            Task slow = take(frontier);
            frontier.complete(fast, List.of(a("mid")));
            frontier.complete(take(frontier), List.of(a("p")));
            Task p = take(frontier); // handed out at depth 3, still in flight
            assertEquals(3, p.depth());
            frontier.complete(slow, List.of(a("p"))); // /p is now 2

            frontier.complete(p, List.of(a("x")));

            assertEquals(task(a("x"), 3, a("p")), frontier.poll(ANY_HOST));
        }
    }

    @Test
    void worsePathDoesNotRaiseADepth() throws IOException {
        try (Frontier frontier = frontier(5, 100)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("x"), a("y")));
            Task x = take(frontier);
            frontier.complete(x, List.of(a("z")));
            Task y = take(frontier);
            frontier.complete(y, List.of(a("x"))); // x is 1 already
            Task z = take(frontier);
            assertEquals(task(a("z"), 2, a("x")), z);
            assertNull(frontier.poll(ANY_HOST));
        }
    }

    // ---- redirects ----

    @Test
    void claimedRedirectTargetIsNotQueuedWhenALinkPointsAtIt() throws IOException {
        try (Frontier frontier = frontier(5, 100)) {
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            assertTrue(frontier.claim(c(""), seed));
            assertEquals(2, known(frontier));
            frontier.complete(seed, List.of(c(""), a("x")));

            assertEquals(task(a("x"), 1, a("")), take(frontier));
            assertNull(frontier.poll(ANY_HOST));
            assertFalse(frontier.addSeed(c("")), "a claimed target counts as seen");
        }
    }

    @Test
    void claimOfAKnownUrlIsRefused() throws IOException {
        try (Frontier frontier = frontier(5, 100)) {
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            frontier.complete(seed, List.of(a("first"), a("second")));
            Task first = take(frontier);
            Task second = take(frontier);

            assertFalse(frontier.claim(a(""), second), "a fetched seed");
            assertFalse(frontier.claim(a("first"), second), "a URL in flight");
            assertTrue(frontier.claim(b("target"), second));
            assertFalse(frontier.claim(b("target"), first), "a target claimed by another page");
            assertEquals(4, known(frontier));
            assertEquals(0, frontier.waiting());
        }
    }

    @Test
    void claimOfAUrlStillQueuedIsRefusedAndItIsStillHandedOut() throws IOException {
        try (Frontier frontier = frontier(5, 100)) {
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            frontier.complete(seed, List.of(a("x"), a("y")));
            Task x = take(frontier);
            assertFalse(frontier.claim(a("y"), x));
            assertEquals(task(a("y"), 1, a("")), take(frontier));
        }
    }

    @Test
    void relaxingAClaimedRedirectTargetQueuesTheCutLinksStoredUnderThePageThatRedirected() throws IOException {
        try (Frontier frontier = frontier(3, 100)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("fast"), a("slow")));
            Task fast = take(frontier);
            Task slow = take(frontier);
            frontier.complete(fast, List.of(a("mid")));
            frontier.complete(take(frontier), List.of(a("r")));
            Task r = take(frontier); // depth 3; redirects to /t
            assertTrue(frontier.claim(a("t"), r));
            frontier.complete(r, List.of(a("cut"))); // /t's links, reported for /r
            assertNull(frontier.poll(ANY_HOST));

            frontier.complete(slow, List.of(a("t"))); // /t is at depth 2

            assertEquals(task(a("cut"), 3, a("r")), frontier.poll(ANY_HOST));
            assertNull(frontier.poll(ANY_HOST), "/t itself is never handed out");
        }
    }

    @Test
    void claimOfAKnownTargetLowersItsDepthToTheRedirectingPages() throws IOException {
        try (Frontier frontier = frontier(2, 100)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("link"), a("redirect")));
            Task link = take(frontier);
            Task redirect = take(frontier); // depth 1, its fetch will be redirected to /t
            frontier.complete(link, List.of(a("t")));
            Task t = take(frontier);
            assertEquals(task(a("t"), 2, a("link")), t);
            frontier.complete(t, List.of(a("x"))); // x at depth 3: cut

            // Had /redirect's hop come first, claim would have put /t at depth 1 and /x at 2.
            assertFalse(frontier.claim(a("t"), redirect));
            frontier.complete(redirect, List.of()); // a redirect not followed has no links

            assertEquals(task(a("x"), 2, a("t")), frontier.poll(ANY_HOST));
        }
    }

    @Test
    void redirectTargetRelaxedWhileItsFetchIsInFlightQueuesItsLinksAtTheBetterDepth() throws IOException {
        try (Frontier frontier = frontier(3, 100)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("fast"), a("slow")));
            Task fast = take(frontier);
            Task slow = take(frontier);
            frontier.complete(fast, List.of(a("mid")));
            frontier.complete(take(frontier), List.of(a("r")));
            Task r = take(frontier); // depth 3
            assertTrue(frontier.claim(a("t"), r)); // /r redirected to /t, whose body is still downloading

            frontier.complete(slow, List.of(a("t"))); // /t is at depth 2
            frontier.complete(r, List.of(a("x"))); // /t's links: within depth 3 of a seed

            assertEquals(task(a("x"), 3, a("r")), frontier.poll(ANY_HOST));
        }
    }

    @Test
    void seedAddedForAPageFetchedAtDepthTwoQueuesItsCutLinks() throws IOException {
        try (Frontier frontier = frontier(2, 100)) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("1")));
            frontier.complete(take(frontier), List.of(a("p")));
            Task p = take(frontier);
            assertEquals(2, p.depth());
            frontier.complete(p, List.of(a("x"))); // depth 3: cut

            assertFalse(frontier.addSeed(a("p")));

            assertEquals(task(a("x"), 1, a("p")), frontier.poll(ANY_HOST));
        }
    }

    // ---- admission ----

    @Test
    void admissionIsAskedOncePerNewUrlAndNeverForSeedsOrClaimedTargets() throws IOException {
        List<String> asked = new ArrayList<>();
        try (Frontier frontier = frontier(5, 100, url -> asked.add(url) && !url.endsWith("/refused"))) {
            frontier.addSeed(a(""));
            Task seed = take(frontier);
            assertTrue(frontier.claim(c(""), seed));
            frontier.complete(seed, List.of(a("x"), a("x"), a("refused"), a(""), c("")));
            Task x = take(frontier);
            frontier.complete(x, List.of(a("x"), a("y"), a("")));
            Task y = take(frontier);
            frontier.complete(y, List.of(a("x"), a("y")));

            assertEquals(List.of(a("x"), a("refused"), a("y")), asked);
            assertNull(frontier.poll(ANY_HOST), "a refused URL is not queued");
            assertEquals(4, known(frontier), "a refused URL is not known");
        }
    }

    @Test
    void cutLinkRefusedWhenAShorterPathTurnsUpIsNotAskedAboutAgain() throws IOException {
        List<String> asked = new ArrayList<>();
        try (Frontier frontier = frontier(3, 100, url -> asked.add(url) && !url.endsWith("/no"))) {
            frontier.addSeed(a(""));
            frontier.complete(take(frontier), List.of(a("1"), a("slow1"), a("slow2")));
            Task one = take(frontier);
            Task slow1 = take(frontier);
            Task slow2 = take(frontier);
            frontier.complete(one, List.of(a("2")));
            frontier.complete(take(frontier), List.of(a("p")));
            Task p = take(frontier);
            assertEquals(3, p.depth());
            frontier.complete(p, List.of(a("no"), a("yes"))); // both cut
            asked.clear();

            frontier.complete(slow1, List.of(a("p-parent"))); // unrelated
            frontier.complete(slow2, List.of(a("p"))); // /p is 2: its cut links are asked about

            assertEquals(Set.of(a("no"), a("yes"), a("p-parent")), Set.copyOf(asked));
            List<Task> queued = new ArrayList<>();
            for (Task t; (t = frontier.poll(ANY_HOST)) != null; ) {
                queued.add(t);
            }
            assertEquals(Set.of(task(a("p-parent"), 2, a("slow1")), task(a("yes"), 3, a("p"))), Set.copyOf(queued));
            asked.clear();

            frontier.addSeed(b(""));
            frontier.complete(take(frontier), List.of(a("p"))); // /p is 1 now
            assertEquals(List.of(), asked, "a refused cut link is dropped for good");
        }
    }

    // ---- hosts ----

    @Test
    void pollTakesHostsInTurn() throws IOException {
        try (Frontier frontier = frontier(0, 100)) {
            for (String url : List.of(a("1"), a("2"), a("3"), b("1"), b("2"), c("1"))) {
                frontier.addSeed(url);
            }
            List<String> order = new ArrayList<>();
            for (Task t; (t = frontier.poll(ANY_HOST)) != null; ) {
                order.add(t.url());
            }
            assertEquals(List.of(a("1"), b("1"), c("1"), a("2"), b("2"), a("3")), order);
        }
    }

    @Test
    void hostNotReadyIsSkippedAndServedLater() throws IOException {
        try (Frontier frontier = frontier(0, 100)) {
            for (String url : List.of(a("1"), a("2"), b("1"), b("2"))) {
                frontier.addSeed(url);
            }
            List<String> asked = new ArrayList<>();
            Predicate<String> onlyB = host -> {
                asked.add(host);
                return host.equals("b.test:8080");
            };
            assertEquals(task(b("1"), 0, null), frontier.poll(onlyB));
            assertEquals(List.of("a.test", "b.test:8080"), asked, "the gate is asked with host keys");
            assertEquals(task(b("2"), 0, null), frontier.poll(onlyB));
            assertNull(frontier.poll(onlyB), "only a.test has work and it is not ready");
            assertEquals(2, frontier.waiting());
            assertNull(frontier.poll(host -> false));
            assertEquals(task(a("1"), 0, null), frontier.poll(ANY_HOST));
            assertEquals(task(a("2"), 0, null), frontier.poll(ANY_HOST));
            assertEquals(0, frontier.waiting());
        }
    }

    @Test
    void httpAndHttpsOnDefaultPortsShareAHost() throws IOException {
        try (Frontier frontier = frontier(0, 100)) {
            frontier.addSeed("http://a.test/x");
            frontier.addSeed("https://a.test/y");
            Set<String> asked = new HashSet<>();
            frontier.poll(host -> asked.add(host) && false);
            assertEquals(Set.of("a.test"), asked);
        }
    }

    // ---- memory capacity and overflow to disk ----

    @Test
    void overflowCountsEveryUrlThatWentToDiskAndKeepsArrivalOrder() throws IOException {
        try (Frontier frontier = frontier(0, 3)) {
            for (int i = 0; i < 10; i++) {
                frontier.addSeed(a(Integer.toString(i)));
                assertEquals(i + 1, frontier.waiting());
                assertEquals(Math.max(0, i + 1 - 3), frontier.spilled());
            }
            assertEquals(task(a("0"), 0, null), frontier.poll(ANY_HOST));
            assertEquals(9, frontier.waiting());
            // memory has room now, but the disk holds older URLs: the new one queues behind them
            frontier.addSeed(a("10"));
            assertEquals(8, frontier.spilled());
            assertEquals(10, frontier.waiting());
            for (int i = 1; i <= 10; i++) {
                assertEquals(task(a(Integer.toString(i)), 0, null), frontier.poll(ANY_HOST));
                assertEquals(10 - i, frontier.waiting());
            }
            assertNull(frontier.poll(ANY_HOST));
            // drained: memory is used again
            frontier.addSeed(a("11"));
            frontier.addSeed(a("12"));
            frontier.addSeed(a("13"));
            assertEquals(8, frontier.spilled());
            frontier.addSeed(a("14"));
            assertEquals(9, frontier.spilled());
            assertEquals(4, frontier.waiting());
        }
    }

    @ParameterizedTest(name = "memory capacity {0}")
    @ValueSource(ints = {1, 3})
    void overflowToDiskLosesNothingDuplicatesNothingAndKeepsEachHostsOrder(int capacity) throws IOException {
        Random random = new Random(42 + capacity);
        try (Frontier frontier = frontier(10_000, capacity)) {
            Map<String, ArrayDeque<String>> expectedPerHost = new HashMap<>();
            ArrayDeque<String> expectedOverall = new ArrayDeque<>();
            List<Task> inFlight = new ArrayList<>();
            Set<String> handedOut = new HashSet<>();
            // the documented rule: memory up to the capacity; once anything is on disk, new URLs go to disk too
            int[] memory = {0};
            int[] disk = {0};
            long[] spilled = {0};
            int[] next = {0};
            Runnable offered = () -> {
                if (disk[0] > 0 || memory[0] >= capacity) {
                    disk[0]++;
                    spilled[0]++;
                } else {
                    memory[0]++;
                }
            };
            Supplier<String> fresh = () -> {
                int i = next[0]++;
                String url = "http://" + HOSTS[random.nextInt(HOSTS.length)] + "/" + i;
                expectedPerHost.computeIfAbsent(HostKey.of(url), h -> new ArrayDeque<>()).addLast(url);
                expectedOverall.addLast(url);
                return url;
            };
            for (int i = 0; i < 20; i++) {
                assertTrue(frontier.addSeed(fresh.get()));
                offered.run();
            }
            int steps = 0;
            while (true) {
                steps++;
                assertEquals(memory[0] + disk[0], frontier.waiting(), "waiting at step " + steps);
                assertEquals(spilled[0], frontier.spilled(), "spilled at step " + steps);
                boolean poll = inFlight.isEmpty() || random.nextInt(3) > 0;
                if (poll) {
                    while (disk[0] > 0 && memory[0] < capacity) {
                        disk[0]--;
                        memory[0]++;
                    }
                    Task task = frontier.poll(ANY_HOST);
                    if (memory[0] == 0) {
                        assertNull(task);
                        if (inFlight.isEmpty()) {
                            break;
                        }
                        continue;
                    }
                    memory[0]--;
                    assertNotNull(task);
                    assertTrue(handedOut.add(task.url()), "handed out twice: " + task.url());
                    assertEquals(expectedPerHost.get(task.host()).pollFirst(), task.url(), "FIFO per host");
                    if (capacity == 1) {
                        assertEquals(expectedOverall.pollFirst(), task.url(), "one slot of memory: FIFO overall");
                    }
                    inFlight.add(task);
                } else {
                    Task task = inFlight.remove(random.nextInt(inFlight.size()));
                    List<String> links = new ArrayList<>();
                    int freshCount = 0;
                    int count = next[0] < 600 ? random.nextInt(5) : 0;
                    for (int i = 0; i < count; i++) {
                        if (random.nextInt(4) == 0) {
                            links.add(task.url()); // known: not queued again
                        } else {
                            String url = fresh.get();
                            freshCount++;
                            links.add(url);
                            links.add(url); // the same link twice on a page
                        }
                    }
                    frontier.complete(task, links);
                    for (int i = 0; i < freshCount; i++) {
                        offered.run();
                    }
                }
            }
            assertEquals(next[0], handedOut.size(), "every URL offered was handed out");
            assertTrue(next[0] >= 600, "the scenario offered " + next[0]);
            assertTrue(frontier.spilled() > next[0] / 2, "most URLs went through the disk: " + frontier.spilled());
            expectedPerHost.values().forEach(queue -> assertTrue(queue.isEmpty()));
        }
    }
}
