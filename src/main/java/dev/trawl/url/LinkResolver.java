package dev.trawl.url;

import okhttp3.HttpUrl;

/**
 * Resolves a page's links against its base, straight to their normalized keys: the same string as
 * {@code UrlNormalizer.resolve(base, href).map(UrlNormalizer::key)} for every href, null where that
 * is empty. One instance per page: the base is broken up once (origin, directory, path, query), so
 * the forms real pages write — relative and root-relative paths, dot segments, queries, fragments,
 * absolute http(s) URLs with plain lower-case hosts — are resolved by copying characters, without a
 * whole {@link HttpUrl} parse and build per link.
 *
 * <p>The fast path only takes text that OkHttp's canonicalization copies unchanged (see
 * {@code okhttp3.internal.url}: paths encode {@code " "<>^`{}|\?#}, queries {@code " "'<>#}, and
 * both encode controls and non-ASCII and drop tabs and newlines; {@code %} is kept as written) and
 * follows OkHttp's path algorithm (its {@code push}/{@code pop}, with {@code %2e} spelled dots).
 * Anything else — whitespace, backslashes, user info, upper-case schemes or hosts, punycode, other
 * schemes — goes to {@link UrlNormalizer}, which stays the definition; LinkResolverTest holds the
 * two equal on generated hrefs and on every href of the installed documentation.
 */
public final class LinkResolver {
    /** What the fast path returns for an href that is not an http(s) URL. */
    static final String NO_LINK = new String("no link");

    private static final boolean[] PATH_CHARS = allowed(" \"<>^`{}|\\?#/");
    private static final boolean[] QUERY_CHARS = allowed(" \"'<>#");
    private static final int MAX_HOST = 253;
    private static final int MAX_LABEL = 63;

    private final HttpUrl base;
    /** False when the base's host holds punycode, whose keys UrlNormalizer checks by parsing again. */
    private final boolean fast;
    private final String scheme;
    /** Scheme, user info, host and port, as the base's key writes them. */
    private final String origin;
    private final String path;
    /** The base's path up to and including its last '/'. */
    private final String directory;
    /** The base's key: what an empty or fragment-only href resolves to. */
    private final String self;

    public LinkResolver(HttpUrl base) {
        this.base = base;
        this.fast = !base.host().contains("xn--");
        this.scheme = base.scheme();
        this.self = UrlNormalizer.key(base);
        this.origin = self.substring(0, self.indexOf('/', scheme.length() + 3));
        this.path = base.encodedPath();
        this.directory = path.substring(0, path.lastIndexOf('/') + 1);
    }

    /** The key of href resolved against the base; null when it is not an http(s) URL. */
    public String key(String href) {
        if (href == null) {
            return null;
        }
        String key = fast ? fastKey(href) : null;
        if (key == null) {
            key = UrlNormalizer.resolve(base, href).map(UrlNormalizer::key).orElse(null);
        }
        return key == NO_LINK ? null : key;
    }

    /** The key, {@link #NO_LINK}, or null when the href takes the full parse. */
    String fastKey(String href) {
        int end = href.indexOf('#');
        if (end < 0) {
            end = href.length();
        }
        if (end == 0) {
            return self;
        }
        char first = href.charAt(0);
        if (first == '/') {
            if (end > 1 && href.charAt(1) == '/') {
                return absolute(href, 2, end, scheme);
            }
            return resolve(href, 1, end, origin, "/");
        }
        int colon = UrlNormalizer.schemeEnd(href, end);
        if (colon > 0) {
            if (!UrlNormalizer.isHttpScheme(href, colon)) {
                return NO_LINK;
            }
            if (href.startsWith("http://")) {
                return absolute(href, 7, end, "http");
            }
            return href.startsWith("https://") ? absolute(href, 8, end, "https") : null;
        }
        int queryAt = indexOf(href, '?', 0, end);
        return resolve(href, 0, end, origin, queryAt == 0 ? path : directory);
    }

    /** An authority follows at from: a plain host, maybe a port, then an absolute path, a query or nothing. */
    private static String absolute(String href, int from, int end, String scheme) {
        int i = from;
        while (i < end && isHostChar(href.charAt(i))) {
            i++;
        }
        if (!isPlainHost(href, from, i)) {
            return null;
        }
        int hostEnd = i;
        int port = HttpUrl.defaultPort(scheme);
        if (i < end && href.charAt(i) == ':') {
            int digits = ++i;
            int value = 0;
            while (i < end && i - digits < 5 && href.charAt(i) >= '0' && href.charAt(i) <= '9') {
                value = value * 10 + href.charAt(i++) - '0';
            }
            if (i == digits || value < 1 || value > 65_535) {
                return null;
            }
            port = value;
        }
        if (i < end && href.charAt(i) != '/' && href.charAt(i) != '?') {
            return null;
        }
        StringBuilder origin = new StringBuilder(scheme.length() + 3 + hostEnd - from + 6)
                .append(scheme).append("://").append(href, from, hostEnd);
        if (port != HttpUrl.defaultPort(scheme)) {
            origin.append(':').append(port);
        }
        return resolve(href, i < end && href.charAt(i) == '/' ? i + 1 : i, end, origin, "/");
    }

