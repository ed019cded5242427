package dev.trawl.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the standard streams are connected to, read from {@code /proc/self/fd} on Linux. Where
 * that is not available the answers are the safe ones: not a terminal (no progress line), not a
 * pipe (a write failure is an error, not a quiet stop).
 */
public record Terminal(boolean stderrIsTerminal, boolean stdoutIsPipe) {

    public static Terminal detect() {
        return new Terminal(isTerminal(target(2)), isPipe(target(1)));
    }

    private static String target(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    private static boolean isTerminal(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    }

    private static boolean isPipe(String target) {
        return target.startsWith("pipe:") || target.startsWith("socket:");
    }
}
