package dev.trawl.url;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import okhttp3.HttpUrl;

/**
 * Decides whether a URL is inside the crawl. The set of admitted hosts starts with the seeds'
 * hosts and grows when a seed redirects to another host (http to https, example.com to
 * www.example.com), so the crawl follows the site to where it actually lives.
 */
public final class ScopePolicy {
    private final Scope scope;
    private final Set<String> hosts = ConcurrentHashMap.newKeySet();
    private final Set<String> domains = ConcurrentHashMap.newKeySet();
    private final Set<String> seedHosts = ConcurrentHashMap.newKeySet();
    private final Consumer<String> admitted;

    public ScopePolicy(Scope scope) {
        this(scope, host -> { });
    }

    /** @param admitted told each host when it is first admitted (so a resumed crawl can have the same scope) */
    public ScopePolicy(Scope scope, Consumer<String> admitted) {
        this.scope = scope;
        this.admitted = admitted;
    }

    /** Admits a seed's host: in scope, and one of the hosts the user named (see {@link #isSeedHost}). */
    public void admitSeed(HttpUrl url) {
        seedHosts.add(url.host());
        admit(url);
    }

    /** Admits the host of where a seed redirected to: in scope, but not a host the user named. */
    public void admit(HttpUrl url) {
        domains.add(domainOf(url));
        if (hosts.add(url.host())) {
            admitted.accept(url.host());
        }
    }

    /** Admits a host remembered from the run being resumed. */
    public void admitHost(String host) {
        HttpUrl url = new HttpUrl.Builder().scheme("http").host(host).build();
        domains.add(domainOf(url));
        hosts.add(url.host());
    }

    /** Whether the URL is on a seed's host (or one a seed redirected to): where the user's cookie may go. */
    public boolean onSeedHost(HttpUrl url) {
        return hosts.contains(url.host());
    }

    /**
     * Whether the user named this host in a seed; a host a seed redirected to is not one. This is
     * what the private-address rule trusts: a public seed's redirect must not open the way inwards.
     */
    public boolean isSeedHost(String host) {
        return seedHosts.contains(host);
    }

    public boolean inScope(HttpUrl url) {
        return switch (scope) {
            case ANY -> true;
            case HOST -> hosts.contains(url.host());
            case DOMAIN -> domains.contains(domainOf(url));
        };
    }

    /** The same decision for a normalized URL string; parses it only when the scope needs its domain. */
    public boolean inScope(String normalizedUrl) {
        return switch (scope) {
            case ANY -> true;
            case HOST -> hosts.contains(hostOf(normalizedUrl));
            case DOMAIN -> {
                HttpUrl url = HttpUrl.parse(normalizedUrl);
                yield url != null && inScope(url);
            }
        };
    }

    public Scope scope() {
        return scope;
    }

    /** The host of a normalized URL string, as {@link HttpUrl#host()} gives it (IPv6 without brackets). */
    static String hostOf(String normalizedUrl) {
        int start = normalizedUrl.indexOf("://") + 3;
        int end = normalizedUrl.indexOf('/', start);
        end = end < 0 ? normalizedUrl.length() : end;
        int at = normalizedUrl.lastIndexOf('@', end - 1);
        if (at >= start) {
            start = at + 1;
        }
        if (normalizedUrl.charAt(start) == '[') {
            return normalizedUrl.substring(start + 1, normalizedUrl.indexOf(']', start));
        }
        int colon = normalizedUrl.indexOf(':', start);
        return normalizedUrl.substring(start, colon >= 0 && colon < end ? colon : end);
    }

    // topPrivateDomain() is null for IP addresses and names such as localhost: those match only themselves.
    private static String domainOf(HttpUrl url) {
        String domain = url.topPrivateDomain();
        return domain != null ? domain : url.host();
    }
}
