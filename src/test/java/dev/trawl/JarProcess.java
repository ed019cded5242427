package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarFile;

/**
 * The built jar ({@code -Dtrawl.jar}, set by failsafe) run as a child process: stdout and stderr
 * are each drained by their own thread into memory, so the child never blocks on a full pipe, and
 * tests wait on what the child has written (N lines of stdout, its exit), each wait bounded. A
 * child that outlives its bound is killed, with its descendants, and the test fails.
 */
final class JarProcess implements AutoCloseable {
    /**
     * Generous against a loaded CI machine, yet far below what a hung crawl would take to notice.
     * Beside other builds on two CPUs a KillResumeIT run took 19 s to reach its kill, against 30 s.
     */
    static final Duration WAIT = Duration.ofSeconds(60);

    private final String description;
    private final Process process;
    private final Capture stdout;
    private final Capture stderr;

    private JarProcess(String description, Process process) {
        this.description = description;
        this.process = process;
        this.stdout = new Capture(process.getInputStream(), "stdout of " + process.pid());
        this.stderr = new Capture(process.getErrorStream(), "stderr of " + process.pid());
    }

    /** {@code java -jar trawl.jar args...} with the java of this JVM. */
    static List<String> trawl(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The java launcher of the JVM running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar under test; a missing property or file fails the test rather than skipping it. */
    static Path jar() {
        String property = System.getProperty("trawl.jar");
        assertTrue(property != null && !property.isBlank(),
                "system property trawl.jar is not set: run the *IT classes through failsafe (./mvnw verify)");
        Path jar = Path.of(property);
        assertTrue(Files.isRegularFile(jar), "no jar at trawl.jar=" + jar + ": run after `package`");
        return jar;
    }

    /** The jar's Implementation-Version, which {@code --version} prints. */
    static String version() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            String version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
            assertTrue(version != null && !version.isBlank(), "Implementation-Version in the jar's manifest");
            return version;
        }
    }

    /** Runs trawl with the given arguments, stdin empty, in the test JVM's environment. */
    static JarProcess start(String... args) {
        return start(trawl(args), env -> { }, null);
    }

    /**
     * Starts a command.
     *
     * @param environment edits the child's environment (starts as a copy of this JVM's)
     * @param stdin       the child's stdin, or null for /dev/null
     */
    static JarProcess start(List<String> command, Consumer<Map<String, String>> environment, Path stdin) {
        return launch(command, environment, ProcessBuilder.Redirect.from(stdin == null ? new File("/dev/null") : stdin.toFile()));
    }

    /** Starts a command with its stdin a pipe that the test writes through {@link #stdin()}. */
    static JarProcess startWithStdinPipe(List<String> command) {
        return launch(command, env -> { }, ProcessBuilder.Redirect.PIPE);
    }

    private static JarProcess launch(List<String> command, Consumer<Map<String, String>> environment,
            ProcessBuilder.Redirect stdin) {
        ProcessBuilder builder = new ProcessBuilder(command);
        environment.accept(builder.environment());
        builder.redirectInput(stdin);
        try {
            return new JarProcess(String.join(" ", command), builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits until stdout holds at least {@code count} complete lines; fails if the child ends or the bound passes first. */
    void awaitStdoutLines(int count) throws InterruptedException {
        if (!stdout.awaitLines(count, System.nanoTime() + WAIT.toNanos())) {
            String state = process.isAlive() ? "still running after " + WAIT : "exited with " + process.exitValue();
            fail("expected " + count + " lines on stdout, got " + stdout.lines() + "; process " + state
                    + "\nstderr:\n" + stderr.text());
        }
    }

    /** Waits until stderr holds at least {@code count} complete lines; fails if the child ends or the bound passes first. */
    void awaitStderrLines(int count) throws InterruptedException {
        if (!stderr.awaitLines(count, System.nanoTime() + WAIT.toNanos())) {
            String state = process.isAlive() ? "still running after " + WAIT : "exited with " + process.exitValue();
            fail("expected " + count + " lines on stderr, got " + stderr.lines() + "; process " + state
                    + "\nstderr:\n" + stderr.text());
        }
    }

    /** The child's stdin, when started with {@link #startWithStdinPipe}. */
    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            fail("kill -" + name + " did not finish");
        }
        assertEquals(0, kill.exitValue(), () -> "kill -" + name + " " + pid() + " failed: " + readAll(kill.getInputStream()));
    }

    /**
     * SIGTERM, through the process handle: {@link Process#destroy()} sends the same signal but also
     * closes our ends of the child's pipes, which would lose what it writes while stopping.
     */
    void terminate() {
        assertTrue(process.toHandle().destroy(), "SIGTERM not sent");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGKILL, as {@code kill -9} or the OOM killer would: the child gets no chance to clean up.
     * {@link Process#destroyForcibly()} is SIGKILL where {@link ProcessHandle#supportsNormalTermination()}
     * (on Linux and macOS: {@code destroy()} is SIGTERM there). Returns the exit status, 137 (128 + 9)
     * for a child the signal killed; a child that had exited by itself keeps its own status.
     */
    int kill9() throws InterruptedException {
        assertTrue(process.supportsNormalTermination(), "destroyForcibly() is not SIGKILL on this platform");
        process.destroyForcibly();
        int status = waitForExit();
        assertTrue(ProcessHandle.of(pid()).map(handle -> !handle.isAlive()).orElse(true), "pid " + pid() + " still alive");
        return status;
    }

    /** Waits for the exit status within {@link #WAIT}, then for both streams to end. */
    int waitForExit() throws InterruptedException {
        return waitForExit(WAIT);
    }

    /** Waits for the exit status within {@code bound}; on timeout kills the child (and its children) and fails. */
    int waitForExit(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        if (!process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS)) {
            kill();
            fail("still running after " + bound + ": " + description + "\nstdout lines so far: " + stdout.lines()
                    + "\nstderr:\n" + stderr.text());
        }
        // The streams end when every holder of the pipes has exited; give them the rest of the bound.
        long rest = Math.max(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(5));
        if (!stdout.awaitEnd(System.nanoTime() + rest) || !stderr.awaitEnd(System.nanoTime() + rest)) {
            kill();
            fail("output streams still open after the process exited (a child left behind?): " + description);
        }
        return process.exitValue();
    }

    /** Everything the child wrote to stdout so far. */
    byte[] stdoutBytes() {
        return stdout.bytes();
    }

    /** Stdout as UTF-8; malformed bytes fail the test (records are UTF-8 whatever the locale). */
    String stdout() {
        return strictUtf8(stdout.bytes(), "stdout");
    }

    /** Stderr as UTF-8 (replacing malformed bytes: stderr follows the locale). */
    String stderr() {
        return stderr.text();
    }

    /** Stderr lines, without their line ends. */
    List<String> stderrLines() {
        return stderr().lines().toList();
    }

    /** Errors reach the user as one line: no stack frame and no exception class name on stderr. */
    void assertNoStackTraceOnStderr() {
        String text = stderr();
        assertTrue(!text.contains("\tat ") && !text.contains("Exception") && !text.contains("Caused by"),
                () -> "stack trace on stderr:\n" + text);
    }

    static String strictUtf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return fail(what + " is not valid UTF-8: " + e);
        }
    }

    /** Kills the child and its descendants if still running: no test leaves a process behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** One output stream of the child, drained by its own thread; waiters are woken on every chunk and at the end. */
    private static final class Capture {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int lines;
        private boolean ended;

        Capture(InputStream in, String name) {
            Thread.ofPlatform().name(name).daemon(true).start(() -> pump(in));
        }

        private void pump(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        bytes.write(buffer, 0, n);
                        for (int i = 0; i < n; i++) {
                            if (buffer[i] == '\n') {
                                lines++;
                            }
                        }
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // The stream was closed under us (the process was killed): what was read is kept.
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        synchronized boolean awaitLines(int count, long deadline) throws InterruptedException {
            while (lines < count && !ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return lines >= count;
        }

        synchronized boolean awaitEnd(long deadline) throws InterruptedException {
            while (!ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        synchronized int lines() {
            return lines;
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
