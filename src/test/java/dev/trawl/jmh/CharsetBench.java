package dev.trawl.jmh;

import dev.trawl.extract.CharsetDetector;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Charset detection before a page is decoded: from the Content-Type header (the usual case), from
 * a {@code <meta charset>} found by the prescan, and with no declaration at all, where the prescan
 * reads its whole 1024-byte window before falling back to UTF-8.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CharsetBench {
    private byte[] withMeta;
    private byte[] withoutMeta;

    @Setup
    public void setup() {
        String page = Pages.typical(Pages.TYPICAL_BYTES);
        withMeta = Pages.utf8(page);
        withoutMeta = Pages.utf8(page.replace("<meta charset=\"utf-8\">\n", ""));
        if (withMeta.length == withoutMeta.length) {
            throw new IllegalStateException("the typical page has no <meta charset> to remove");
        }
    }

    @Benchmark
    public Charset header() {
        return CharsetDetector.detect("text/html; charset=UTF-8", withMeta, withMeta.length);
    }

    @Benchmark
    public Charset metaPrescan() {
        return CharsetDetector.detect("text/html", withMeta, withMeta.length);
    }

    @Benchmark
    public Charset undeclared() {
        return CharsetDetector.detect("text/html", withoutMeta, withoutMeta.length);
    }
}
