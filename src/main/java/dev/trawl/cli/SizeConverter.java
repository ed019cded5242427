package dev.trawl.cli;

import dev.trawl.config.SizeFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** SIZE options, in bytes: {@code 100B}, {@code 512KB}, {@code 10MB}, {@code 1GB} (KB = 1024). */
final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return SizeFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
