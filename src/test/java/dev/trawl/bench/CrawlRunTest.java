package dev.trawl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertEquals(Duration.ZERO, CrawlBench.Options.duration("--latency", "0"));
        assertEquals(Duration.ofMillis(50), CrawlBench.Options.duration("--latency", "50ms"));
        assertEquals(Duration.ofMillis(1500), CrawlBench.Options.duration("--latency", "1.5s"));
        assertEquals(Duration.ofNanos(250_000), CrawlBench.Options.duration("--latency", "250us"));
        assertThrows(IllegalArgumentException.class, () -> CrawlBench.Options.duration("--latency", "fast"));
        CrawlBench.Options o = CrawlBench.Options.parse("--pages", "20000", "--latency=50ms", "--concurrency", "256",
                "--server", "external:18080");
        assertEquals(20000, o.pages);
        assertEquals(Duration.ofMillis(50), o.latency);
        assertEquals(256, o.concurrency);
        assertEquals(18080, o.externalPort);
        assertThrows(IllegalArgumentException.class, () -> CrawlBench.Options.parse("--pages", "0"));
        assertThrows(IllegalArgumentException.class, () -> CrawlBench.Options.parse("--nope", "1"));
    }
}
