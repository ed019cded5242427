package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which java the launcher (src/main/launcher/trawl) runs: TRAWL_JAVA, else the first Java 21+ of the
 * build's JDK, JAVA_HOME, PATH and the newest JDK in the usual install locations. Each candidate is a
 * fake JDK: a release file with its version and a bin/java that only prints which fake it is, so the
 * test sees the choice without starting a JVM, and an older fake that ran would show on stdout.
 */
class LauncherJavaTest {
    private static final Path SOURCE = Path.of("src/main/launcher/trawl");

    @TempDir
    private Path dir;

    /** A fake JDK home whose release file says {@code version} and whose java prints "fake-NAME args". */
    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"fake-" + name + " $*\"\n");
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** The launcher copied as the build writes it: with {@code buildJdk} as the JDK the build ran on (null: none). */
    private Path launcher(Path buildJdk) throws IOException {
        assertTrue(Files.isRegularFile(SOURCE), "no launcher at " + SOURCE.toAbsolutePath());
        String script = Files.readString(SOURCE);
        String record = "build_jdk=" + (buildJdk == null ? "" : "'" + buildJdk + "'");
        String built = script.replaceFirst("(?m)^build_jdk=.*$", Matcher.quoteReplacement(record));
        assertTrue(built.contains("\n" + record + "\n"), "no build_jdk= line in " + SOURCE);
        Path launcher = Files.writeString(Files.createDirectories(dir.resolve("opt")).resolve("trawl"), built);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    /** The environment of a user with only these variables: PATH (then /usr/bin:/bin for sh's tools), HOME. */
    private Consumer<Map<String, String>> env(Path javaHome, Path pathJdk, Map<String, String> more) {
        return env -> {
            env.keySet().removeIf(name -> name.startsWith("JAVA") || name.startsWith("TRAWL_"));
            env.put("HOME", dir.resolve("home").toString());
            env.put("PATH", (pathJdk == null ? "" : pathJdk.resolve("bin") + ":") + "/usr/bin:/bin");
            if (javaHome != null) {
                env.put("JAVA_HOME", javaHome.toString());
            }
            env.putAll(more);
        };
    }

    private static JarProcess run(List<String> command, Consumer<Map<String, String>> env) throws InterruptedException {
        JarProcess launcher = JarProcess.start(command, env, null);
        launcher.waitForExit();
        return launcher;
    }

    private static JarProcess version(Path launcher, Consumer<Map<String, String>> env) throws InterruptedException {
        return run(List.of(launcher.toString(), "--version"), env);
    }

    private static void assertRan(String fake, JarProcess launcher) throws InterruptedException {
        assertEquals(0, launcher.waitForExit(), launcher::stderr);
        String out = launcher.stdout();
        assertTrue(out.startsWith("fake-" + fake + " ") && out.endsWith(" --version\n"), () -> "expected fake-" + fake + ", got: " + out);
        assertEquals("", launcher.stderr());
    }

    @Test
    void runsTheBuildsJdkBeforeJavaHomeAndPath() throws Exception {
        Path launcher = launcher(jdk("24", "24.0.2"));
        assertRan("24", version(launcher, env(jdk("23", "23"), jdk("22", "22.0.1"), Map.of())));
    }

    @Test
    void runsJavaHomeBeforePathWhenTheBuildsJdkIsGone() throws Exception {
        Path launcher = launcher(dir.resolve("uninstalled-jdk"));
        assertRan("23", version(launcher, env(jdk("23", "23"), jdk("22", "22.0.1"), Map.of())));
    }

    @Test
    void skipsAJavaHomeOlderThan21() throws Exception {
        Path launcher = launcher(null);
        assertRan("22", version(launcher, env(jdk("17", "17.0.15"), jdk("22", "22.0.1"), Map.of())));
    }

    @Test
    void skipsABuildsJdkOlderThan21() throws Exception {
        Path launcher = launcher(jdk("17", "17.0.15"));
        assertRan("21", version(launcher, env(jdk("21", "21.0.8"), null, Map.of())));
    }

    @Test
    void fallsBackToTheNewestJdkInTheUsualLocations() throws Exception {
        Path launcher = launcher(null);
        Path home = dir.resolve("home");
        // Newer than any real JDK in /usr/lib/jvm, which the launcher looks at too.
        Files.move(jdk("98", "98.0.1"), Files.createDirectories(home.resolve(".jdks")).resolve("98"));
        Files.move(jdk("99", "99"), Files.createDirectories(home.resolve(".sdkman/candidates/java")).resolve("99"));
        Files.move(jdk("java8", "1.8.0_392"), home.resolve(".jdks/java8"));
        assertRan("99", version(launcher, env(jdk("17", "17.0.15"), jdk("17", "17.0.15"), Map.of())));
    }

    @Test
    void trawlJavaComesFirst() throws Exception {
        Path launcher = launcher(jdk("24", "24"));
        Path chosen = jdk("22", "22").resolve("bin/java");
        assertRan("22", version(launcher, env(jdk("23", "23"), null, Map.of("TRAWL_JAVA", chosen.toString()))));
    }

    @Test
    void anOlderTrawlJavaIsRefusedWithoutStartingIt() throws Exception {
        Path launcher = launcher(jdk("24", "24"));
        Path old = jdk("17", "17.0.15").resolve("bin/java");
        JarProcess trawl = version(launcher, env(null, null, Map.of("TRAWL_JAVA", old.toString())));
        assertEquals(1, trawl.waitForExit());
        assertEquals("", trawl.stdout());
        assertEquals("trawl: needs Java 21 or newer, but TRAWL_JAVA=" + old + " is Java 17\n", trawl.stderr());
    }

    /**
     * No Java 21+ anywhere: the machine's install locations are hidden by empty file systems mounted over
     * them in a private mount namespace (unshare), so the test holds on a machine that has a JDK 21+.
     */
    @Test
    void namesWhatItTriedWhenThereIsNoJava21() throws Exception {
        List<String> hide = new ArrayList<>();
        for (String location : List.of("/usr/lib/jvm", "/usr/java", "/opt/java", "/Library/Java/JavaVirtualMachines")) {
            if (Files.isDirectory(Path.of(location))) {
                hide.add("mount -t tmpfs none " + location);
            }
        }
        hide.add("exec \"$0\" \"$@\"");
        List<String> inNamespace = List.of("unshare", "--map-root-user", "--mount", "sh", "-c", String.join(" && ", hide));
        assumeTrue(run(concat(inNamespace, "true"), env -> { }).waitForExit() == 0,
                "needs unshare with user and mount namespaces");

        Path launcher = launcher(dir.resolve("uninstalled-jdk"));
        Path old = jdk("17", "17.0.15");
        JarProcess trawl = run(concat(inNamespace, launcher.toString(), "--version"), env(old, old, Map.of()));
        assertEquals(1, trawl.waitForExit(), trawl::stderr);
        assertEquals("", trawl.stdout());
        String java = old.resolve("bin/java").toString();
        assertEquals("trawl: needs Java 21 or newer and found none; tried the build's JDK " + dir.resolve("uninstalled-jdk/bin/java")
                + " (not found), JAVA_HOME " + java + " (Java 17), PATH " + java + " (Java 17), the JDKs in /usr/lib/jvm, /usr/java,"
                + " /opt/java, /Library/Java/JavaVirtualMachines, ~/.sdkman/candidates/java and ~/.jdks (none)."
                + " Install JDK 21 or newer, or set TRAWL_JAVA to its bin/java\n", trawl.stderr());
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
