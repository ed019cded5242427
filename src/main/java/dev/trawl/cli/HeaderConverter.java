package dev.trawl.cli;

import dev.trawl.config.HeaderFormat;
import dev.trawl.config.RequestOptions.Header;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code -H 'Name: value'}, split at the first colon; whether the header may be sent is checked with the rest of the config. */
final class HeaderConverter implements ITypeConverter<Header> {
    @Override
    public Header convert(String value) {
        try {
            return HeaderFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
