package dev.trawl.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Not a test: prints how long extracting every page of a documentation tree held in memory takes,
 * through jsoup's tree ({@link DocumentScan}) and through {@link MarkupScan} (falling back to the
 * tree where it cannot settle), both with link resolution, and the scan alone; and how many pages
 * the scan left to jsoup. Timings depend on the machine and its load, so nothing asserts on them.
 * Run after {@code ./mvnw test-compile} with
 * {@code java -Xmx1g -cp target/classes:target/test-classes:<dependencies> dev.trawl.extract.CorpusExtractSpeed [DIR]}
 * (default: the OpenJDK 17 API docs), adding {@code -XX:TieredStopAtLevel=1} for the launcher's C1.
 */
public final class CorpusExtractSpeed {
    private CorpusExtractSpeed() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "/usr/share/doc/openjdk-17-doc/api");
        List<byte[]> bodies = new ArrayList<>();
        List<HttpUrl> urls = new ArrayList<>();
        long bytes = 0;
        for (Path page : MarkupScanCorporaTest.htmlFiles(root)) {
            byte[] body = Files.readAllBytes(page);
            bodies.add(body);
            urls.add(HttpUrl.get("https://docs.example/").resolve(page.toString().substring(1).replace('%', '_')));
            bytes += body.length;
        }
        int unsettled = 0;
        for (byte[] body : bodies) {
            String html = PageExtractor.decode(body, body.length, CharsetDetector.detect("text/html", body, body.length));
            unsettled += MarkupScan.scan(html, "trawl") instanceof MarkupScan.Outcome.Unsettled ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%s: %,d pages, %,d MB; the scan leaves %,d to jsoup (%.2f%%)%n", root, bodies.size(),
                bytes >> 20, unsettled, 100.0 * unsettled / bodies.size());
        PageExtractor tree = new PageExtractor(PageExtractor.STREAM_ABOVE, false);
        PageExtractor scan = new PageExtractor();
        for (int pass = 1; pass <= 3; pass++) {
            long treeNanos = time(() -> extractAll(tree, bodies, urls));
            long scanNanos = time(() -> extractAll(scan, bodies, urls));
            long scanOnly = time(() -> scanAll(bodies));
            System.out.printf(Locale.ROOT, "pass %d: jsoup tree %.2f s, markup scan %.2f s (x%.2f), the scan alone %.2f s%n", pass,
                    treeNanos / 1e9, scanNanos / 1e9, (double) scanNanos / treeNanos, scanOnly / 1e9);
        }
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static void extractAll(PageExtractor extractor, List<byte[]> bodies, List<HttpUrl> urls) {
        long links = 0;
        for (int i = 0; i < bodies.size(); i++) {
            byte[] body = bodies.get(i);
            links += extractor.extract(body, body.length, "text/html", urls.get(i)).links().size();
        }
        if (links == 0) {
            throw new AssertionError("no links extracted");
        }
    }

    private static void scanAll(List<byte[]> bodies) {
        long settled = 0;
        for (byte[] body : bodies) {
            String html = PageExtractor.decode(body, body.length, CharsetDetector.detect("text/html", body, body.length));
            settled += MarkupScan.scan(html, "trawl") instanceof MarkupScan.Outcome.Settled ? 1 : 0;
        }
        if (settled == 0) {
            throw new AssertionError("nothing settled");
        }
    }
}
