package dev.trawl.fetch;

import dev.trawl.page.PageError;
import java.util.List;
import okhttp3.HttpUrl;

/** What fetching one URL produced, after redirects and retries. */
public sealed interface FetchResult {

    /** Where the fetch ended (the last URL requested, or a redirect target not followed). */
    HttpUrl finalUrl();

    /** Requests made for the final URL, retries included. */
    int attempts();

    /** The same result, counting {@code count} requests. */
    default FetchResult withAttempts(int count) {
        return switch (this) {
            case Fetched f -> new Fetched(f.finalUrl(), f.status(), f.contentType(), f.charsetHint(), f.body(), count,
                    f.robotsTags(), f.validators());
            case NotModified n -> new NotModified(n.finalUrl(), count, n.validators());
            case Redirected r -> new Redirected(r.finalUrl(), r.status(), count);
            case Failed f -> new Failed(f.finalUrl(), f.status(), f.contentType(), f.error(), count);
        };
    }

    /**
     * A 2xx response.
     *
     * @param body       the body, or null when it was not read (not a type the crawl parses)
     * @param robotsTags the X-Robots-Tag header values
     * @param validators the ETag and Last-Modified to send next time
     */
    record Fetched(HttpUrl finalUrl, int status, String contentType, String charsetHint, Body body, int attempts,
            List<String> robotsTags, Validators validators) implements FetchResult {

        public Fetched {
            robotsTags = List.copyOf(robotsTags);
        }

        /** A response without X-Robots-Tag or validator headers. */
        public Fetched(HttpUrl finalUrl, int status, String contentType, String charsetHint, Body body, int attempts) {
            this(finalUrl, status, contentType, charsetHint, body, attempts, List.of(), Validators.NONE);
        }
    }

    /** A 304 answer to a conditional request: the page is as it was at the last fetch. Not an error. */
    record NotModified(HttpUrl finalUrl, int attempts, Validators validators) implements FetchResult {
    }

    /** A redirect the crawl chose not to follow; {@code finalUrl} is its target. Not an error. */
    record Redirected(HttpUrl finalUrl, int status, int attempts) implements FetchResult {
    }

    /** No usable page: a failed request, an error status, a broken limit, a refused hop. */
    record Failed(HttpUrl finalUrl, Integer status, String contentType, PageError error, int attempts)
            implements FetchResult {
    }
}
