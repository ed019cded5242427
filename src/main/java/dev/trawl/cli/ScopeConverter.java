package dev.trawl.cli;

import dev.trawl.config.ScopeFormat;
import dev.trawl.url.Scope;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --scope}: {@code host}, {@code domain} or {@code any}, as the help writes them. */
final class ScopeConverter implements ITypeConverter<Scope> {
    @Override
    public Scope convert(String value) {
        try {
            return ScopeFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
