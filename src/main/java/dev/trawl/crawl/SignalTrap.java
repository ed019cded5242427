package dev.trawl.crawl;

import java.util.function.Consumer;

/**
 * Turns SIGINT and SIGTERM into a call to the crawl's one stop path, so a signal flushes the
 * records of finished pages and exits with 130 or 143 instead of dying mid-line. (Stub.)
 */
public final class SignalTrap implements AutoCloseable {
    private SignalTrap() {
    }

    public static SignalTrap install(Consumer<StopReason> stop) {
        return new SignalTrap();
    }

    @Override
    public void close() {
    }
}