    /**
     * Appends to origin the path start, then the segments of href[from, end) up to its query, as
     * OkHttp's push and pop would, then the query.
     */
    private static String resolve(String href, int from, int end, CharSequence origin, String start) {
        int queryAt = indexOf(href, '?', from, end);
        int pathEnd = queryAt < 0 ? end : queryAt;
        StringBuilder out = new StringBuilder(origin.length() + start.length() + end - from + 8);
        out.append(origin);
        int pathStart = out.length();
        out.append(start);
        if (!pushSegments(href, from, pathEnd, out, pathStart)) {
            return null;
        }
        if (queryAt >= 0) {
            for (int i = queryAt + 1; i < end; i++) {
                char c = href.charAt(i);
                if (c >= 128 || !QUERY_CHARS[c]) {
                    return null;
                }
            }
            out.append(href, queryAt, end);
        }
        return out.toString();
    }

    private static boolean pushSegments(String href, int from, int limit, StringBuilder out, int pathStart) {
        int i = from;
        while (i < limit) {
            int segmentEnd = i;
            while (segmentEnd < limit && href.charAt(segmentEnd) != '/') {
                char c = href.charAt(segmentEnd++);
                if (c >= 128 || !PATH_CHARS[c]) {
                    return false;
                }
            }
            boolean trailingSlash = segmentEnd < limit;
            if (isDotDot(href, i, segmentEnd)) {
                pop(out, pathStart);
            } else if (!isDot(href, i, segmentEnd)) {
                if (out.charAt(out.length() - 1) != '/') {
                    out.append('/');
                }
                out.append(href, i, segmentEnd);
                if (trailingSlash) {
                    out.append('/');
                }
            }
            i = trailingSlash ? segmentEnd + 1 : segmentEnd;
        }
        return true;
    }

    /** Drops the last segment, leaving the path ending in '/' ("/a/b/c" and "/a/b/c/" both give "/a/b/"). */
    private static void pop(StringBuilder out, int pathStart) {
        int length = out.length();
        if (out.charAt(length - 1) != '/') {
            out.setLength(out.lastIndexOf("/") + 1);
        } else if (length - pathStart > 1) {
            out.setLength(out.lastIndexOf("/", length - 2) + 1);
        }
    }

    private static boolean isDot(String s, int from, int to) {
        int length = to - from;
        return length == 1 && s.charAt(from) == '.' || length == 3 && s.regionMatches(true, from, "%2e", 0, 3);
    }

    private static boolean isDotDot(String s, int from, int to) {
        return switch (to - from) {
            case 2 -> s.charAt(from) == '.' && s.charAt(from + 1) == '.';
            case 4 -> s.regionMatches(true, from, "%2e.", 0, 4) || s.regionMatches(true, from, ".%2e", 0, 4);
            case 6 -> s.regionMatches(true, from, "%2e%2e", 0, 6);
            default -> false;
        };
    }

    /** Labels of a-z, 0-9 and '-', 1 to 63 long, 253 in all, no punycode: hosts OkHttp keeps as written. */
    private static boolean isPlainHost(String href, int from, int to) {
        if (to == from || to - from > MAX_HOST || contains(href, "xn--", from, to)) {
            return false;
        }
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || href.charAt(i) == '.') {
                if (i - labelStart < 1 || i - labelStart > MAX_LABEL) {
                    return false;
                }
                labelStart = i + 1;
            }
        }
        return true;
    }

    private static boolean contains(String s, String part, int from, int to) {
        int at = s.indexOf(part, from);
        return at >= 0 && at + part.length() <= to;
    }

    private static int indexOf(String s, char c, int from, int to) {
        int at = s.indexOf(c, from);
        return at < to ? at : -1;
    }

    private static boolean isHostChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.';
    }

    /** Printable ASCII but the given chars. */
    private static boolean[] allowed(String excluded) {
        boolean[] table = new boolean[128];
        for (char c = '!'; c <= '~'; c++) {
            table[c] = excluded.indexOf(c) < 0;
        }
        return table;
    }
}
