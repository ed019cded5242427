package dev.trawl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file's syntax: lines, comments, separators, keys and repeats. Its values are the command's (cli.SettingsFileTest). */
class ConfigFileTest {
    private static final Set<String> KEYS = Set.of("per-host", "concurrency", "delay", "include");
    private static final Set<String> REPEATABLE = Set.of("include");

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("trawl.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private List<String> read(String text) throws Exception {
        return ConfigFile.read(write(text), KEYS, REPEATABLE).entries().stream()
                .map(entry -> entry.line() + " " + entry.key() + "=" + entry.value()).toList();
    }

    private ConfigException failure(String text) throws IOException {
        Path file = write(text);
        return assertThrows(ConfigException.class, () -> ConfigFile.read(file, KEYS, REPEATABLE));
    }

    @Test
    void skipsCommentsAndBlankLines() throws Exception {
        assertEquals(List.of("5 per-host=2"), read("""
                # a comment
                ! also a comment

                   # indented comment
                per-host = 2
                """));
    }

    @Test
    void acceptsEqualsColonAndNoSpaces() throws Exception {
        assertEquals(List.of("1 per-host=2", "2 concurrency=5", "3 delay=500ms"), read("""
                per-host=2
                concurrency: 5
                delay = 500ms
                """));
    }

    @Test
    void valuesAreTrimmedAndMayBeEmpty() throws Exception {
        assertEquals(List.of("1 per-host=", "2 delay=1 s"), read("per-host =   \ndelay =  1 s  \n"));
    }

    @Test
    void entriesCarryTheirOrigin() throws Exception {
        Path file = write("\nper-host = 0\n");
        ConfigFile.Entry entry = ConfigFile.read(file, KEYS, REPEATABLE).entries().getFirst();
        assertEquals(file + ":2: per-host", entry.origin().label());
        assertFalse(entry.origin().commandLine());
    }

    @Test
    void unknownKeyNamesFileAndLineAndGuesses() throws Exception {
        ConfigException e = failure("# comment\nper-host = 2\nper_host = 3\n");
        assertEquals(dir.resolve("trawl.properties") + ":3: unknown key \"per_host\"; did you mean per-host?", e.getMessage());
        assertFalse(e.fromCommandLine());
        assertTrue(failure("threads = 4\n").getMessage().endsWith(
                ":1: unknown key \"threads\" (keys are the long option names without dashes, e.g. per-host)"));
    }

    @Test
    void lineWithoutSeparatorIsAnError() throws Exception {
        assertTrue(failure("per-host 2\n").getMessage().endsWith(":1: expected key = value, got \"per-host 2\""));
    }

    @Test
    void singleValuedKeyMayNotRepeat() throws Exception {
        assertTrue(failure("per-host = 2\nper-host = 3\n").getMessage().endsWith(":2: per-host: already set on line 1"));
    }

    @Test
    void repeatableKeyMayRepeat() throws Exception {
        assertEquals(List.of("1 include=a", "2 include=b"), read("include = a\ninclude: b\n"));
    }

    @Test
    void ignoresByteOrderMarkAndCrlf() throws Exception {
        assertEquals(List.of("1 per-host=2", "2 concurrency=3"), read("\uFEFFper-host = 2\r\nconcurrency = 3\r\n"));
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("nope.properties");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(missing, KEYS, REPEATABLE));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void directoryIsAnErrorNamingThePath() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(dir, KEYS, REPEATABLE));
        assertTrue(e.getMessage().startsWith(dir.toString() + ": "), e.getMessage());
    }

    @Test
    void nonUtf8FileIsAnError() throws IOException {
        Path file = dir.resolve("latin1.properties");
        Files.write(file, new byte[] {'d', 'e', 'l', 'a', 'y', '=', (byte) 0xE9});
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(file, KEYS, REPEATABLE));
        assertEquals(file + ": not UTF-8 text", e.getMessage());
    }
}
