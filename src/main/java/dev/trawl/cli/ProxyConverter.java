package dev.trawl.cli;

import dev.trawl.config.ProxyFormat;
import dev.trawl.config.RequestOptions.ProxySpec;

/** {@code --proxy}: {@code http://host:port} or {@code socks5://host:port} ({@code socks://} too). */
final class ProxyConverter extends FormatConverter<ProxySpec> {
    @Override
    ProxySpec parse(String text) {
        ProxySpec proxy = ProxyFormat.parse(text);
        ProxyFormat.check(proxy);
        return proxy;
    }
}
