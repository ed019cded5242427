package dev.trawl.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one place a {@link CrawlConfig} is assembled: built-in defaults, then the config file, then
 * the flags, each overriding the one before, then validated once. The flags arrive as a function
 * that sets only what the user actually typed, so an option left out never hides a value from the
 * file. Lists ({@code include}, {@code exclude}, {@code header}) are replaced, not merged: a flag's
 * patterns or headers replace the file's, so the command line can always undo the file.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * @param configFile the {@code --config} file, if any
     * @param flags      sets the values given on the command line, with {@link Origin#flag} origins
     * @throws ConfigException naming the flag, or the file, line and key, of the first bad value;
     *                         {@link ConfigException#fromCommandLine()} tells which
     */
    public static CrawlConfig load(Optional<Path> configFile, Consumer<CrawlConfigBuilder> flags) throws ConfigException {
        CrawlConfigBuilder builder = new CrawlConfigBuilder();
        if (configFile.isPresent()) {
            ConfigFile.read(configFile.get()).applyTo(builder);
        }
        flags.accept(builder);
        return builder.build();
    }
}
