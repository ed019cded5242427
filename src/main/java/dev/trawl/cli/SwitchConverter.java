package dev.trawl.cli;

import dev.trawl.config.DurationFormat;
import java.util.Locale;

/** A switch's value, when one is written ({@code insecure = true}, {@code --sitemaps=false}): true or false, any case. */
final class SwitchConverter extends FormatConverter<Boolean> {
    @Override
    Boolean parse(String text) {
        return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw refuse("expected true or false, got " + DurationFormat.quote(text));
        };
    }
}
