package dev.trawl.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.Connection;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Puts every exchange the HTTP client makes into the archive: an OkHttp network interceptor, so it
 * sees the request as sent (Host, Accept-Encoding and all) and the response before content decoding.
 * The body is copied as the crawl reads it; what the crawl leaves unread (an image, an error page,
 * the rest of a page too large) is read here when the response is closed, up to the limit, so the
 * archive holds bodies of every type. The exchange is archived once, when the response is closed.
 */
public final class ExchangeRecorder implements Interceptor {
    private final Consumer<Exchange> archive;
    private final long limit;
    private final Clock clock;
    private final Function<HttpUrl, Optional<EarlierCapture>> earlier;

    /**
     * @param archive where each exchange goes once its response is closed, on the thread that closed it
     * @param limit   most body bytes archived per response ({@code --max-bytes}); a longer body is cut there
     * @param earlier the URL's capture in an earlier run, when the crawl has a state (else always empty)
     */
    public ExchangeRecorder(Consumer<Exchange> archive, long limit, Clock clock,
            Function<HttpUrl, Optional<EarlierCapture>> earlier) {
        this.archive = archive;
        this.limit = limit;
        this.clock = clock;
        this.earlier = earlier;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        // To the millisecond, as the state keeps the date a later revisit refers to.
        Instant started = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Request request = chain.request();
        InetAddress address = address(chain.connection());
        Response response = chain.proceed(request);
        String version = response.protocol() == Protocol.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1";
        String target = request.url().encodedPath()
                + (request.url().encodedQuery() == null ? "" : "?" + request.url().encodedQuery());
        Exchange head = new Exchange(started, request.url().uri(), address, version, request.method(), target,
                pairs(request.headers()), response.code(), response.message(), archived(response.headers()),
                new byte[0], null,
                // Only a 2xx or a 304 can stand for an earlier capture: no state lookup for the others.
                response.isSuccessful() || response.code() == 304 ? earlier.apply(request.url()).orElse(null) : null);
        ResponseBody body = response.body();
        Capture capture = new Capture(body.source(), head);
        return response.newBuilder()
                .body(ResponseBody.create(Okio.buffer(capture), body.contentType(), body.contentLength()))
                .build();
    }

    private static InetAddress address(Connection connection) {
        if (connection == null) {
            return null;
        }
        InetSocketAddress socket = connection.route().socketAddress();
        return socket.isUnresolved() ? null : socket.getAddress();
    }

    private static List<String[]> pairs(Headers headers) {
        List<String[]> pairs = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            pairs.add(new String[] {headers.name(i), headers.value(i)});
        }
        return pairs;
    }

    /**
     * The response's headers as received but Transfer-Encoding: the client undoes chunking before
     * anything can copy the body, and a record whose headers said "chunked" over a body that is not
     * would not replay.
     */
    private static List<String[]> archived(Headers headers) {
        List<String[]> pairs = pairs(headers);
        pairs.removeIf(pair -> pair[0].toLowerCase(Locale.ROOT).equals("transfer-encoding"));
        return pairs;
    }

    /** The body's source, copying what passes through, up to the limit. */
    private final class Capture extends ForwardingSource {
        private final Exchange head;
        private final Buffer copy = new Buffer();
        private Exchange.Truncation truncated;
        private boolean exhausted;
        private boolean archived;

        Capture(BufferedSource source, Exchange head) {
            super(source);
            this.head = head;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            long read;
            try {
                read = super.read(sink, byteCount);
            } catch (IOException e) {
                truncated = e instanceof InterruptedIOException ? Exchange.Truncation.TIME : Exchange.Truncation.DISCONNECT;
                throw e;
            }
            if (read == -1) {
                exhausted = true;
            } else {
                keep(sink, sink.size() - read, read);
            }
            return read;
        }

        private void keep(Buffer source, long offset, long count) {
            long room = limit - copy.size();
            if (count > room) {
                truncated = Exchange.Truncation.LENGTH;
            }
            if (room > 0) {
                source.copyTo(copy, offset, Math.min(room, count));
            }
        }

        @Override
        public void close() throws IOException {
            try {
                drain();
            } finally {
                archive();
                super.close();
            }
        }

        /** Reads what the crawl left unread, up to the limit and one byte more (to know whether it was cut). */
        private void drain() {
            Buffer scratch = new Buffer();
            try {
                while (!exhausted && truncated == null) {
                    long read = super.read(scratch, 64 * 1024);
                    if (read == -1) {
                        exhausted = true;
                    } else {
                        keep(scratch, 0, read);
                        scratch.clear();
                    }
                }
            } catch (IOException e) {
                truncated = e instanceof InterruptedIOException ? Exchange.Truncation.TIME : Exchange.Truncation.DISCONNECT;
            }
        }

        private void archive() {
            if (archived) {
                return;
            }
            archived = true;
            archive.accept(new Exchange(head.started(), head.uri(), head.address(), head.version(), head.method(),
                    head.requestTarget(), head.requestHeaders(), head.status(), head.reason(), head.responseHeaders(),
                    copy.readByteArray(), truncated, head.earlier()));
        }
    }
}
