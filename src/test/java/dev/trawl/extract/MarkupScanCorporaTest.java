package dev.trawl.extract;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * The markup scan against the whole-DOM reference ({@link LegacyPageExtractor}) on every HTML file of
 * the documentation installed under {@code /usr/share/doc} (Debian's {@code openjdk-17-doc} and
 * {@code postgresql-doc-15} among them, through their symbolic links): every field equal, on the pages
 * the scan settles and on those it leaves to jsoup. Prints how many it left, and why. Skipped, with a
 * message, where no such documentation is installed; the generated and hand-written pages of
 * {@link StreamingEquivalenceTest} and {@link MarkupScanTest} run everywhere.
 */
class MarkupScanCorporaTest {
    static final Path DOCS = Path.of(System.getProperty("trawl.corpora", "/usr/share/doc"));
    /** With fragments, the most the scan reads: documentation pages are full of ids and links to them. */
    private static final PageExtractor SCANNED = new PageExtractor(true);
    private static final LegacyPageExtractor LEGACY = new LegacyPageExtractor(true);

    @Test
    void everyInstalledHtmlDocumentationPage() {
        List<Path> pages = htmlFiles(DOCS);
        assumeTrue(!pages.isEmpty(), () -> "no HTML under " + DOCS + ": corpora skipped (apt-get install openjdk-17-doc postgresql-doc-15)");
        Map<String, LongAdder> unsettled = new ConcurrentHashMap<>();
        LongAdder settled = new LongAdder();
        List<String> differing = Collections.synchronizedList(new ArrayList<>());
        pages.parallelStream().forEach(page -> {
            byte[] body = read(page);
            HttpUrl url = HttpUrl.get("https://docs.example/").resolve(page.toString().substring(1).replace('%', '_'));
            if (url == null) {
                url = HttpUrl.get("https://docs.example/page.html");
            }
            // No charset in the Content-Type, as a file server sends them: the prescan decides.
            String html = PageExtractor.decode(body, body.length, CharsetDetector.detect("text/html", body, body.length));
            switch (MarkupScan.scan(html, "trawl", true)) {
                case MarkupScan.Outcome.Settled s -> settled.increment();
                case MarkupScan.Outcome.Unsettled u -> unsettled.computeIfAbsent(u.reason(), r -> new LongAdder()).increment();
            }
            Extraction expected = LEGACY.extract(body, body.length, "text/html", url, "trawl");
            Extraction actual = SCANNED.extract(body, body.length, "text/html", url, "trawl");
            if (!same(expected, actual)) {
                differing.add(page.toString());
            }
        });
        Map<String, Long> reasons = new TreeMap<>();
        unsettled.forEach((reason, count) -> reasons.put(reason, count.sum()));
        System.err.printf(Locale.ROOT, "corpora: %,d HTML pages under %s, %,d settled by the scan, %,d left to jsoup: %s%n",
                pages.size(), DOCS, settled.sum(), pages.size() - settled.sum(), reasons);
        assertTrue(differing.isEmpty(), () -> differing.size() + " pages differ from the reference, e.g. " + differing.subList(0, Math.min(5, differing.size())));
    }

    private static boolean same(Extraction expected, Extraction actual) {
        return expected.equals(actual) && List.copyOf(expected.nofollowLinks()).equals(List.copyOf(actual.nofollowLinks()));
    }

    /**
     * The .html and .htm files under root, symbolic links followed, each file once (the JDK's docs are
     * linked from several packages' directories), in path order.
     */
    static List<Path> htmlFiles(Path root) {
        Set<Path> files = new TreeSet<>();
        if (!Files.isDirectory(root)) {
            return List.copyOf(files);
        }
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (attributes.isRegularFile() && (name.endsWith(".html") || name.endsWith(".htm"))) {
                        files.add(realPath(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A link loop or an unreadable file: not a page.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(files);
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path page) {
        try {
            return Files.readAllBytes(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
