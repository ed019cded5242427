package dev.trawl.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors as one line and a hint, not the whole help: {@code trawl: --delay: expected a
 * duration like 500ms, 10s or 2m, got "5 parsecs"}. Exit status 2. With -v, the stack trace of an
 * underlying cause, if there is one.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        // A usage error is about the command line, so its own stack trace says nothing; an underlying
        // cause (an I/O error opening --input, say) may, and -v shows it.
        Throwable cause = ex.getCause();
        boolean verbose = List.of(args).contains("-v") || List.of(args).contains("--verbose");
        if (verbose && cause != null && !(cause instanceof TypeConversionException)) {
            cause.printStackTrace(err);
        }
        err.println("trawl: " + message(ex));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try 'trawl --help' for more information.");
        err.flush();
        return ExitStatus.USAGE;
    }

    // A bad option value reads "--delay: <what is wrong>", like the errors of the config loader.
    private static String message(ParameterException ex) {
        if (ex.getCause() instanceof TypeConversionException bad && ex.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + ": " + bad.getMessage();
        }
        String message = ex.getMessage();
        return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
    }
}
