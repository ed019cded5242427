package dev.trawl.crawl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into a call to the crawl's one stop path, so a signal flushes the
 * records of finished pages and the process exits with 130 or 143 instead of dying mid-line.
 * A second signal of the same kind while stopping is left to the JVM's default (exit at once).
 * {@code sun.misc.Signal} is the JDK's supported way to do this (module jdk.unsupported).
 */
public final class SignalTrap implements AutoCloseable {
    private record Installed(Signal signal, SignalHandler previous) {
    }

    private final List<Installed> installed = new ArrayList<>();

    private SignalTrap() {
    }

    public static SignalTrap install(Consumer<StopReason> stop) {
        SignalTrap trap = new SignalTrap();
        trap.trap("INT", StopReason.INTERRUPTED, stop);
        trap.trap("TERM", StopReason.TERMINATED, stop);
        return trap;
    }

    private void trap(String name, StopReason reason, Consumer<StopReason> stop) {
        try {
            Signal signal = new Signal(name);
            SignalHandler[] previous = new SignalHandler[1];
            previous[0] = Signal.handle(signal, received -> {
                stop.accept(reason);
                Signal.handle(received, previous[0]); // a second one kills, as users expect of Ctrl-C twice
            });
            installed.add(new Installed(signal, previous[0]));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // The signal is not available here (or the JVM reserves it): the default behaviour stays.
        }
    }

    @Override
    public void close() {
        for (Installed each : installed) {
            try {
                Signal.handle(each.signal(), each.previous());
            } catch (IllegalArgumentException e) {
                // Already restored.
            }
        }
    }
}
