package dev.trawl.cli;

import dev.trawl.config.HeaderFormat;

/**
 * A header value given whole ({@code --user-agent}, {@code --cookie}): not blank, and what OkHttp
 * accepts, printable ASCII and tab, since CR or LF would split the request. Surrounding spaces are
 * dropped.
 */
final class TextConverter extends FormatConverter<String> {
    @Override
    String parse(String text) {
        if (text == null || text.isBlank()) {
            throw refuse("must not be blank");
        }
        HeaderFormat.checkValue(text);
        return text.strip();
    }
}
