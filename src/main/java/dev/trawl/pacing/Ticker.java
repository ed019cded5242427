package dev.trawl.pacing;

/** Monotonic time in nanoseconds ({@link System#nanoTime()}); a dependency so tests can move it by hand. */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
