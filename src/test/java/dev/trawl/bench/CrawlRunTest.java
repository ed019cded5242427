package dev.trawl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CrawlRunTest {
    @Test
    void theCommandTemplateIsSplitAndFilledIn() {
        List<String> argv = CrawlRun.command("java -jar target/trawl.jar -c {conc} --user-agent='a b' -o {out} \"{url}\"",
                Map.of("{conc}", "64", "{out}", "/tmp/o.jsonl", "{url}", "http://127.0.0.1:1/p/0.html"));
        assertEquals(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                "target/trawl.jar", "-c", "64", "--user-agent=a b", "-o", "/tmp/o.jsonl", "http://127.0.0.1:1/p/0.html"),
                argv);
        assertEquals(List.of("target/trawl", "-c", "8"), CrawlRun.command("  target/trawl  -c {conc} ", Map.of("{conc}", "8")));
        assertThrows(IllegalArgumentException.class, () -> CrawlRun.command("java 'open", Map.of()));
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, CrawlRun.percentile(sorted, 0.50));
        assertEquals(10, CrawlRun.percentile(sorted, 0.99));
        assertEquals(7, CrawlRun.percentile(new long[] {7}, 0.99));
        assertEquals(Double.NaN, CrawlRun.percentile(new long[0], 0.5));
    }

    @Test
    void durationsAndOptionsParse() {
        assertEquals(Duration.ZERO, CrawlBenchOptions.duration("--latency", "0"));
        assertEquals(Duration.ofMillis(50), CrawlBenchOptions.duration("--latency", "50ms"));
        assertEquals(Duration.ofMillis(1500), CrawlBenchOptions.duration("--latency", "1.5s"));
        assertEquals(Duration.ofNanos(250_000), CrawlBenchOptions.duration("--latency", "250us"));
        assertThrows(IllegalArgumentException.class, () -> CrawlBenchOptions.duration("--latency", "fast"));
        CrawlBenchOptions o = CrawlBenchOptions.parse("--pages", "20000", "--latency=50ms", "--concurrency", "256",
                "--server", "external:18080");
        assertEquals(20000, o.pages);
        assertEquals(Duration.ofMillis(50), o.latency);
        assertEquals(256, o.concurrency);
        assertEquals(18080, o.externalPort);
        assertThrows(IllegalArgumentException.class, () -> CrawlBenchOptions.parse("--pages", "0"));
        assertThrows(IllegalArgumentException.class, () -> CrawlBenchOptions.parse("--nope", "1"));
    }

    private static CrawlRun.Result result(CrawlRun.Crawler crawler, int exit, Site.Counts counts, int records,
            int unrequested, int ok200) {
        return new CrawlRun.Result(1, crawler, List.of(), Path.of("."), exit, false, 1, 1, 1, 1, 1, false, 1, counts,
                records, unrequested, ok200, records, 0, 1, 1);
    }

    @Test
    void aTreeCrawlIsExactWhenEachRecordAnswersOneGetWithTheServersStatus() {
        CrawlRun.Crawler trawl = CrawlRun.Crawler.of(CrawlRun.DEFAULT_COMMAND);
        assertEquals("trawl", trawl.name());
        Site.Counts tree = new Site.Counts(new String[] {"/a.html", "/b.html", "/c.html"}, new int[] {1, 1, 1}, 1, 1, 0, 1, 2);
        assertTrue(result(trawl, 0, tree, 3, 0, 2).exact(), "a broken link's 404 is a page fetched");
        assertFalse(result(trawl, 0, tree, 3, 0, 3).exact(), "a 200 record for a page the server answered 404");
        assertFalse(result(trawl, 0, tree, 2, 0, 2).exact(), "a GET without a record");
        assertFalse(result(trawl, 0, tree, 3, 1, 2).exact(), "a record for a URL never requested");
        assertFalse(result(trawl, 8, tree, 3, 0, 2).exact());
        Site.Counts twice = new Site.Counts(tree.pages(), new int[] {1, 2, 1}, 1, 1, 0, 1, 2);
        assertFalse(result(trawl, 0, twice, 3, 0, 2).exact(), "a page fetched twice");

        CrawlRun.Crawler wget2 = CrawlRun.Crawler.wget2();
        assertFalse(wget2.writesRecords());
        assertTrue(result(wget2, 8, tree, -1, 0, 0).exact(), "wget2's exit 8 for a 404, and no records to check");
        assertFalse(result(wget2, 8, twice, -1, 0, 0).exact());
    }

    @Test
    void aSyntheticCrawlMustFetchEveryPage() {
        CrawlRun.Crawler trawl = CrawlRun.Crawler.of(CrawlRun.DEFAULT_COMMAND);
        Site.Counts all = new Site.Counts(new String[] {"/p/0.html", "/p/1.html"}, new int[] {1, 1}, 0, 1, 0, 1, 2);
        Site.Counts one = new Site.Counts(all.pages(), new int[] {1, 0}, 0, 1, 0, 1, 2);
        assertTrue(result(trawl, 0, all, 2, 0, 2).exact());
        assertFalse(result(trawl, 0, one, 1, 0, 1).exact(), "a page missing");
    }

    @Test
    void casesSetRootLatencyAndConcurrencyAndOtherOptionsOverrideThem() {
        CrawlBenchOptions o = CrawlBenchOptions.parse("-c", "8", "--case", "pgdocs", "--runs=5", "--wget2");
        assertEquals(Path.of("/usr/share/doc/postgresql-doc-15/html"), o.root);
        assertEquals(Duration.ofMillis(20), o.latency);
        assertEquals(8, o.concurrency);
        assertEquals(5, o.runs);
        assertEquals(List.of("trawl", "wget2"), o.crawlers().stream().map(CrawlRun.Crawler::name).toList());
        CrawlBenchOptions docs = CrawlBenchOptions.parse("--case=docs", "--command", "target/trawl -o {out} {url}",
                "--command", "/tmp/main/trawl -o {out} {url}");
        assertEquals(Duration.ZERO, docs.latency);
        assertEquals(32, docs.concurrency);
        assertEquals(List.of("trawl", "trawl-2"), docs.crawlers().stream().map(CrawlRun.Crawler::name).toList());
        assertThrows(IllegalArgumentException.class, () -> CrawlBenchOptions.parse("--case", "nope"));
        assertThrows(IllegalArgumentException.class, () -> CrawlBenchOptions.parse("--case", "docs", "--server", "external:1"));
    }
}
