package dev.trawl;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Property-based fuzzing on plain JUnit Jupiter (issue 5): a property is checked against generated
 * inputs; when one fails, it is shrunk to a smaller input that fails the same way (same exception
 * type thrown from the same place in trawl's code), and the test fails with both, shown so they can
 * be pasted into a regression test.
 *
 * <p>Runs are bounded for CI: each property has its own number of tries, at most 1,000. Two system
 * properties change that for a long run or a replay:
 * <ul>
 *   <li>{@code -Dtrawl.fuzz.tries=N} checks every property N times;</li>
 *   <li>{@code -Dtrawl.fuzz.seed=S} repeats the run a failure reported (by default each run draws a new
 *       seed, so CI explores new inputs every time).</li>
 * </ul>
 *
 * <p>Not jqwik, although it is a test dependency: from 1.10 its maintainer asks that jqwik not be
 * used by AI coding agents, and this suite was written by one. The properties are plain
 * {@code Property} lambdas over {@link Gen}erators, so moving them onto jqwik is mechanical if the
 * project decides to.
 */
public final class Fuzzer {
    public static final String TRIES_PROPERTY = "trawl.fuzz.tries";
    public static final String SEED_PROPERTY = "trawl.fuzz.seed";
    /** Shrinking stops after this many re-runs or this long, whichever comes first; the input is then smaller, not minimal. */
    private static final int MAX_SHRINK_RUNS = 20_000;
    private static final Duration MAX_SHRINK_TIME = Duration.ofSeconds(20);
    /** A failing input longer than this is cut in the message; the shrunk one rarely is. */
    private static final int MAX_SHOWN = 4_000;

    private Fuzzer() {
    }

    /** What must hold for every input; fails by throwing (an assertion or anything else). */
    @FunctionalInterface
    public interface Property<T> {
        void check(T input) throws Exception;
    }

    /**
     * Checks the property for generated inputs.
     *
     * @param tries how many inputs in CI (at most 1,000); {@code -Dtrawl.fuzz.tries} overrides it
     */
    public static <T> void forAll(int tries, Gen<T> gen, Property<T> property) {
        Objects.requireNonNull(gen, "gen");
        if (tries > 1_000) {
            throw new IllegalArgumentException("CI runs at most 1000 tries per property; use -D" + TRIES_PROPERTY + " for more");
        }
        int runs = Integer.getInteger(TRIES_PROPERTY, tries);
        long seed = seed();
        for (int i = 0; i < runs; i++) {
            T input = gen.next(new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (i + 1))));
            Throwable failure = failureOf(property, input);
            if (failure != null) {
                throw report(gen, property, input, failure, i + 1, runs, seed);
            }
        }
    }

    private static long seed() {
        String fixed = System.getProperty(SEED_PROPERTY);
        return fixed == null || fixed.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(fixed.strip());
    }

    private static <T> AssertionError report(Gen<T> gen, Property<T> property, T input, Throwable failure,
            int attempt, int runs, long seed) {
        T smallest = input;
        Throwable smallestFailure = failure;
        int steps = 0;
        int reruns = 0;
        long deadline = System.nanoTime() + MAX_SHRINK_TIME.toNanos();
        boolean progress = true;
        while (progress && reruns < MAX_SHRINK_RUNS && System.nanoTime() < deadline) {
            progress = false;
            Iterator<T> candidates = gen.shrinks(smallest).iterator();
            while (candidates.hasNext() && reruns < MAX_SHRINK_RUNS && System.nanoTime() < deadline) {
                T candidate = candidates.next();
                reruns++;
                Throwable candidateFailure = failureOf(property, candidate);
                if (candidateFailure != null && sameBug(candidateFailure, failure)) {
                    smallest = candidate;
                    smallestFailure = candidateFailure;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        String message = "property failed on try " + attempt + " of " + runs + " (seed " + seed + "; repeat with -D"
                + SEED_PROPERTY + "=" + seed + ")\n"
                + "  shrunk input (" + steps + " steps" + (progress ? ", stopped early" : "") + "): "
                + cut(gen.show(smallest)) + "\n"
                + "  failure: " + smallestFailure + "\n"
                + "  original input: " + cut(gen.show(input));
        AssertionError error = new AssertionError(message, smallestFailure);
        if (smallestFailure != failure) {
            error.addSuppressed(failure);
        }
        return error;
    }

    private static <T> Throwable failureOf(Property<T> property, T input) {
        try {
            property.check(input);
            return null;
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError fatal && !(t instanceof StackOverflowError)) {
                throw fatal;
            }
            return t;
        }
    }

    /** The same type thrown from the same line of trawl's code (or of the test, for a failed assertion). */
    private static boolean sameBug(Throwable a, Throwable b) {
        return a.getClass() == b.getClass() && Objects.equals(origin(a), origin(b));
    }

    private static StackTraceElement origin(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            String name = frame.getClassName();
            if (name.startsWith("dev.trawl.") && !name.equals(Fuzzer.class.getName()) && !name.startsWith(Fuzzer.class.getName() + "$")) {
                return frame;
            }
        }
        return null;
    }

    private static String cut(String shown) {
        return shown.length() <= MAX_SHOWN ? shown : shown.substring(0, MAX_SHOWN) + "... (" + shown.length() + " chars)";
    }
}
