package dev.trawl.fetch;

import dev.trawl.page.ErrorType;
import dev.trawl.page.PageError;
import java.io.IOException;
import java.util.Locale;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * One GET (or HEAD) request under one deadline. The client's call timeout covers connect, headers and the
 * whole body, so a server dripping bytes cannot hold a fetcher past it. The body is read to
 * max+1 bytes, so {@code too_large} is exact and memory stays bounded whatever the server sends.
 */
final class HttpAttempt {
    private static final String ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";

    private final OkHttpClient client;
    private final String userAgent;
    private final RequestHeaders headers;

    HttpAttempt(OkHttpClient client, String userAgent, RequestHeaders headers) {
        this.client = client;
        this.userAgent = userAgent;
        this.headers = headers;
    }

    AttemptResult execute(HttpUrl url, Method method, BodyPolicy policy, Validators conditional) {
        Request.Builder builder = new Request.Builder()
                .url(url)
                .method(method.name(), null)
                .header("User-Agent", userAgent)
                .header("Accept", ACCEPT);
        headers.apply(builder, url); // after trawl's own, so the user's -H can replace them
        if (conditional.etag() != null) {
            builder.header("If-None-Match", conditional.etag());
        }
        if (conditional.lastModified() != null) {
            builder.header("If-Modified-Since", conditional.lastModified());
        }
        Request request = builder.build();
        Call call = client.newCall(request);
        Integer status = null;
        String contentType = null;
        try (Response response = call.execute()) {
            status = response.code();
            String header = response.header("Content-Type");
            contentType = mediaType(header);
            Body body = null;
            if (response.isSuccessful() && policy.readIf().test(contentType)) {
                body = read(response.body(), policy);
                if (body == null) {
                    return new AttemptResult.Failure(status, contentType, PageError.of(ErrorType.TOO_LARGE,
                            "body larger than " + policy.maxBytes() + " bytes"));
                }
            }
            return new AttemptResult.Response(status, contentType, header, response.header("Location"),
                    response.header("Retry-After"), body, response.headers("X-Robots-Tag"),
                    new Validators(response.header("ETag"), response.header("Last-Modified")));
        } catch (IOException | RuntimeException e) {
            // OkHttp reports some protocol violations (bad status line, bad chunk) as unchecked exceptions.
            return new AttemptResult.Failure(status, contentType, ErrorClassifier.classify(e));
        }
    }

    /** The body, or null when it is larger than the limit and the policy does not truncate. */
    private static Body read(ResponseBody responseBody, BodyPolicy policy) throws IOException {
        long limit = policy.maxBytes();
        long declared = responseBody.contentLength();
        if (declared > limit && !policy.truncate()) {
            return null;
        }
        BufferedSource source = responseBody.source();
        Buffer buffer = new Buffer();
        while (buffer.size() <= limit) {
            long read = source.read(buffer, Math.min(64 * 1024, limit + 1 - buffer.size()));
            if (read == -1) {
                break;
            }
        }
        if (buffer.size() > limit) {
            if (!policy.truncate()) {
                return null;
            }
            byte[] bytes = buffer.readByteArray(limit);
            return new Body(bytes, bytes.length);
        }
        byte[] bytes = buffer.readByteArray();
        return new Body(bytes, bytes.length);
    }

    private static String mediaType(String header) {
        if (header == null) {
            return null;
        }
        MediaType parsed = MediaType.parse(header);
        if (parsed != null) {
            return (parsed.type() + "/" + parsed.subtype()).toLowerCase(Locale.ROOT);
        }
        int semicolon = header.indexOf(';');
        String bare = (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return bare.isEmpty() ? null : bare;
    }
}
