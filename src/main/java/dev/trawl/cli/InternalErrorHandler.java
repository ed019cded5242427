package dev.trawl.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** An exception nobody expected: one line, the stack trace only in verbose mode, exit status 1. */
final class InternalErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getName();
        err.println("trawl: internal error: " + message);
        if (commandLine.getCommand() instanceof TrawlCommand command && command.verbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitStatus.FATAL;
    }
}
