package dev.trawl.fetch;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Predicate;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps a crawl of public sites out of the user's own network: a host that is or resolves to a
 * loopback, link-local or private address (RFC 1918, RFC 4193, CGNAT) is refused, unless it is
 * the host of a seed (the user asked for it by name) or {@code --allow-private} is given. A host a
 * seed redirects to is not a seed's host: a redirect must not open the way inwards. Checked on DNS answers ({@link Dns}), so a name
 * pointing inwards is caught whatever the link said, and on hosts written as IP addresses, which
 * OkHttp connects to without asking the DNS ({@link Interceptor}). With a proxy the proxy resolves
 * names, so only IP literals are checked.
 */
public final class AddressGuard implements Dns, Interceptor {
    private final Dns dns;
    private final Predicate<String> trustedHost;
    private final boolean allowPrivate;

    /** @param trustedHost hosts that may be private anyway: the seeds' (a crawl of localhost is meant) */
    public AddressGuard(Dns dns, Predicate<String> trustedHost, boolean allowPrivate) {
        this.dns = dns;
        this.trustedHost = trustedHost;
        this.allowPrivate = allowPrivate;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = dns.lookup(hostname);
        for (InetAddress address : addresses) {
            // Any inward address refuses the host: a name answering both ways is how DNS rebinding works.
            check(hostname, address);
        }
        return addresses;
    }

    private void check(String host, InetAddress address) throws PrivateAddressException {
        if (!allowPrivate && isPrivate(address) && !trustedHost.test(host)) {
            throw new PrivateAddressException(host, address);
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        HttpUrl url = chain.request().url();
        String host = url.host();
        if (isLiteral(host)) {
            check(host, InetAddress.getByName(host)); // a literal: parsed, never looked up
        }
        return chain.proceed(chain.request());
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // fc00::/7, unique local
        }
        return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64; // 100.64.0.0/10, carrier-grade NAT
    }

    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
