package dev.trawl.jmh;

import dev.trawl.url.LinkResolver;
import dev.trawl.url.UrlNormalizer;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * URL resolution and normalization, which the extractor does once per distinct href of a page.
 * Times are per href, averaged over a fixed mix of the forms pages use: relative, dot segments,
 * root-relative, absolute on the same and other hosts, protocol-relative, queries, fragments, a
 * padded href and a mailto that is refused.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class UrlBench {
    private static final String[] HREFS = {
        "42.html",
        "./42.html#sec-3",
        "../p/42.html",
        "/p/42.html",
        "http://127.0.0.1:8080/p/42.html",
        "/blog/2024/05/connection-pooling?utm_source=feed&page=2",
        "https://Docs.Example.org:443/a/./b/../c/index.html?q=1#intro",
        "//cdn.example.com/media/diagram-7.svg",
        "?page=3",
        "../../archive/2019/",
        "  /padded/link.html  ",
        "mailto:webmaster@example.com",
    };
    private static final int MIX = 12;
    /** The hrefs of the mix that resolve (all but the mailto). */
    private static final int RESOLVING = 11;

    private final HttpUrl base = HttpUrl.get("http://127.0.0.1:8080/p/1234.html");
    private final LinkResolver resolver = new LinkResolver(base);
    private HttpUrl[] resolved;
    private String[] absolute;

    @Setup
    public void setup() {
        if (HREFS.length != MIX) {
            throw new IllegalStateException("MIX must be the number of hrefs");
        }
        resolved = new HttpUrl[RESOLVING];
        absolute = new String[MIX];
        int count = 0;
        for (int i = 0; i < MIX; i++) {
            HttpUrl url = base.resolve(HREFS[i].strip()); // fragments kept: key() drops them
            absolute[i] = url == null ? HREFS[i] : url.toString();
            if (url != null) {
                resolved[count++] = url;
            }
        }
        if (count != RESOLVING) {
            throw new IllegalStateException(count + " hrefs resolve, not " + RESOLVING);
        }
    }

    /** Resolve and normalize: what the extractor does per href. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void resolveAndKey(Blackhole blackhole) {
        for (String href : HREFS) {
            blackhole.consume(UrlNormalizer.resolve(base, href).map(UrlNormalizer::key).orElse(null));
        }
    }

    /**
     * The same keys from the page's {@link LinkResolver}, as the extractor gets them: the padded
     * and the upper-case hrefs of the mix take the full parse, the rest its fast path.
     */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void linkResolverKey(Blackhole blackhole) {
        for (String href : HREFS) {
            blackhole.consume(resolver.key(href));
        }
    }

    /** What a page pays once for its resolver. */
    @Benchmark
    public LinkResolver newLinkResolver() {
        return new LinkResolver(base);
    }

    @Benchmark
    @OperationsPerInvocation(MIX)
    public void resolve(Blackhole blackhole) {
        for (String href : HREFS) {
            blackhole.consume(UrlNormalizer.resolve(base, href));
        }
    }

    /** The key of an already parsed URL (the fragment, when there is one, is dropped). */
    @Benchmark
    @OperationsPerInvocation(RESOLVING)
    public void key(Blackhole blackhole) {
        for (HttpUrl url : resolved) {
            blackhole.consume(UrlNormalizer.key(url));
        }
    }

    /** Parsing the mix's URLs as absolute strings, as seeds, sitemap entries and queued URLs are read. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void parse(Blackhole blackhole) {
        for (String url : absolute) {
            blackhole.consume(UrlNormalizer.parse(url));
        }
    }

    /** A punycode host takes a second parse (the read-back check); the one slow path of resolve. */
    @Benchmark
    public Object resolveIdnHost() {
        return UrlNormalizer.resolve(base, "https://bücher.example/katalog/seite-2.html");
    }
}
