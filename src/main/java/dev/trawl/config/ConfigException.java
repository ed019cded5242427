package dev.trawl.config;

/**
 * A setting that cannot be used, with a message that starts with where it came from:
 * {@code --per-host: must be at least 1, got 0} or {@code trawl.properties:12: per-host: must be at least 1, got 0}.
 */
public final class ConfigException extends Exception {
    private final transient Origin origin;

    public ConfigException(Origin origin, String problem) {
        super(origin.label() + ": " + problem);
        this.origin = origin;
    }

    public ConfigException(Origin origin, String problem, Throwable cause) {
        super(origin.label() + ": " + problem, cause);
        this.origin = origin;
    }

    public Origin origin() {
        return origin;
    }

    /** True when a flag was wrong (a usage error); false for the config file. */
    public boolean fromCommandLine() {
        return origin.commandLine();
    }
}
