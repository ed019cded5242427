package dev.trawl.cli;

import dev.trawl.config.DurationFormat;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code --include} and {@code --exclude}: a Java regular expression, matched anywhere in a normalized URL. */
final class RegexConverter extends FormatConverter<Pattern> {
    @Override
    Pattern parse(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw refuse("not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex()
                    + " of " + DurationFormat.quote(text));
        }
    }
}
