package dev.trawl.jmh;

import dev.trawl.extract.Extraction;
import dev.trawl.extract.PageExtractor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Extracting title, links, canonical, description and robots directives from one fetched page, as
 * the crawler does for every HTML response. {@code jsoupParse} is the share of it that is jsoup's:
 * decoding the bytes and building the tree, without the traversal and the link resolution.
 *
 * <p>Pages ({@link Pages}): {@code typical} a 10.6 KB blog article with a full head and 51 anchors
 * (44 distinct http(s) links); {@code benchsite} page 1234 of the synthetic benchmark site
 * ({@code site_server.go}, same bytes), 7.2 KB with 10 links in mixed forms (11 distinct);
 * {@code large} the blog article grown to 1 MB, 3,528 distinct links.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ExtractBench {
    private static final String CONTENT_TYPE = "text/html; charset=utf-8";

    @Param({"typical", "benchsite", "large"})
    public String page;

    private final PageExtractor extractor = new PageExtractor();
    private byte[] body;
    private HttpUrl url;

    @Setup
    public void setup() {
        Pages.Page input = Pages.named(page);
        body = input.body();
        url = HttpUrl.get(input.url());
        if (extract().links().isEmpty()) {
            throw new IllegalStateException(page + ": the fixture yields no links");
        }
    }

    @Benchmark
    public Extraction extract() {
        return extractor.extract(body, body.length, CONTENT_TYPE, url);
    }

    @Benchmark
    public Document jsoupParse() {
        return Parser.htmlParser().parseInput(new String(body, StandardCharsets.UTF_8), url.toString());
    }
}
