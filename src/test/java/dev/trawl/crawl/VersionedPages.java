package dev.trawl.crawl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.MockResponse;

/**
 * Pages of a {@link FakeSite} whose body is {@code content.get(path)}, with an ETag derived from it: a
 * matching If-None-Match gets a 304, a path without content a 404. The If-None-Match each path was
 * last asked with is kept.
 */
final class VersionedPages {
    final Map<String, String> content = new ConcurrentHashMap<>();
    final Map<String, String> ifNoneMatch = new ConcurrentHashMap<>();

    void route(FakeSite site, String path) {
        site.route(path, request -> {
            String body = content.get(path);
            if (body == null) {
                return new MockResponse.Builder().code(404).build();
            }
            String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
            String asked = request.getHeaders().get("If-None-Match");
            if (asked != null) {
                ifNoneMatch.put(path, asked);
            }
            if (etag.equals(asked)) {
                return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
            }
            return new MockResponse.Builder().addHeader("Content-Type", "text/html").addHeader("ETag", etag)
                    .body(body).build();
        });
    }
}
