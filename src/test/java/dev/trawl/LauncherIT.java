package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/trawl}, the launcher the build puts next to the jar: it runs the jar on the JVM of
 * JAVA_HOME with its tuned options, writes the class-data archive on its first run and uses it
 * after, works through a symlink, and keeps stdout for records only.
 */
class LauncherIT {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final ScriptedSite site = new ScriptedSite();

    @TempDir
    private Path dir;

    /** The launcher and the jar copied into a fresh directory, as an installation would place them. */
    private Path install() throws Exception {
        Path built = JarProcess.jar().resolveSibling("trawl");
        assertTrue(Files.isExecutable(built), "no executable launcher at " + built + ": run after `package`");
        Path home = Files.createDirectories(dir.resolve("opt"));
        Files.copy(built, home.resolve("trawl"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(JarProcess.jar(), home.resolve("trawl.jar"));
        return home.resolve("trawl");
    }

    private static JarProcess run(Path launcher, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        // The launcher takes java from JAVA_HOME: the JDK running these tests (the default java may be older).
        return JarProcess.start(command, env -> env.put("JAVA_HOME", System.getProperty("java.home")), null);
    }

    @Test
    void theFirstCrawlWritesTheArchiveAndLaterRunsUseIt() throws Exception {
        site.page("/", "Home", "/a").page("/a", "A");
        server.setDispatcher(site);
        Path launcher = install();
        Path archive = launcher.resolveSibling("trawl.jsa");
        String version = "trawl " + JarProcess.version() + System.lineSeparator();

        assertVersion(launcher, version);
        assertFalse(Files.exists(archive), "--version must not make the archive: it would hold too few classes");
        for (int round = 1; round <= 2; round++) {
            try (JarProcess trawl = run(launcher, "-q", "--delay=0", server.url("/").toString())) {
                assertEquals(0, trawl.waitForExit(), trawl::stderr);
                assertEquals(2, Records.parse(trawl.stdout()).size(), "round " + round);
                assertEquals("", trawl.stderr(), "round " + round);
            }
            assertTrue(Files.size(archive) > 1_000_000, "an archive of the crawl's classes after round " + round);
        }
        assertVersion(launcher, version);

        // A rebuilt jar makes the next crawl write a new archive rather than run without one.
        FileTime old = Files.getLastModifiedTime(archive);
        Files.setLastModifiedTime(launcher.resolveSibling("trawl.jar"), FileTime.fromMillis(old.toMillis() + 60_000));
        try (JarProcess trawl = run(launcher, "-q", "--delay=0", server.url("/").toString())) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);
        }
        assertTrue(Files.getLastModifiedTime(archive).compareTo(old) > 0, "archive rewritten after the jar changed");
    }

    private static void assertVersion(Path launcher, String expected) throws Exception {
        try (JarProcess trawl = run(launcher, "--version")) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);
            assertEquals(expected, trawl.stdout());
            assertEquals("", trawl.stderr());
        }
    }

    @Test
    void anOlderJavaIsNamedWithoutStartingIt() throws Exception {
        Path launcher = install();
        Path oldJdk = Files.createDirectories(dir.resolve("jdk-17/bin"));
        Path java = Files.writeString(oldJdk.resolve("java"), "#!/bin/sh\necho ran >&2\nexit 99\n");
        java.toFile().setExecutable(true);
        Files.writeString(oldJdk.resolveSibling("release"), "JAVA_VERSION=\"17.0.15\"\n");

        List<String> command = List.of(launcher.toString(), "--version");
        try (JarProcess trawl = JarProcess.start(command, env -> env.put("JAVA_HOME", oldJdk.getParent().toString()), null)) {
            assertEquals(1, trawl.waitForExit());
            assertEquals("", trawl.stdout());
            assertEquals("trawl: needs Java 21 or newer, but " + java + " is Java 17: set JAVA_HOME to a newer JDK\n",
                    trawl.stderr());
        }
    }

    @Test
    void crawlsThroughASymlinkWithOnlyRecordsOnStdout() throws Exception {
        site.page("/", "Home", "/a", "/b").page("/a", "A", "/").page("/b", "B");
        server.setDispatcher(site);
        Path link = Files.createSymbolicLink(dir.resolve("trawl-link"), install());

        try (JarProcess trawl = run(link, "-q", "--delay=0", server.url("/").toString())) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);
            Map<String, JsonNode> records = Records.parse(trawl.stdout());
            assertEquals(List.of(server.url("/").toString(), server.url("/a").toString(), server.url("/b").toString()),
                    records.keySet().stream().sorted().toList());
            records.values().forEach(record -> assertEquals(200, record.get("status").asInt(), record::toString));
            assertEquals("", trawl.stderr());
        }
    }
}
