package dev.trawl.cli;

import dev.trawl.config.RateFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** RATE options, in requests per second: {@code 10/s}, {@code 600/m}, {@code 2.5/s}, {@code 3600/h}, or a bare number. */
final class RateConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        try {
            return RateFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
