package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.Fuzzer;
import dev.trawl.Gen;
import dev.trawl.config.ConfigException;
import dev.trawl.config.ConfigFormatsPropertiesTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A settings file of any content is either loaded or refused with a {@link ConfigException} naming
 * the file (issue 5), through the command as a run would read it: keys from the command's options,
 * values through their converters.
 */
class SettingsFilePropertiesTest {
    private static final String[] KEYS = new CommandLine(
            new TrawlCommand(InputStream.nullInputStream(), new ByteArrayOutputStream(), System.err))
            .getCommandSpec().options().stream().filter(SettingsFile::isSetting).map(SettingsFile::key)
            .toArray(String[]::new);

    private static final Gen<String> CONFIG_LINE = Gen.oneOf(
            Gen.concat(Gen.elements("", " ", "\t", "-", "--", "\ufeff"),
                    Gen.oneOf(Gen.elements(KEYS), Gen.elements("threads", "per_host", "Per-Host", "", "#x", "!x")),
                    Gen.elements(" = ", "=", ": ", " ", "", " == "),
                    Gen.oneOf(ConfigFormatsPropertiesTest.NEAR_VALID, Gen.elements("true", "false", "TRUE", "yes", "", "0",
                            "-1", "1", "4", "inf", "INF", "host", "domain", "any", "[", "(?<x", "a.db", "\u0000",
                            "2147483648", "9223372036854775808"))),
            Gen.elements("", "# comment", "! comment", "   "),
            Gen.anyString(30));

    @TempDir
    Path dir;

    // Fewer tries than the format properties: each input builds and parses the whole command, as a run does.

    @Test
    void aSettingsFileIsLoadedOrRefusedNamingTheFile() {
        Gen<List<String>> files = Gen.lists(Gen.strings(CONFIG_LINE), 0, 12);
        Fuzzer.forAll(200, files, lines -> {
            Path file = dir.resolve("trawl.properties");
            Files.write(file, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            try {
                TrawlCommand.configFor("--config=" + file);
            } catch (ConfigException refused) {
                assertTrue(refused.getMessage().startsWith(file.toString()), refused.getMessage());
                assertFalse(refused.fromCommandLine());
            }
        });
    }

    @Test
    void aSettingsFileOfArbitraryBytesIsLoadedOrRefused() throws IOException {
        Path file = dir.resolve("junk.properties");
        Fuzzer.forAll(100, Gen.anyBytes(300), bytes -> {
            Files.write(file, bytes);
            try {
                TrawlCommand.configFor("--config=" + file);
            } catch (ConfigException refused) {
                assertTrue(refused.getMessage().startsWith(file.toString()), refused.getMessage());
            }
        });
    }
}
