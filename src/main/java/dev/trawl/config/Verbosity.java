package dev.trawl.config;

/** How much trawl says on stderr. stdout is records only, whatever this is. */
public enum Verbosity {
    /** Nothing but fatal errors. */
    QUIET,
    /** A progress line on a terminal and a summary line at the end. */
    NORMAL,
    /** Also one line per request, and stack traces of fatal errors. */
    VERBOSE
}
