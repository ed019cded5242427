package dev.trawl.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What trawl adds to its requests, and how it reaches servers.
 *
 * @param headers  extra request headers ({@code -H 'Name: value'}), in the order given
 * @param cookie   a Cookie header value sent to the seeds' hosts only, so it never leaks to other sites
 * @param proxy    an HTTP or SOCKS proxy for every request
 * @param insecure accept any TLS certificate (self-signed, expired, wrong host); off by default
 * @param allowPrivate fetch loopback, link-local and private addresses even when no seed is on one
 */
public record RequestOptions(List<Header> headers, Optional<String> cookie, Optional<ProxySpec> proxy, boolean insecure,
        boolean allowPrivate) {

    public RequestOptions {
        headers = List.copyOf(headers);
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(proxy, "proxy");
    }

    /** Options that keep private addresses off limits (the default). */
    public RequestOptions(List<Header> headers, Optional<String> cookie, Optional<ProxySpec> proxy, boolean insecure) {
        this(headers, cookie, proxy, insecure, false);
    }

    public static RequestOptions none() {
        return new RequestOptions(List.of(), Optional.empty(), Optional.empty(), false, false);
    }

    /** One extra request header. */
    public record Header(String name, String value) {
    }

    /** A proxy: {@code http://host:port} or {@code socks5://host:port}. */
    public record ProxySpec(Kind kind, String host, int port) {
        /** The proxy protocol. */
        public enum Kind { HTTP, SOCKS }
    }
}
