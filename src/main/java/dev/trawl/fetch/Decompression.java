package dev.trawl.fetch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.GzipSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.brotli.dec.BrotliInputStream;

/**
 * Content-Encoding {@code br} and {@code gzip}, decoded as the body is read. Asks for both
 * ({@code Accept-Encoding: br, gzip}) unless the request already says what it accepts.
 *
 * <p>Setting Accept-Encoding turns OkHttp's own transparent gzip off, so gzip is decoded here too.
 * A response in br or gzip is decoded whoever asked for it (a user's {@code -H 'Accept-Encoding: gzip'}
 * still yields a readable page); stacked encodings ({@code gzip, br}) are undone in reverse order;
 * any other encoding is passed through untouched, headers included.
 *
 * <p>Nothing is buffered: the caller reads decoded bytes as they are inflated, so its size limit
 * counts decoded bytes and stops a decompression bomb after the limit, not after the bomb. The
 * decoded response has no Content-Encoding and no Content-Length (the decoded length is unknown).
 */
public final class Decompression implements Interceptor {
    static final String ACCEPT_ENCODING = "br, gzip";

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (request.header("Accept-Encoding") == null) {
            request = request.newBuilder().header("Accept-Encoding", ACCEPT_ENCODING).build();
        }
        return decode(chain.proceed(request));
    }

    private static Response decode(Response response) {
        List<String> codings = codings(response);
        if (codings.isEmpty() || !hasBody(response)) {
            return response;
        }
        ResponseBody body = response.body();
        BufferedSource source = body.source();
        for (int i = codings.size() - 1; i >= 0; i--) { // the last coding applied is undone first
            source = Okio.buffer(new Decoding(source, codings.get(i)));
        }
        return response.newBuilder()
                .removeHeader("Content-Encoding")
                .removeHeader("Content-Length")
                .body(ResponseBody.create(source, body.contentType(), -1L))
                .build();
    }

    /** The codings to undo, in the order applied; empty when there are none or one is unknown. */
    private static List<String> codings(Response response) {
        List<String> codings = new ArrayList<>();
        for (String header : response.headers("Content-Encoding")) {
            for (String token : header.split(",")) {
                String coding = token.strip().toLowerCase(Locale.ROOT);
                switch (coding) {
                    case "br" -> codings.add("br");
                    case "gzip", "x-gzip" -> codings.add("gzip"); // RFC 9110 8.4.1.3: x-gzip is gzip
                    case "identity", "" -> { }
                    default -> {
                        return List.of(); // cannot undo this one, so leave the body as it came
                    }
                }
            }
        }
        return codings;
    }

    /** As OkHttp decides (HEAD, 1xx, 204 and 304 have none unless framed), and not when declared empty. */
    private static boolean hasBody(Response response) {
        String length = response.header("Content-Length");
        if (response.request().method().equals("HEAD") || "0".equals(length)) {
            return false;
        }
        int code = response.code();
        boolean bodiless = code >= 100 && code < 200 || code == 204 || code == 304;
        return !bodiless || length != null || "chunked".equalsIgnoreCase(response.header("Transfer-Encoding"));
    }

    /**
     * One coding undone. The decoder is made on the first read: the brotli decoder reads the stream
     * header when constructed, and a body nobody reads (an error page) should cost nothing. An empty
     * encoded body decodes to an empty body, as browsers have it, rather than failing as truncated.
     */
    private static final class Decoding implements Source {
        private final BufferedSource encoded;
        private final String coding;
        private Source decoded;

        Decoding(BufferedSource encoded, String coding) {
            this.encoded = encoded;
            this.coding = coding;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            if (decoded == null) {
                if (encoded.exhausted()) {
                    return -1;
                }
                decoded = coding.equals("br")
                        ? Okio.source(new BrotliInputStream(encoded.inputStream()))
                        : new GzipSource(encoded);
            }
            return decoded.read(sink, byteCount);
        }

        @Override
        public Timeout timeout() {
            return encoded.timeout();
        }

        @Override
        public void close() throws IOException {
            (decoded != null ? decoded : encoded).close(); // a decoder closes what it reads from
        }
    }
}
