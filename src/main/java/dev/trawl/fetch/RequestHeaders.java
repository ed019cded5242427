package dev.trawl.fetch;

import dev.trawl.config.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The user's request headers ({@code -H}, {@code --cookie}), added to every request trawl makes.
 *
 * <p>A user header replaces trawl's header of the same name (compared case-insensitively): asking
 * for {@code -H 'Accept: application/json'} or a different User-Agent is a deliberate choice, and
 * sending both values would leave the server to pick one. So {@link #apply} must run after
 * trawl's defaults are set. Several {@code -H} with one name are all sent, in the order given.
 * Changing User-Agent this way does not change the robots.txt agent, which comes from
 * {@code --user-agent}.
 *
 * <p>Credentials go only where the predicate allows (the engine allows the seeds' hosts), so they
 * never leak to another site that a link or redirect leads to: the {@code --cookie} value, and also
 * any {@code -H} Cookie or Authorization header, which carry the same secrets. A {@code -H} Cookie
 * and {@code --cookie} are joined into one Cookie header, as RFC 6265 asks.
 *
 * <p>Names and values are checked when constructed (OkHttp refuses line breaks and non-ASCII),
 * so a bad one fails once at start-up rather than on every request.
 */
public final class RequestHeaders {
    private final Headers everywhere;
    private final Headers credentials;
    private final Predicate<HttpUrl> credentialsAllowed;

    /** @throws IllegalArgumentException if a header name or value cannot be sent */
    public RequestHeaders(RequestOptions options, Predicate<HttpUrl> cookieAllowed) {
        this.credentialsAllowed = Objects.requireNonNull(cookieAllowed, "cookieAllowed");
        Headers.Builder open = new Headers.Builder();
        Headers.Builder secret = new Headers.Builder();
        List<String> cookies = new ArrayList<>();
        for (RequestOptions.Header header : options.headers()) {
            String name = header.name().strip();
            String value = header.value().strip();
            if (name.equalsIgnoreCase("Cookie")) {
                cookies.add(value);
            } else if (name.equalsIgnoreCase("Authorization")) {
                secret.add(name, value);
            } else {
                open.add(name, value);
            }
        }
        options.cookie().ifPresent(cookies::add);
        if (!cookies.isEmpty()) {
            secret.add("Cookie", String.join("; ", cookies));
        }
        this.everywhere = open.build();
        this.credentials = secret.build();
    }

    /** Adds the user's headers to a request for {@code url}, replacing trawl's of the same names. */
    public void apply(Request.Builder builder, HttpUrl url) {
        put(builder, everywhere);
        if (credentialsAllowed.test(url)) {
            put(builder, credentials);
        }
    }

    private static void put(Request.Builder builder, Headers headers) {
        for (String name : headers.names()) {
            builder.removeHeader(name);
            for (String value : headers.values(name)) {
                builder.addHeader(name, value);
            }
        }
    }
}
