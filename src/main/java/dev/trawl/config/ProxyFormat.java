package dev.trawl.config;

import dev.trawl.config.RequestOptions.ProxySpec;
import dev.trawl.config.RequestOptions.ProxySpec.Kind;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a proxy, as in {@code --proxy=http://proxy.example:8080}: a scheme
 * ({@code http}, or {@code socks5}, for which {@code socks} is a synonym), a host name or IP
 * address ({@code [::1]} for IPv6), and a port. The port is required rather than guessed, because
 * proxies listen on 3128, 8080, 8888 and 1080 alike and a wrong guess fails as a confusing
 * connect error. Anything after the port but a lone {@code /} is refused, and so are credentials,
 * which trawl does not send to proxies yet. The command's converter applies {@link #check}, which
 * holds the port range.
 */
public final class ProxyFormat {
    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)", Pattern.DOTALL);
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(?::(\\d*))?");
    private static final String EXAMPLE = "http://proxy.example:8080 or socks5://proxy.example:1080";

    private ProxyFormat() {
    }

    /** Parses {@code http://host:port}, {@code socks5://host:port} or {@code socks://host:port}. */
    public static ProxySpec parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.indexOf('@') >= 0) {
            // Checked first, so no message below echoes a password. Any '@' counts, not only one in the
            // authority: a proxy URL has nowhere else for one, and a mistyped URL ("http:/user:pw@host")
            // has no authority to look in, yet would be quoted whole by the messages below.
            throw new IllegalArgumentException("credentials in proxy URLs are not supported yet; give only "
                    + "scheme://host:port, as in " + EXAMPLE);
        }
        Matcher url = URL.matcher(trimmed);
        if (!url.matches()) {
            throw new IllegalArgumentException("expected a proxy URL like " + EXAMPLE + ", got " + DurationFormat.quote(text));
        }
        Kind kind = switch (url.group(1).toLowerCase(Locale.ROOT)) {
            case "http" -> Kind.HTTP;
            case "socks5", "socks" -> Kind.SOCKS;
            default -> throw new IllegalArgumentException(
                    "proxy scheme must be http, socks5 or socks, got " + DurationFormat.quote(url.group(1)));
        };
        String authority = url.group(2);
        if (!url.group(3).isEmpty() && !url.group(3).equals("/")) {
            throw new IllegalArgumentException("a proxy URL is scheme://host:port only, got "
                    + DurationFormat.quote(url.group(3)) + " after the port");
        }
        Matcher hostPort = HOST_PORT.matcher(authority);
        if (!hostPort.matches()) {
            throw new IllegalArgumentException("expected host:port after " + url.group(1) + "://, got "
                    + DurationFormat.quote(authority));
        }
        String port = hostPort.group(2);
        if (port == null || port.isEmpty()) {
            throw new IllegalArgumentException("the proxy needs a port, as in " + EXAMPLE + ", got " + DurationFormat.quote(text));
        }
        if (port.length() > 5) {
            throw new IllegalArgumentException("proxy port must be from 1 to 65535, got " + port);
        }
        String host = hostPort.group(1).toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ProxySpec(kind, host, Integer.parseInt(port));
    }

    /** Throws unless the proxy has a host and a port from 1 to 65535 (a spec built in code skips {@link #parse}). */
    public static void check(ProxySpec proxy) {
        if (proxy.host().isBlank()) {
            throw new IllegalArgumentException("the proxy needs a host, as in " + EXAMPLE);
        }
        if (proxy.port() < 1 || proxy.port() > 65_535) {
            throw new IllegalArgumentException("proxy port must be from 1 to 65535, got " + proxy.port());
        }
    }
}
