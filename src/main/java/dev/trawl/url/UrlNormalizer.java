package dev.trawl.url;

import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The one definition of "the same URL" in a crawl. Parsing follows the WHATWG URL rules as OkHttp
 * implements them (lenient like a browser, so real-world hrefs with spaces or stray characters
 * still resolve): scheme and host lower-cased, IDN hosts in punycode, default port dropped,
 * {@code .} and {@code ..} segments resolved. The fragment is removed because it never reaches the
 * server. Everything else, query included, is kept as written.
 */
public final class UrlNormalizer {
    private UrlNormalizer() {
    }

    /** Parses an absolute http(s) URL; empty for anything else (other schemes, relative, junk). */
    public static Optional<HttpUrl> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        HttpUrl parsed = HttpUrl.parse(url.strip());
        return Optional.ofNullable(parsed).map(UrlNormalizer::withoutFragment);
    }

    /** Resolves a link against a base; empty when the result is not an http(s) URL. */
    public static Optional<HttpUrl> resolve(HttpUrl base, String href) {
        if (href == null) {
            return Optional.empty();
        }
        HttpUrl resolved = base.resolve(href.strip());
        return Optional.ofNullable(resolved).map(UrlNormalizer::withoutFragment);
    }

    /** The normalized string form used for de-duplication and in records. */
    public static String key(HttpUrl url) {
        return withoutFragment(url).toString();
    }

    private static HttpUrl withoutFragment(HttpUrl url) {
        return url.fragment() == null ? url : url.newBuilder().fragment(null).build();
    }
}
