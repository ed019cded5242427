package dev.trawl.cli;

import dev.trawl.config.ScopeFormat;
import dev.trawl.url.Scope;

/** {@code --scope}: {@code host}, {@code domain} or {@code any}, as the help writes them. */
final class ScopeConverter extends FormatConverter<Scope> {
    @Override
    Scope parse(String text) {
        return ScopeFormat.parse(text);
    }
}
