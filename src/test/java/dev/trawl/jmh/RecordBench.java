package dev.trawl.jmh;

import dev.trawl.output.RecordEncoder;
import dev.trawl.page.PageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/** Encoding one page record as a JSON line, which the crawler does once per URL. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RecordBench {
    @Param({"10", "50"})
    public int links;

    private final RecordEncoder encoder = new RecordEncoder();
    private PageRecord record;

    @Setup
    public void setup() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < links; i++) {
            urls.add(i % 5 == 4 ? "https://en.wikipedia.org/wiki/HTTP_persistent_connection?x=" + i
                    : "https://blog.example.com/2024/0" + (1 + i % 9) + "/keep-alive-and-connection-reuse-" + i);
        }
        record = new PageRecord(
                "https://blog.example.com/2024/05/connection-pooling",
                "https://blog.example.com/2024/05/connection-pooling",
                200, 3, "https://blog.example.com/tags/networking/",
                "Connection pooling in HTTP clients — what it saves and what it costs | Example Engineering",
                urls, "text/html", 10_843L, 1, 87L, Instant.parse("2024-05-14T09:00:00.123Z"), null,
                "https://blog.example.com/2024/05/connection-pooling",
                "How HTTP clients reuse connections, why a pool of idle keep-alive connections saves a TLS "
                        + "handshake per request, and when it bites: stale sockets, per-host limits and DNS.",
                List.of("max-image-preview:large"), null, null, null, false, null);
    }

    @Benchmark
    public byte[] encode() {
        return encoder.encode(record);
    }
}
