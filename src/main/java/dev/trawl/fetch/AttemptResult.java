package dev.trawl.fetch;

import dev.trawl.page.PageError;
import java.util.List;

/** What one HTTP request produced. */
public sealed interface AttemptResult {

    /**
     * A response, its body read as far as the policy allows.
     *
     * @param status      HTTP status
     * @param contentType media type without parameters, lower case; null when absent
     * @param charsetHint the full Content-Type header, for charset detection; null when absent
     * @param location    the Location header, or null
     * @param retryAfter  the Retry-After header, or null
     * @param body        the body, or null when it was not read (error status or not HTML)
     * @param robotsTags  the X-Robots-Tag header values, in order
     * @param validators  the ETag and Last-Modified headers
     */
    record Response(int status, String contentType, String charsetHint, String location, String retryAfter, Body body,
            List<String> robotsTags, Validators validators) implements AttemptResult {

        public Response {
            robotsTags = List.copyOf(robotsTags);
        }

        /** A response without X-Robots-Tag or validator headers. */
        public Response(int status, String contentType, String charsetHint, String location, String retryAfter, Body body) {
            this(status, contentType, charsetHint, location, retryAfter, body, List.of(), Validators.NONE);
        }
    }

    /**
     * No usable response: the request failed, or its body broke a limit.
     *
     * @param status      the status if headers arrived before the failure, else null
     * @param contentType media type if headers arrived, else null
     * @param error       what went wrong
     */
    record Failure(Integer status, String contentType, PageError error) implements AttemptResult {
    }
}
