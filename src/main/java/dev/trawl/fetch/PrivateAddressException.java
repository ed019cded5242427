package dev.trawl.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A host that is, or resolves to, a loopback, link-local or private-network address, where the
 * crawl may not go. An {@link UnknownHostException} so that OkHttp passes it through from its
 * DNS lookup unchanged; classified as {@code invalid_url}.
 */
public final class PrivateAddressException extends UnknownHostException {
    public PrivateAddressException(String host, InetAddress address) {
        super("refused: " + host + " is " + (host.equals(address.getHostAddress()) ? "" : "at ")
                + address.getHostAddress() + ", a private or loopback address (--allow-private lets trawl go there)");
    }
}
