package dev.trawl.url;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trawl.Gen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LinkResolver} against {@code UrlNormalizer} on every href of every HTML file of the
 * documentation installed under /usr/share/doc (OpenJDK 17's API docs, the PostgreSQL manual and
 * whatever else is there), each page at the URL a static server would give it, and against its
 * {@code <base href>} when it has one. Each href is checked whole (as the canonical link is resolved)
 * and cut at its '#' (as links are). Skipped with a message when no documentation is installed; the
 * same check always runs on a few pages written here.
 */
class LinkResolverCorpusTest {
    private static final Path DOCS = Path.of("/usr/share/doc");

    /** Hrefs checked, and how many of them the fast path settled. */
    private static final class Tally {
        long hrefs;
        long fast;
        int pages;

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d pages, %,d hrefs: %,d on the fast path (%.1f%%), %,d fell back", pages, hrefs,
                    fast, hrefs == 0 ? 0 : 100.0 * fast / hrefs, hrefs - fast);
        }
    }

    @Test
    void everyHrefOfTheInstalledDocsResolvesAsUrlNormalizerDoes() throws IOException {
        assumeTrue(Files.isDirectory(DOCS), "no " + DOCS + ": the documentation corpus is not installed");
        Tally tally = checkTree(DOCS);
        System.err.println("LinkResolverCorpusTest, " + DOCS + ": " + tally);
        assumeTrue(tally.pages > 0, "no HTML under " + DOCS + ": the documentation corpus is not installed");
    }

    @Test
    void everyHrefOfSmallPagesResolvesAsUrlNormalizerDoes(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("api/java.base/java/lang"));
        Files.writeString(dir.resolve("index.html"), """
                <!doctype html><title>Index</title>
                <link rel="stylesheet" href="style.css"><link rel="canonical" href="https://docs.example.org/#top">
                <a href="api/java.base/java/lang/Object.html">Object</a> <a href="#main">skip</a> <a href="">self</a>
                <a href="?page=2">next</a> <a href="/">root</a> <a href="//cdn.example.com/x.js">cdn</a>
                <a href="mailto:docs@example.org">mail</a> <a href=" padded.html ">padded</a> <a href="a b.html">space</a>
                <a href="caf&eacute;.html">accent</a> <a href="back\\slash.html">backslash</a>
                <map><area href="../outside.html"></map>
                """, UTF_8);
        Files.writeString(dir.resolve("api/java.base/java/lang/Object.html"), """
                <!doctype html><base href="../../../"><title>Object</title>
                <a href="java.base/java/lang/String.html#method()">String</a> <a href="../index.html">up</a>
                <a href="./java.base/./java/../java/lang/Class.html">class</a> <a href="%2e%2e/x.html?q='1'">escaped</a>
                <a href="HTTPS://Example.COM:443/A?B">loud</a> <a href="http://example.com:8080/a">port</a>
                """, UTF_8);
        Tally tally = checkTree(dir);
        System.err.println("LinkResolverCorpusTest, small pages: " + tally);
        assertEquals(2, tally.pages);
        assertTrue(tally.fast > 0 && tally.fast < tally.hrefs, tally::toString);
    }

    private static Tally checkTree(Path root) throws IOException {
        Tally tally = new Tally();
        DocPages.forEach(root, (page, document) -> {
            Set<String> hrefs = DocPages.hrefs(document).collect(Collectors.toCollection(LinkedHashSet::new));
            HttpUrl base = DocPages.base(page, document);
            for (HttpUrl against : base.equals(page) ? List.of(page) : List.of(page, base)) {
                LinkResolver resolver = new LinkResolver(against);
                for (String href : hrefs) {
                    check(resolver, against, href, tally, page);
                    int hash = href.indexOf('#');
                    if (hash >= 0) {
                        check(resolver, against, href.substring(0, hash), tally, page);
                    }
                }
            }
            tally.pages++;
        });
        return tally;
    }

    private static void check(LinkResolver resolver, HttpUrl base, String href, Tally tally, HttpUrl page) {
        String expected = LinkResolverTest.reference(base, href);
        String fast = resolver.fastKey(href);
        if (fast != null) {
            tally.fast++;
            assertEquals(expected, fast == LinkResolver.NO_LINK ? null : fast,
                    () -> page + ": base " + base + ", href " + Gen.literal(href));
        }
        assertEquals(expected, resolver.key(href), () -> page + ": base " + base + ", href " + Gen.literal(href));
        tally.hrefs++;
    }
}
