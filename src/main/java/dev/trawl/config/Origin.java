package dev.trawl.config;

import java.nio.file.Path;

/**
 * Where a setting's value came from, so an error can point at it: {@code --per-host} or
 * {@code trawl.properties:12: per-host}.
 *
 * @param label        what an error message starts with
 * @param commandLine  true when the value was a flag: its errors are usage errors
 */
public record Origin(String label, boolean commandLine) {

    public static Origin builtIn(String key) {
        return new Origin("default " + key, false);
    }

    public static Origin flag(String flag) {
        return new Origin(flag, true);
    }

    public static Origin fileLine(Path file, int line, String key) {
        return new Origin(file + ":" + line + ": " + key, false);
    }

    public static Origin file(Path file) {
        return new Origin(file.toString(), false);
    }
}
