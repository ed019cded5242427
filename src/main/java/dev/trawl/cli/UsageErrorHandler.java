package dev.trawl.cli;

import dev.trawl.config.ConfigException;
import dev.trawl.config.Origin;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Errors in the arguments and the settings, as one line and not the whole help. A bad flag is a usage
 * error (exit 2) with a hint: {@code trawl: --delay: expected a duration like 500ms, 10s or 2m, got
 * "5 parsecs"}. A bad settings file is not (exit 1): the command line was right, the file needs
 * fixing, and the line says where: {@code trawl: my.properties:3: delay: ...}. With -v, the stack
 * trace of an underlying cause, if there is one.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        Optional<ConfigException> setting = badSetting(ex);
        if (setting.isPresent() && !setting.get().fromCommandLine()) {
            err.println("trawl: " + setting.get().getMessage());
            err.flush();
            return ExitStatus.FATAL;
        }
        // A usage error is about the command line, so its own stack trace says nothing; an underlying
        // cause (an I/O error opening --input, say) may, and -v shows it.
        Throwable cause = ex.getCause();
        boolean verbose = List.of(args).contains("-v") || List.of(args).contains("--verbose");
        if (verbose && cause != null && setting.isEmpty()) {
            cause.printStackTrace(err);
        }
        err.println("trawl: " + setting.map(ConfigException::getMessage).orElseGet(() -> withoutPrefix(ex.getMessage())));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try 'trawl --help' for more information.");
        err.flush();
        return ExitStatus.USAGE;
    }

    /**
     * The bad setting behind a parse error, naming where its value came from: a flag's conversion
     * ({@code --delay: ...}), or the settings file (its line), or a rule between settings. Empty for
     * other errors (an unknown option, a missing value).
     */
    static Optional<ConfigException> badSetting(ParameterException ex) {
        if (ex.getCause() instanceof ConfigException setting) {
            return Optional.of(setting);
        }
        // The file's values were checked when it was read, so a value picocli could not convert was typed.
        if (ex.getCause() instanceof TypeConversionException bad && ex.getArgSpec() instanceof OptionSpec option) {
            return Optional.of(new ConfigException(Origin.flag(option.longestName()), bad.getMessage()));
        }
        return Optional.empty();
    }

    private static String withoutPrefix(String message) {
        return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
    }
}
