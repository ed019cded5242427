package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/trawl}, the launcher the build puts next to the jar: it runs the jar on the JDK the
 * build ran on (whatever java comes first on PATH) with its tuned options, writes the class-data
 * archive on its first run and uses it after, works through a symlink, and keeps stdout for records
 * only. {@link LauncherJavaTest} checks the order in which it looks for a java.
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
        return run(launcher, env -> { }, args);
    }

    private static JarProcess run(Path launcher, Consumer<Map<String, String>> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return JarProcess.start(command, environment, null);
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
    void theBuildWritesItsJdkIntoTheLauncher() throws Exception {
        // Failsafe runs these tests on the JDK the build selected, the one the launcher must name.
        assertTrue(Runtime.version().feature() >= 21, "tests run on Java " + Runtime.version());
        String home = Path.of(System.getProperty("java.home")).toRealPath().toString();
        assertTrue(Files.readAllLines(install()).contains("build_jdk='" + home + "'"), "build_jdk='" + home + "' in the launcher");
    }

    /** A newcomer's machine: an older java first on PATH, no JAVA_HOME. */
    @Test
    void runsWithAnOlderJavaFirstOnPathAndNoJavaHome() throws Exception {
        site.page("/", "Home", "/a").page("/a", "A");
        server.setDispatcher(site);
        Path launcher = install();
        Path oldJdk = Files.createDirectories(dir.resolve("jdk-17/bin"));
        Path java = Files.writeString(oldJdk.resolve("java"), "#!/bin/sh\necho \"the old java ran\" >&2\nexit 99\n");
        assertTrue(java.toFile().setExecutable(true));
        Files.writeString(oldJdk.resolveSibling("release"), "JAVA_VERSION=\"17.0.15\"\n");
        Consumer<Map<String, String>> newcomer = env -> {
            env.remove("JAVA_HOME");
            env.put("PATH", oldJdk + ":/usr/bin:/bin");
        };

        try (JarProcess trawl = run(launcher, newcomer, "--version")) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);
            assertEquals("trawl " + JarProcess.version() + System.lineSeparator(), trawl.stdout());
            assertEquals("", trawl.stderr());
        }
        try (JarProcess trawl = run(launcher, newcomer, "-q", "--delay=0", server.url("/").toString())) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);
            assertEquals(List.of(server.url("/").toString(), server.url("/a").toString()),
                    Records.parse(trawl.stdout()).keySet().stream().sorted().toList());
            assertEquals("", trawl.stderr());
        }
    }

    /** target/java, for the benchmark commands in README: the launcher's Java 21+, none of trawl's options. */
    @Test
    void theBuildsJavaLinkRunsTheLaunchersJavaAsItIs() throws Exception {
        Path link = JarProcess.jar().resolveSibling("java");
        assertTrue(Files.isSymbolicLink(link), "no link at " + link + ": run after `package`");
        assertEquals(Path.of("trawl"), Files.readSymbolicLink(link));
        Path oldJdk = Files.createDirectories(dir.resolve("jdk-17/bin"));
        Path old = Files.writeString(oldJdk.resolve("java"), "#!/bin/sh\necho \"the old java ran\" >&2\nexit 99\n");
        assertTrue(old.toFile().setExecutable(true));
        Files.writeString(oldJdk.resolveSibling("release"), "JAVA_VERSION=\"17.0.15\"\n");

        try (JarProcess java = run(link, env -> {
            env.remove("JAVA_HOME");
            env.put("PATH", oldJdk + ":/usr/bin:/bin");
        }, "-XX:+PrintCommandLineFlags", "-XshowSettings:properties", "-version")) {
            assertEquals(0, java.waitForExit(), java::stderr);
            Matcher version = Pattern.compile("java\\.specification\\.version = (\\d+)").matcher(java.stderr());
            assertTrue(version.find(), java::stderr);
            assertTrue(Integer.parseInt(version.group(1)) >= 21, java::stderr);
            assertFalse((java.stdout() + java.stderr()).contains("TieredStopAtLevel"), java::stdout);
            assertFalse(java.stderr().contains("the old java ran"), java::stderr);
        }
    }

    /**
     * Java 25+ is told not to wait at exit for threads in native code (the I/O poller never returns
     * from epoll_wait, so the wait was always its full 300 ms); Java 21, which has no such option and
     * would refuse to start with it, is not. A stand-in java writes down the options it got.
     */
    @Test
    void onlyJava25AndNewerIsToldNotToWaitAtExit() throws Exception {
        Path launcher = install();
        assertTrue(javaOptions(launcher, "25.0.1").contains("-XX:UserThreadWaitAttemptsAtExit=0"));
        assertTrue(javaOptions(launcher, "26").contains("-XX:UserThreadWaitAttemptsAtExit=0"));
        assertFalse(javaOptions(launcher, "21.0.7").stream().anyMatch(option -> option.startsWith("-XX:UserThreadWait")));
    }

    private List<String> javaOptions(Path launcher, String version) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("jdk-" + version + "/bin"));
        Path options = bin.resolveSibling("options.txt");
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + options + "'\n");
        assertTrue(java.toFile().setExecutable(true));
        Files.writeString(bin.resolveSibling("release"), "JAVA_VERSION=\"" + version + "\"\n");
        try (JarProcess trawl = run(launcher, env -> env.put("TRAWL_JAVA", java.toString()), "-q", "http://127.0.0.1:9/")) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);
        }
        return Files.readAllLines(options);
    }

    /**
     * With the exit wait gone the process ends as soon as the crawl returns, so everything must be
     * out by then: every record on a piped stdout, the -o file complete and forced to disk (strace,
     * where it can trace, sees the fdatasync), and --state committed (a second run finds nothing new).
     */
    @Test
    void aCrawlThatEndsWithoutTheExitWaitLosesNothing() throws Exception {
        int pages = 60;
        site.tree(pages, 3, Duration.ZERO);
        server.setDispatcher(site);
        Path launcher = install();
        String seed = server.url("/").toString();
        for (int round = 1; round <= 2; round++) { // the first run writes the class-data archive at exit, the second maps it
            try (JarProcess trawl = run(launcher, "-q", "--delay=0", "--max-depth=inf", "-c", "8", "--per-host=8", seed)) {
                assertEquals(0, trawl.waitForExit(), trawl::stderr);
                assertEquals(pages, Records.parse(trawl.stdout()).size(), "round " + round);
            }
        }

        Path out = dir.resolve("out.jsonl");
        Path trace = dir.resolve("strace.txt");
        List<String> command = new ArrayList<>();
        boolean traced = canTrace();
        if (traced) {
            command.addAll(List.of("strace", "-f", "-qq", "-e", "trace=openat,fdatasync,fsync", "-o", trace.toString()));
        }
        command.addAll(List.of(launcher.toString(), "-q", "--delay=0", "--max-depth=inf", "-c", "8", "--per-host=8", "-o", out.toString(), seed));
        try (JarProcess trawl = JarProcess.start(command, env -> { }, null)) {
            assertEquals(0, trawl.waitForExit(), trawl::stderr);
            assertEquals("", trawl.stdout());
        }
        assertEquals(pages, Records.parse(Files.readString(out)).size());
        if (traced) {
            String calls = Files.readString(trace);
            Matcher open = Pattern
                    .compile("openat\\([^\"]*\"" + Pattern.quote(out.toString()) + "\".*= (\\d+)$",
                            Pattern.MULTILINE)
                    .matcher(calls);
            assertTrue(open.find(), "the output's open in\n" + calls);
            assertTrue(calls.contains("fdatasync(" + open.group(1) + ")"), "fdatasync of the output in\n" + calls);
        }

        Path state = dir.resolve("crawl.db");
        try (JarProcess first = run(launcher, "-q", "--delay=0", "--max-depth=inf", "--state", state.toString(), seed)) {
            assertEquals(0, first.waitForExit(), first::stderr);
            assertEquals(pages, Records.parse(first.stdout()).size());
        }
        try (JarProcess second = run(launcher, "-q", "--delay=0", "--max-depth=inf", "--state", state.toString(), "--changed-only", seed)) {
            assertEquals(0, second.waitForExit(), second::stderr);
            assertEquals(Map.of(), Records.parse(second.stdout()), "the first run's state was committed");
        }
    }

    /**
     * The launcher's heap holds what a crawl of big pages at a high -c keeps at once: 48 pages of
     * 768 KB (each parsed as a whole tree, under the 1 MB streaming threshold) all in flight together,
     * their bodies sent slowly so every request is still reading when the others finish. A heap too
     * small for them would give pages an internal error instead of their record.
     */
    @Test
    void theHeapHoldsBigPagesAllInFlightAtOnce() throws Exception {
        int pages = 48;
        String[] links = new String[pages];
        String filler = "<p>" + "lorem ipsum dolor sit amet ".repeat(40) + "</p>\n";
        String body = "<html><head><title>Big</title></head><body>" + filler.repeat(768 * 1024 / filler.length()) + "</body></html>";
        for (int i = 0; i < pages; i++) {
            links[i] = "/big/" + i;
            site.route(links[i], request -> new MockResponse.Builder()
                    .addHeader("Content-Type", "text/html; charset=utf-8").body(body)
                    .throttleBody(64 * 1024, 20, TimeUnit.MILLISECONDS).build());
        }
        site.page("/", "Home", links);
        server.setDispatcher(site);
        Path launcher = install();
        for (int round = 1; round <= 2; round++) { // without, then with the class-data archive
            try (JarProcess trawl = run(launcher, "-q", "--delay=0", "-c", "64", "--per-host=64", server.url("/").toString())) {
                assertEquals(0, trawl.waitForExit(), trawl::stderr);
                Map<String, JsonNode> records = Records.parse(trawl.stdout());
                assertEquals(pages + 1, records.size(), "round " + round);
                records.values().forEach(record -> {
                    assertEquals(200, record.get("status").asInt(), record::toString);
                    assertTrue(record.get("error").isNull(), record::toString);
                });
            }
        }
    }

    /** Whether strace runs here (installed, and ptrace allowed). */
    private static boolean canTrace() throws InterruptedException {
        try {
            Process probe = new ProcessBuilder("strace", "-qq", "-e", "trace=none", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
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
