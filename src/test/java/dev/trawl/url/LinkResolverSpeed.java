package dev.trawl.url;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Not a test: prints the CPU time that resolving every link of a documentation tree
 * takes with {@code UrlNormalizer.resolve} + {@code key} and with a {@link LinkResolver} per page, the hrefs
 * held in memory (collected with jsoup as LinkResolverCorpusTest does, cut at '#' as the extractor
 * does). Five rounds of each, interleaved, and the median ratio: figures from a busy machine
 * vary from round to round, the ratio less. Run after
 * {@code ./mvnw test-compile} with
 * {@code target/java -cp target/classes:target/test-classes:<dependencies> dev.trawl.url.LinkResolverSpeed [dir]}
 * (default /usr/share/doc/openjdk-17-doc/api), and with {@code -XX:TieredStopAtLevel=1} for the
 * launcher's JIT.
 */
public final class LinkResolverSpeed {
    private static final int ROUNDS = 5;
    /** CPU time, not wall time: the machines this runs on are shared, and waiting for a core is not the work's. */
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    private record Page(HttpUrl base, String[] hrefs) {
    }

    private LinkResolverSpeed() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "/usr/share/doc/openjdk-17-doc/api");
        List<Page> pages = load(root);
        long hrefs = pages.stream().mapToLong(page -> page.hrefs().length).sum();
        System.out.printf(Locale.ROOT, "%s: %,d pages, %,d hrefs%n", root, pages.size(), hrefs);
        double[] ratios = new double[ROUNDS];
        for (int round = 1; round <= ROUNDS; round++) {
            long old = time(pages, false);
            long resolver = time(pages, true);
            ratios[round - 1] = (double) resolver / old;
            System.out.printf(Locale.ROOT, "round %d  CPU: UrlNormalizer %,6d ms (%,5d ns/href)   LinkResolver %,6d ms (%,5d ns/href)"
                    + "   (x%.2f)%n", round, old / 1_000_000, old / hrefs, resolver / 1_000_000, resolver / hrefs,
                    ratios[round - 1]);
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "median LinkResolver / UrlNormalizer: x%.2f%n", ratios[ROUNDS / 2]);
    }

    private static long time(List<Page> pages, boolean withResolver) {
        long start = THREAD.getCurrentThreadCpuTime();
        long length = 0;
        for (Page page : pages) {
            if (withResolver) {
                LinkResolver resolver = new LinkResolver(page.base());
                for (String href : page.hrefs()) {
                    String key = resolver.key(href);
                    length += key == null ? 0 : key.length();
                }
            } else {
                for (String href : page.hrefs()) {
                    length += UrlNormalizer.resolve(page.base(), href).map(UrlNormalizer::key).orElse("").length();
                }
            }
        }
        long elapsed = THREAD.getCurrentThreadCpuTime() - start;
        if (length == 0) {
            throw new IllegalStateException("no link resolved");
        }
        return elapsed;
    }

    private static List<Page> load(Path root) throws IOException {
        List<Page> pages = new ArrayList<>();
        DocPages.forEach(root, (page, document) -> pages.add(
                new Page(DocPages.base(page, document), DocPages.hrefs(document).map(LinkResolverSpeed::beforeFragment)
                        .toArray(String[]::new))));
        return pages;
    }

    private static String beforeFragment(String href) {
        int hash = href.indexOf('#');
        return hash < 0 ? href : href.substring(0, hash);
    }
}
