package dev.trawl.cli;

import dev.trawl.config.ConfigException;
import dev.trawl.config.ConfigFile;
import dev.trawl.config.Origin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --config} file as picocli's default values: picocli asks for the options the command line
 * left out, and an option's value from the file goes through the same converter as its flag would. A
 * key is an option's long name without the dashes, so the file knows every setting the command has
 * and a new option needs no line here.
 *
 * <p>The file is read once {@code --config} is known, and checked whole before any value is handed
 * out: its syntax, then every value with its option's converter, in line order. A bad line is a bad
 * file whatever the flags say, and the error names it: {@code trawl.properties:12: per-host: must be
 * at least 1, got 0}. picocli may ask in the middle of parsing (when an option of a group is typed,
 * it sets up the whole group), where an exception would not reach the error handler as a parse
 * error; so a bad file hands out nothing and its error waits for {@link #check}, which the command
 * calls once parsing is done. A repeatable option gets all its lines, one value a line (picocli
 * splits them back). For {@code --help} nothing comes from the file: the help shows the built-in
 * defaults.
 */
final class SettingsFile implements IDefaultValueProvider {
    /** Options of one run rather than settings: they have no key in the file. */
    private static final Set<String> COMMAND_LINE_ONLY = Set.of("--input", "--output", "--warc", "--warc-max-size", "--config");

    private Path path;
    private Map<String, List<ConfigFile.Entry>> values = Map.of();
    private ConfigException problem;

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !isSetting(option)) {
            return null;
        }
        CommandLine commandLine = option.command().commandLine();
        if (commandLine != null && (commandLine.isUsageHelpRequested() || commandLine.isVersionHelpRequested())) {
            return null;
        }
        List<ConfigFile.Entry> lines = values(option.command()).get(key(option));
        return lines == null ? null : lines.stream().map(ConfigFile.Entry::value).collect(Collectors.joining("\n"));
    }

    /** Throws what is wrong with the settings file, if anything: once parsing is done, before its values are used. */
    void check(CommandSpec spec) throws ConfigException {
        values(spec);
        if (problem != null) {
            throw problem;
        }
    }

    /** The line that set this key, if the settings file did. */
    Optional<ConfigFile.Entry> line(CommandSpec spec, String key) {
        List<ConfigFile.Entry> lines = values(spec).get(key);
        return lines == null ? Optional.empty() : Optional.of(lines.getFirst());
    }

    /** Where the value of a setting the command line left out came from: its line, or the built-in default. */
    Origin origin(CommandSpec spec, String key) {
        return line(spec, key).map(ConfigFile.Entry::origin).orElse(Origin.builtIn(key));
    }

    /** Whether the option is a setting, with a key in the file. */
    static boolean isSetting(OptionSpec option) {
        return !option.usageHelp() && !option.versionHelp() && !COMMAND_LINE_ONLY.contains(option.longestName());
    }

    static String key(OptionSpec option) {
        return option.longestName().substring("--".length());
    }

    /** The file's values by key; empty while --config is not given (or not parsed yet), or when the file is bad. */
    private Map<String, List<ConfigFile.Entry>> values(CommandSpec spec) {
        Path given = spec.findOption("--config").getValue();
        if (given == null) {
            return Map.of();
        }
        if (!given.equals(path)) {
            path = given;
            try {
                values = read(spec, given);
                problem = null;
            } catch (ConfigException e) {
                values = Map.of();
                problem = e;
            }
        }
        return values;
    }

    private static Map<String, List<ConfigFile.Entry>> read(CommandSpec spec, Path file) throws ConfigException {
        Map<String, OptionSpec> settings = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            if (isSetting(option)) {
                settings.put(key(option), option);
            }
        }
        Set<String> repeatable = settings.entrySet().stream().filter(setting -> setting.getValue().isMultiValue())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        ConfigFile parsed = ConfigFile.read(file, settings.keySet(), repeatable);
        Map<String, List<ConfigFile.Entry>> values = new LinkedHashMap<>();
        for (ConfigFile.Entry entry : parsed.entries()) {
            check(entry, settings.get(entry.key()));
            values.computeIfAbsent(entry.key(), key -> new ArrayList<>()).add(entry);
        }
        return values;
    }

    /** Converts the line's value as its flag's would be, to report a bad one with the line. */
    private static void check(ConfigFile.Entry entry, OptionSpec option) throws ConfigException {
        ITypeConverter<?>[] converters = option.converters();
        if (converters.length == 0) {
            throw new IllegalStateException(option.longestName() + " is a setting without a converter");
        }
        try {
            converters[0].convert(entry.value());
        } catch (TypeConversionException bad) {
            // An empty value the option has no meaning for is a gap in the file, whatever the kind of value.
            throw new ConfigException(entry.origin(), entry.value().isEmpty() ? "missing value" : bad.getMessage());
        } catch (Exception unexpected) {
            throw new IllegalStateException("converter of " + option.longestName() + " failed", unexpected);
        }
    }
}
