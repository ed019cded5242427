package dev.trawl.url;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The HTML files of a documentation tree, parsed with jsoup, each with the URL a static server of
 * the tree would give it ({@code http://127.0.0.1:8080/} and its path under the root).
 */
final class DocPages {
    private static final HttpUrl SERVER = HttpUrl.get("http://127.0.0.1:8080/");

    private DocPages() {
    }

    /**
     * Every HTML file under root once, in path order. The JDK's docs are reached through several
     * symlinked package directories under /usr/share/doc, so links are followed and each real file is
     * read the first time it is met.
     */
    static void forEach(Path root, BiConsumer<HttpUrl, Document> action) throws IOException {
        Set<Path> seen = new HashSet<>();
        try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            files.filter(file -> file.toString().endsWith(".html") && Files.isRegularFile(file)).sorted().forEach(file -> {
                try {
                    if (seen.add(file.toRealPath())) {
                        HttpUrl page = SERVER.newBuilder().addPathSegments(root.relativize(file).toString()).build();
                        action.accept(page, Jsoup.parse(file.toFile(), null, page.toString()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(file.toString(), e);
                }
            });
        }
    }

    /** The page's base: its first {@code <base href>} resolved as the extractor does, else the page. */
    static HttpUrl base(HttpUrl page, Document document) {
        var base = document.selectFirst("base[href]");
        return base == null ? page : UrlNormalizer.resolve(page, base.attr("href")).orElse(page);
    }

    /** The href text of every link the extractor reads, in document order. */
    static Stream<String> hrefs(Document document) {
        return document.select("a[href],area[href],link[href]").stream().map(element -> element.attr("href"));
    }
}
