package dev.trawl.url;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    public ScopePolicy(Scope scope) {
        this.scope = scope;
    }

    /** Admits the host of a seed, or of where a seed redirected to. */
    public void admit(HttpUrl url) {
        hosts.add(url.host());
        domains.add(domainOf(url));
    }

    public boolean inScope(HttpUrl url) {
        return switch (scope) {
            case ANY -> true;
            case HOST -> hosts.contains(url.host());
            case DOMAIN -> domains.contains(domainOf(url));
        };
    }

    public Scope scope() {
        return scope;
    }

    // topPrivateDomain() is null for IP addresses and names such as localhost: those match only themselves.
    private static String domainOf(HttpUrl url) {
        String domain = url.topPrivateDomain();
        return domain != null ? domain : url.host();
    }
}
