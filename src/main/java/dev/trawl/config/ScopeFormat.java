package dev.trawl.config;

import dev.trawl.url.Scope;
import java.util.Locale;

/** The text form of a {@link Scope}: {@code host}, {@code domain} or {@code any}, case-insensitive. */
public final class ScopeFormat {
    private ScopeFormat() {
    }

    public static Scope parse(String text) {
        String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (Scope scope : Scope.values()) {
            if (scope.name().equals(name)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("expected host, domain or any, got " + DurationFormat.quote(text));
    }

    public static String format(Scope scope) {
        return scope.name().toLowerCase(Locale.ROOT);
    }
}
