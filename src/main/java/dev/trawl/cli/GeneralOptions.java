package dev.trawl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The settings file, how much trawl says on stderr, help and version. */
final class GeneralOptions {
    @Option(names = "--config", paramLabel = "FILE", converter = FileConverter.class,
            description = "Settings file, as config/trawl.properties: a key for each option above (its long name "
                    + "without the dashes). Its values replace the defaults shown; a flag you type replaces both.")
    Path configFile;

    @Option(names = {"-q", "--quiet"}, converter = SwitchConverter.class,
            description = "No progress and no summary on stderr.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, converter = SwitchConverter.class,
            description = "One stderr line per request; stack traces for fatal errors.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, converter = SwitchConverter.class, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, converter = SwitchConverter.class, description = "Print the version and exit.")
    boolean version;
}
