package dev.trawl.cli;

import dev.trawl.config.ProxyFormat;
import dev.trawl.config.RequestOptions.ProxySpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --proxy}: {@code http://host:port} or {@code socks5://host:port} ({@code socks://} too). */
final class ProxyConverter implements ITypeConverter<ProxySpec> {
    @Override
    public ProxySpec convert(String value) {
        try {
            return ProxyFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
