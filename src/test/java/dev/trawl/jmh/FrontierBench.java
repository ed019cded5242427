package dev.trawl.jmh;

import dev.trawl.bench.SiteGraph;
import dev.trawl.frontier.LocalFrontier;
import dev.trawl.frontier.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory frontier, single-threaded (the lock is uncontended).
 *
 * <p>{@code crawl}: a whole crawl of the synthetic benchmark site's link graph ({@value #PAGES}
 * pages, links as {@code site_server.go} draws them, already normalized and de-duplicated as the
 * extractor hands them over) through a fresh {@link LocalFrontier}: seed, then poll a page and
 * complete it with its links until nothing is left. Each completion admits the page's new links
 * (about two) and checks the rest against the seen set. The time is per page, i.e. one
 * {@code poll} plus one {@code complete}; the frontier never spills to disk.
 *
 * <p>{@code completeKnown}: completing a page whose 50 links are all known already, the seen-set
 * check alone (the same task completed again and again; the frontier's state does not change).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FrontierBench {
    static final int PAGES = 10_000;
    private static final int MAX_DEPTH = 64; // deeper than the site (13), so no link is cut off
    private static final Predicate<String> EVERY_HOST = host -> true;

    private static String url(int page) {
        return Pages.siteUrl(page);
    }

    /** The site's link graph: each page's links, normalized and de-duplicated in document order. */
    @State(Scope.Benchmark)
    public static class Site {
        /** Links per page as the site draws them (-k), before de-duplication. */
        @Param({"10", "50"})
        public int links;

        String seed;
        Map<String, List<String>> linksOf;

        @Setup
        public void setup() throws IOException {
            SiteGraph site = new SiteGraph(PAGES, links);
            String[] urls = new String[PAGES];
            for (int i = 0; i < PAGES; i++) {
                urls[i] = url(i);
            }
            seed = urls[0];
            linksOf = new HashMap<>();
            for (int i = 0; i < PAGES; i++) {
                Set<String> distinct = new LinkedHashSet<>();
                for (int target : site.links(i)) {
                    distinct.add(urls[target]);
                }
                linksOf.put(urls[i], List.copyOf(distinct));
            }
            if (run(this) != PAGES) {
                throw new IllegalStateException("the crawl did not reach every page");
            }
        }
    }

    /** A frontier whose seed was completed with 50 links, all now queued at depth 1. */
    @State(Scope.Thread)
    public static class Known {
        LocalFrontier frontier;
        Task task;
        List<String> links;

        @Setup
        public void setup() {
            frontier = new LocalFrontier(MAX_DEPTH, 2 * PAGES);
            frontier.addSeed(url(0));
            task = frontier.poll(EVERY_HOST);
            List<String> fifty = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                fifty.add(url(i));
            }
            links = List.copyOf(fifty);
            frontier.complete(task, links);
        }

        @TearDown
        public void tearDown() throws IOException {
            frontier.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public int crawl(Site site) throws IOException {
        return run(site);
    }

    /** Crawls the whole site through a fresh frontier; the number of pages handed out. */
    private static int run(Site site) throws IOException {
        int pages = 0;
        try (LocalFrontier frontier = new LocalFrontier(MAX_DEPTH, 2 * PAGES)) {
            frontier.addSeed(site.seed);
            for (Task task = frontier.poll(EVERY_HOST); task != null; task = frontier.poll(EVERY_HOST)) {
                frontier.complete(task, site.linksOf.get(task.url()));
                pages++;
            }
        }
        return pages;
    }

    /** Completing the seed again with its 50 links: all known, nothing changes. */
    @Benchmark
    public long completeKnown(Known known) {
        known.frontier.complete(known.task, known.links);
        return known.frontier.waiting();
    }
}
