package dev.trawl.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DecompressionTest {
    /** {@code <html>...decoded from br...</html>} as {@code brotli -q 11} (1.0.9) encodes it. */
    private static final String BROTLI_TEXT =
            "<html><head><title>Brotli</title></head><body>decoded from br</body></html>";
    private static final byte[] BROTLI = bytes(-95, 80, 2, -64, 34, 122, -61, -13, 116, 60, 107, -121, -21, 20,
            69, -111, 18, 112, -56, -127, -53, 41, -64, -60, -77, -26, 113, -80, 1, 7, -104, -55, 9, 47, -80, -63,
            -127, -4, 105, -114, 16, 74, 111, -65, 11, -62, -62, 77, 15, -111, -65, 113, -20, 58);
    /** {@code gzip inside brotli}: {@code gzip -n -9 | brotli -q 11}, i.e. Content-Encoding: gzip, br. */
    private static final byte[] GZIP_THEN_BROTLI = bytes(-113, 18, -128, 31, -117, 8, 0, 0, 0, 0, 0, 2, 3, 75, -81,
            -54, 44, 80, -56, -52, 43, -50, 76, 73, 85, 72, 42, -54, 47, -55, -55, 4, 0, 13, -55, -33, 71, 18, 0, 0,
            0, 3);
    /** A reader's limit in these tests: the caller's max-bytes. */
    private static final long CAP = 1024 * 1024;

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient client = HttpClientFactory.create(Duration.ofSeconds(20), 4, RequestOptions.none());

    @AfterEach
    void closeClient() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static Buffer gzip(String text) throws IOException {
        Buffer compressed = new Buffer();
        try (BufferedSink sink = Okio.buffer(new GzipSink(compressed))) {
            sink.writeUtf8(text);
        }
        return compressed;
    }

    private static MockResponse encoded(String encoding, Buffer body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/html; charset=utf-8")
                .addHeader("Content-Encoding", encoding).body(body).build();
    }

    private Response get(String path) throws IOException {
        return client.newCall(new Request.Builder().url(server.url(path)).build()).execute();
    }

    @Test
    void asksForBrotliAndGzip() throws Exception {
        server.enqueue(new MockResponse.Builder().body("plain").build());
        try (Response response = get("/")) {
            assertEquals("plain", response.body().string());
        }
        assertEquals("br, gzip", server.takeRequest().getHeaders().get("Accept-Encoding"));
    }

    @Test
    void decodesBrotli() throws Exception {
        server.enqueue(encoded("br", new Buffer().write(BROTLI)));
        try (Response response = get("/")) {
            assertNull(response.header("Content-Encoding"));
            assertNull(response.header("Content-Length"));
            assertEquals(-1, response.body().contentLength());
            assertEquals("text/html; charset=utf-8", String.valueOf(response.body().contentType()));
            assertEquals(BROTLI_TEXT, response.body().string());
        }
    }

    @Test
    void decodesGzipItselfBecauseOkHttpNoLongerDoes() throws Exception {
        server.enqueue(encoded("gzip", gzip("zipped")));
        try (Response response = get("/")) {
            assertNull(response.header("Content-Encoding"));
            assertNull(response.header("Content-Length"));
            assertEquals("zipped", response.body().string());
        }
    }

    @Test
    void encodingNamesAreCaseInsensitiveAndXGzipIsGzip() throws Exception {
        server.enqueue(encoded("X-GZIP", gzip("old name")));
        server.enqueue(encoded("BR", new Buffer().write(BROTLI)));
        try (Response response = get("/a")) {
            assertEquals("old name", response.body().string());
        }
        try (Response response = get("/b")) {
            assertEquals(BROTLI_TEXT, response.body().string());
        }
    }

    @Test
    void undoesStackedEncodingsLastFirst() throws Exception {
        server.enqueue(encoded("gzip, br", new Buffer().write(GZIP_THEN_BROTLI)));
        try (Response response = get("/")) {
            assertNull(response.header("Content-Encoding"));
            assertEquals("gzip inside brotli", response.body().string());
        }
    }

    @Test
    void identityIsPassedThroughWithItsLength() throws Exception {
        server.enqueue(new MockResponse.Builder().body("as is").build());
        server.enqueue(encoded("identity", new Buffer().writeUtf8("said so")));
        try (Response response = get("/a")) {
            assertEquals("5", response.header("Content-Length"));
            assertEquals("as is", response.body().string());
        }
        try (Response response = get("/b")) {
            assertEquals("said so", response.body().string());
        }
    }

    @Test
    void unknownEncodingIsPassedThroughUntouched() throws Exception {
        byte[] opaque = {40, -75, 47, -3, 0, 1, 2, 3};
        server.enqueue(encoded("zstd", new Buffer().write(opaque)));
        server.enqueue(encoded("gzip, zstd", new Buffer().write(opaque)));
        try (Response response = get("/a")) {
            assertEquals("zstd", response.header("Content-Encoding"));
            assertEquals("8", response.header("Content-Length"));
            assertArrayEquals(opaque, response.body().bytes());
        }
        try (Response response = get("/b")) {
            assertEquals("gzip, zstd", response.header("Content-Encoding"), "one unknown coding: nothing undone");
            assertArrayEquals(opaque, response.body().bytes());
        }
    }

    @Test
    void keepsTheRequestsOwnAcceptEncodingAndStillDecodes() throws Exception {
        server.enqueue(encoded("gzip", gzip("asked for gzip only")));
        Request request = new Request.Builder().url(server.url("/")).header("Accept-Encoding", "gzip").build();
        try (Response response = client.newCall(request).execute()) {
            assertEquals("asked for gzip only", response.body().string());
        }
        assertEquals("gzip", server.takeRequest().getHeaders().get("Accept-Encoding"));
    }

    @Test
    void emptyBodiesAreEmptyNotTruncated() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).addHeader("Content-Encoding", "gzip").build());
        server.enqueue(encoded("br", new Buffer()));
        server.enqueue(new MockResponse.Builder().addHeader("Content-Encoding", "gzip").chunkedBody("", 16).build());
        for (String path : new String[] {"/no-content", "/zero-length", "/empty-chunked"}) {
            try (Response response = get(path)) {
                assertEquals("", response.body().string(), path);
            }
        }
    }

    @Test
    void headResponseIsNotDecoded() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Encoding", "br").build());
        Request head = new Request.Builder().url(server.url("/")).head().build();
        try (Response response = client.newCall(head).execute()) {
            assertEquals("br", response.header("Content-Encoding"));
            assertEquals(0, response.body().bytes().length);
        }
    }

    @Test
    void corruptBrotliFailsWithAnIOException() throws Exception {
        byte[] truncated = Arrays.copyOf(BROTLI, BROTLI.length / 2);
        server.enqueue(encoded("br", new Buffer().write(truncated)));
        try (Response response = get("/")) {
            assertThrows(IOException.class, () -> response.body().string());
        }
    }

    @Test
    void corruptGzipFailsWithAnIOException() throws Exception {
        Buffer zipped = gzip("some text that will be cut short");
        server.enqueue(encoded("gzip", new Buffer().write(zipped.readByteArray(zipped.size() - 6))));
        try (Response response = get("/")) {
            assertThrows(IOException.class, () -> response.body().string());
        }
    }

    @Test
    void gzipBombStopsAtTheReadersLimit() throws Exception {
        Buffer bomb = gzipOfZeros(1024, 1024 * 1024); // 1 GiB of zeros in about 1 MB
        long bombSize = bomb.size();
        server.enqueue(encoded("gzip", bomb));
        AtomicLong compressedRead = new AtomicLong();
        OkHttpClient counting = client.newBuilder().addNetworkInterceptor(chain -> countBody(chain.proceed(
                chain.request()), compressedRead)).build();
        try (Response response = counting.newCall(new Request.Builder().url(server.url("/")).build()).execute()) {
            assertEquals(CAP + 1, readCapped(response.body()));
        }
        // Inflating the whole bomb means reading all of it: what was read shows what was decoded.
        assertTrue(compressedRead.get() < bombSize / 10,
                "read " + compressedRead.get() + " of " + bombSize + " compressed bytes");
    }

    /**
     * 1 GiB of zeros, brotli-compressed to 809 bytes:
     * {@code head -c 1073741824 /dev/zero | brotli -q 5 -c > zeros-1GiB.br} (brotli 1.0.9). All of it
     * arrives in the first read, so what was read says nothing here; the work done does. Decoding
     * the whole bomb costs 2.3 to 3.3 s of CPU (measured on the 2-CPU CI machine); reading to the
     * limit, about a tenth of a second. The reader's CPU time, not the time on the clock: a loaded
     * machine makes the thread wait for a CPU, which the clock counts and CPU time does not.
     */
    @Test
    void brotliBombStopsAtTheReadersLimit() throws Exception {
        byte[] bomb;
        try (InputStream in = DecompressionTest.class.getResourceAsStream("zeros-1GiB.br")) {
            bomb = in.readAllBytes();
        }
        server.enqueue(encoded("br", new Buffer().write(bomb)));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        try (Response response = get("/")) {
            assertEquals(CAP + 1, readCapped(response.body()));
        }
        Duration cpu = Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpuBefore);
        assertTrue(cpu.compareTo(Duration.ofSeconds(1)) < 0, "decoding took " + cpu + " of CPU");
    }

    @Test
    void theBombsAreWhatTheySay() throws Exception {
        // Keeps the bomb tests honest: the gzip bomb's construction yields a valid stream of the stated
        // size (checked on 64 MiB: decoding 1 GiB takes seconds); the brotli bomb is the file made as
        // described above.
        try (InputStream in = DecompressionTest.class.getResourceAsStream("zeros-1GiB.br")) {
            assertEquals(809, in.readAllBytes().length);
        }
        try (InputStream decoded = new GZIPInputStream(gzipOfZeros(64, 1024 * 1024).inputStream(), 1 << 16)) {
            long total = 0;
            byte[] sink = new byte[1 << 20];
            for (int read; (read = decoded.read(sink)) != -1; ) {
                total += read;
            }
            assertEquals(64L * 1024 * 1024, total); // the trailer's CRC and length are checked at the end
        }
    }

    /** Reads as a size-limited caller does: stops once more than {@link #CAP} bytes have arrived. */
    private static long readCapped(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        Buffer sink = new Buffer();
        long total = 0;
        while (total <= CAP) {
            long read = source.read(sink, Math.min(64 * 1024, CAP + 1 - total));
            if (read == -1) {
                break;
            }
            total += read;
            sink.clear();
        }
        return total;
    }

    /** Counts the bytes read from the network, below the decoder. */
    private static Response countBody(Response response, AtomicLong count) {
        ResponseBody body = response.body();
        ForwardingSource counting = new ForwardingSource(body.source()) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                long read = super.read(sink, byteCount);
                if (read > 0) {
                    count.addAndGet(read);
                }
                return read;
            }
        };
        return response.newBuilder()
                .body(ResponseBody.create(Okio.buffer(counting), body.contentType(), body.contentLength()))
                .build();
    }

    /**
     * {@code chunks × chunkSize} zeros as gzip, built without compressing all of it: one chunk is
     * deflated with a full flush (so it refers to nothing before it) and repeated, then the final
     * empty block and the trailer follow.
     */
    static Buffer gzipOfZeros(int chunks, int chunkSize) {
        byte[] zeros = new byte[chunkSize];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(zeros);
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        byte[] out = new byte[64 * 1024];
        int written;
        do {
            written = deflater.deflate(out, 0, out.length, Deflater.FULL_FLUSH);
            chunk.write(out, 0, written);
        } while (written == out.length || !deflater.needsInput());
        deflater.end();
        byte[] deflated = chunk.toByteArray();
        CRC32 crc = new CRC32();
        Buffer gzip = new Buffer().write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 0xff});
        for (int i = 0; i < chunks; i++) {
            gzip.write(deflated);
            crc.update(zeros);
        }
        gzip.write(new byte[] {3, 0}); // a final, empty block with fixed codes
        gzip.writeIntLe((int) crc.getValue());
        gzip.writeIntLe((int) ((long) chunks * chunkSize)); // ISIZE is the length mod 2^32
        return gzip;
    }
}
