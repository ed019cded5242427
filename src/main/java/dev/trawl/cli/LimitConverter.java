package dev.trawl.cli;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * {@code --max-pages} and {@code --max-pages-per-host}: at least 1, or {@code inf} for no limit. An
 * empty value means no limit too, as a blank {@code max-pages =} line always has in the settings file;
 * on the command line, {@code --max-pages=inf} undoes the file's limit.
 */
final class LimitConverter extends FormatConverter<OptionalLong> {
    @Override
    OptionalLong parse(String text) {
        if (text != null && (text.isEmpty() || text.toLowerCase(Locale.ROOT).equals("inf"))) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(CountConverter.within(CountConverter.whole(text, "expected a whole number or inf"),
                1, Long.MAX_VALUE));
    }
}
