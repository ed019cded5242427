package dev.trawl.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * trawl's version, from {@code dev/trawl/version.properties}, which Maven fills in from the pom. The
 * file is also the command's resource bundle, whose {@code ${bundle:build.version}} makes the default
 * User-Agent. Its key must name no option ({@code version} or {@code trawl.version} would be taken
 * for the help text of {@code --version}).
 */
public final class TrawlVersion {
    private static final String VERSION = read();

    private TrawlVersion() {
    }

    /** E.g. {@code 0.1.0}; {@code dev} when the resource was not filtered (an IDE run without Maven). */
    public static String current() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = TrawlVersion.class.getResourceAsStream("/dev/trawl/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("build.version", "").strip();
            return version.isEmpty() || version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
