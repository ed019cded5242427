package dev.trawl.url;

import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The one definition of "the same URL" in a crawl. Parsing follows the WHATWG URL rules as OkHttp
 * implements them (lenient like a browser, so real-world hrefs with spaces or stray characters
 * still resolve): scheme and host lower-cased, IDN hosts in punycode, default port dropped,
 * {@code .} and {@code ..} segments resolved. The fragment is removed because it never reaches the
 * server. Everything else, query included, is kept as written. A URL is only given out if its
 * normalized string parses again to itself: the crawl keeps URLs as those strings and reads them
 * back (frontier, state, page job).
 */
public final class UrlNormalizer {
    private UrlNormalizer() {
    }

    /** Parses an absolute http(s) URL; empty for anything else (other schemes, relative, junk). */
    public static Optional<HttpUrl> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String stripped = url.strip();
        if (hasOtherScheme(stripped)) {
            return Optional.empty();
        }
        HttpUrl parsed = HttpUrl.parse(stripped);
        return Optional.ofNullable(parsed).map(UrlNormalizer::withoutFragment).filter(UrlNormalizer::readsBack);
    }

    /** Resolves a link against a base; empty when the result is not an http(s) URL. */
    public static Optional<HttpUrl> resolve(HttpUrl base, String href) {
        if (href == null) {
            return Optional.empty();
        }
        String stripped = href.strip();
        if (hasOtherScheme(stripped)) {
            return Optional.empty();
        }
        HttpUrl resolved = base.resolve(stripped);
        return Optional.ofNullable(resolved).map(UrlNormalizer::withoutFragment).filter(UrlNormalizer::readsBack);
    }

    /** The normalized string form used for de-duplication and in records. */
    public static String key(HttpUrl url) {
        return withoutFragment(url).toString();
    }

    /**
     * Whether text starts with a scheme other than http(s) ({@code mailto:}, {@code javascript:}).
     * OkHttp refuses those by building an exception with its stack trace, which cost more than the
     * rest of a page's links together on pages full of mail links. Same scheme syntax as OkHttp's.
     */
    static boolean hasOtherScheme(String text) {
        int colon = schemeEnd(text, text.length());
        return colon > 0 && !isHttpScheme(text, colon);
    }

    /** The index of the ':' ending a scheme at the start of text[0..end), as OkHttp reads one; -1 if none. */
    static int schemeEnd(String text, int end) {
        if (end == 0 || !isAsciiLetter(text.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!(isAsciiLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether the scheme ending at colon is http or https, in any case. */
    static boolean isHttpScheme(String text, int colon) {
        return colon == 4 && text.regionMatches(true, 0, "http", 0, 4)
                || colon == 5 && text.regionMatches(true, 0, "https", 0, 5);
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /*
     * OkHttp turns a host label that mixes non-ASCII letters with symbols it otherwise lets through
     * ("a_é", ">é") into punycode that it then refuses to parse ("xn--a_-cja"), so such a URL would
     * reach the page job as a string nothing can read. Only punycode comes out that way, so only
     * hosts holding some pay for the second parse.
     */
    private static boolean readsBack(HttpUrl url) {
        return !url.host().contains("xn--") || HttpUrl.parse(url.toString()) != null;
    }

    private static HttpUrl withoutFragment(HttpUrl url) {
        return url.fragment() == null ? url : url.newBuilder().fragment(null).build();
    }
}
