package dev.trawl.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A converter for one kind of value, used alike for a flag and a line of the settings file: it parses
 * the text and checks the setting's bounds, and what it refuses becomes picocli's
 * {@link TypeConversionException} with the message the user reads after the flag or the file's line.
 */
abstract class FormatConverter<T> implements ITypeConverter<T> {
    @Override
    public final T convert(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException bad) {
            throw new TypeConversionException(bad.getMessage());
        }
    }

    /** The value of the text, or an {@link IllegalArgumentException} saying what is wrong with it. */
    abstract T parse(String text);

    static IllegalArgumentException refuse(String problem) {
        return new IllegalArgumentException(problem);
    }
}
