package dev.trawl.frontier;

/**
 * The key per-host limits are kept under: the authority of a normalized URL without credentials
 * ({@code host} or {@code host:port}). Read straight from the string so the frontier never re-parses URLs. Default
 * ports are absent from normalized URLs, so http and https on their default ports share one key,
 * which is what politeness wants: they are almost always the same server.
 */
public final class HostKey {
    private HostKey() {
    }

    public static String of(String normalizedUrl) {
        int start = normalizedUrl.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int end = normalizedUrl.indexOf('/', start);
        end = end < 0 ? normalizedUrl.length() : end;
        int at = normalizedUrl.lastIndexOf('@', end - 1);
        return normalizedUrl.substring(at >= start ? at + 1 : start, end);
    }
}
