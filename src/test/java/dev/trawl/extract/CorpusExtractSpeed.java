package dev.trawl.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;

/**
 * Not a test: prints how long extracting every page of a documentation tree held in memory takes,
 * through jsoup's tree ({@link DocumentScan}) and through {@link MarkupScan} (falling back to the
 * tree where it cannot settle), both with link resolution and both without it (decoding and tree or
 * scan only); and how many pages the scan left to jsoup. Timings depend on the machine and its load, so nothing asserts on them.
 * Run after {@code ./mvnw test-compile} with
 * {@code target/java -Xmx1g -cp target/classes:target/test-classes:<dependencies> dev.trawl.extract.CorpusExtractSpeed [DIR]}
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
        PageExtractor tree = new PageExtractor(PageExtractor.STREAM_ABOVE, false, false);
        PageExtractor scan = new PageExtractor();
        for (int pass = 1; pass <= 3; pass++) {
            long treeNanos = time(() -> extractAll(tree, bodies, urls));
            long scanNanos = time(() -> extractAll(scan, bodies, urls));
            long treeOnly = time(() -> parseAll(bodies));
            long scanOnly = time(() -> scanAll(bodies));
            System.out.printf(Locale.ROOT, "pass %d: extract with jsoup's tree %.2f s, with the markup scan %.2f s (x%.2f); "
                    + "without link resolution: the tree %.2f s, the scan %.2f s (x%.2f)%n", pass, treeNanos / 1e9, scanNanos / 1e9,
                    (double) scanNanos / treeNanos, treeOnly / 1e9, scanOnly / 1e9, (double) scanOnly / treeOnly);
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

    /** Decoding, jsoup's parse and the walk of its tree, as PageExtractor does them without the scan. */
    private static void parseAll(List<byte[]> bodies) {
        for (byte[] body : bodies) {
            String html = PageExtractor.decode(body, body.length, CharsetDetector.detect("text/html", body, body.length));
            DocumentScan scan = new DocumentScan("trawl", false);
            NodeTraversor.traverse(scan, Parser.htmlParser().parseInput(html, "https://docs.example/"));
            if (scan.findings().hrefs().isEmpty() && scan.findings().title() == null) {
                throw new AssertionError("nothing found");
            }
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
