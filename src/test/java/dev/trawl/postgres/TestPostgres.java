package dev.trawl.postgres;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the tests, started by the tests themselves: the relocatable build in
 * zonky's binaries artifact (a test dependency), unpacked once into the temporary directory, one
 * server per test JVM on a free loopback port, a fresh database for each caller. PostgreSQL refuses
 * to run as root, as CI does, so under root its programs run as {@code nobody}, through util-linux's
 * {@code setpriv}. Tests that need it are skipped, with the reason, where the binaries cannot run (not
 * Linux on x86-64).
 */
public final class TestPostgres {
    private static final String VERSION = "14.22.0";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;
    private static final Set<PosixFilePermission> OPEN = PosixFilePermissions.fromString("rwxr-xr-x");

    private static TestPostgres server;

    private final Path home;
    private final Path data;
    private final int port;
    private final boolean asNobody;
    private final AtomicInteger databases = new AtomicInteger();

    private TestPostgres(Path home, Path data, int port, boolean asNobody) {
        this.home = home;
        this.data = data;
        this.port = port;
        this.asNobody = asNobody;
    }

    /** The server, started on first use; skips the calling test where PostgreSQL cannot run here. */
    public static synchronized TestPostgres server() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.equals("linux") && (arch.equals("amd64") || arch.equals("x86_64")),
                "PostgreSQL tests need Linux on x86-64 (the test binaries'); this is " + os + " on " + arch);
        if (server == null) {
            try {
                server = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
        }
        return server;
    }

    /**
     * A server of the caller's own, to stop and start again (a database that goes away under a
     * crawl); the caller closes it.
     */
    public static TestPostgres startOwn() {
        server(); // the same checks, and the binaries unpacked
        try {
            return start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }

    /** Stops the server at once, as a crash or a lost machine would; {@link #resume} starts it again. */
    public void pause() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    public void resume() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", options(port, data), "start");
    }

    /** Stops the server and deletes its data. */
    public void close() {
        stop();
    }

    /** A new, empty database on the server, as a JDBC URL for the superuser (no password: trust). */
    public String newDatabase() {
        String name = "t" + databases.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres")); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** The postgresql:// URL trawl's --state takes, for a database made by {@link #newDatabase}. */
    public String stateUrl(String jdbcUrl) {
        return jdbcUrl.substring("jdbc:".length());
    }

    public int port() {
        return port;
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private static TestPostgres start() throws IOException, InterruptedException {
        boolean asNobody = "root".equals(System.getProperty("user.name"));
        Path home = unpacked();
        Path data = Files.createTempDirectory("trawl-pg-data");
        if (asNobody) {
            Files.setAttribute(data, "unix:uid", NOBODY);
            Files.setAttribute(data, "unix:gid", NOBODY);
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        TestPostgres postgres = new TestPostgres(home, data, port, asNobody);
        postgres.run("initdb", "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF-8", "--no-sync");
        postgres.run("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", options(port, data), "start");
        return postgres;
    }

    private static String options(int port, Path data) {
        return "-p " + port + " -F -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + data
                + " -c max_connections=200 -c fsync=off -c synchronous_commit=off";
    }

    private void stop() {
        if (!Files.exists(data)) {
            return;
        }
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
            deleteTree(data);
        } catch (IOException | RuntimeException e) {
            System.err.println("test PostgreSQL: could not stop: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one of PostgreSQL's programs to its end; its output goes to a log shown when it fails. */
    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asNobody) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.add(home.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("trawl-pg-" + program, ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish in 120 s: " + Files.readString(log));
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The binaries, unpacked once per machine and version, readable by nobody. */
    private static Path unpacked() throws IOException {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "trawl-postgres-" + VERSION);
        if (Files.isRegularFile(home.resolve(".complete"))) {
            return home;
        }
        Path partial = Files.createTempDirectory(home.getParent(), home.getFileName() + ".");
        Files.setPosixFilePermissions(partial, OPEN);
        try (InputStream packed = TestPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (packed == null) {
                throw new IOException(ARCHIVE + " is not on the test class path (io.zonky.test.postgres binaries)");
            }
            untar(new TarArchiveInputStream(new XZCompressorInputStream(packed)), partial);
        }
        Files.writeString(partial.resolve(".complete"), VERSION);
        try {
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another test JVM unpacked it first.
            deleteTree(partial);
            if (!Files.isRegularFile(home.resolve(".complete"))) {
                throw e;
            }
        }
        return home;
    }

    private static void untar(TarArchiveInputStream tar, Path into) throws IOException {
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            Path target = into.resolve(entry.getName()).normalize();
            if (!target.startsWith(into)) {
                throw new IOException("archive entry outside its directory: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, OPEN);
                continue;
            }
            Files.createDirectories(target.getParent());
            Files.setPosixFilePermissions(target.getParent(), OPEN);
            if (entry.isSymbolicLink()) {
                Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
            } else {
                Files.copy(tar, target);
                Files.setPosixFilePermissions(target, (entry.getMode() & 0100) != 0 ? OPEN
                        : PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
