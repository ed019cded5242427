package dev.trawl.cli;

import java.util.regex.Pattern;

/** {@code --crawl}: a name for a crawl in a shared database; letters, digits, '.', '_' and '-', up to 64. */
final class CrawlNameConverter extends FormatConverter<String> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    String parse(String text) {
        if (text == null || !NAME.matcher(text).matches()) {
            throw refuse("must be 1 to 64 letters, digits, '.', '_' or '-', got \"" + text + "\"");
        }
        return text;
    }
}
