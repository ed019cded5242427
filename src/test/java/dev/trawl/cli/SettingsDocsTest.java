package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What users read about the settings comes from the one declaration of each option (issue 10,
 * point 9): {@code config/trawl.properties} shows every settings-file key of the command's model at
 * its declared default, and the README's options table names every option. A new option without
 * its line in either fails here.
 */
class SettingsDocsTest {
    private static final Pattern LINE = Pattern.compile("^(#\\s*)?([a-z-]+)\\s*=(.*)$", Pattern.MULTILINE);

    private static List<OptionSpec> options() {
        return new CommandLine(new TrawlCommand(InputStream.nullInputStream(), new ByteArrayOutputStream(), System.err))
                .getCommandSpec().options();
    }

    /** The settings file's lines by key: the value as written, and whether the line is commented out. */
    private record Line(String value, boolean commented) {
    }

    private static Map<String, Line> shippedLines() throws IOException {
        Path shipped = Path.of("config/trawl.properties");
        assertTrue(Files.isRegularFile(shipped), "run from the project root: " + shipped.toAbsolutePath());
        Map<String, Line> lines = new LinkedHashMap<>();
        Matcher m = LINE.matcher(Files.readString(shipped));
        while (m.find()) {
            Line line = new Line(m.group(3).strip(), m.group(1) != null);
            Line earlier = lines.get(m.group(2));
            if (earlier == null || earlier.commented() && !line.commented()) {
                lines.put(m.group(2), line);
            }
        }
        return lines;
    }

    @Test
    void shippedSettingsFileShowsEverySettingAtItsDeclaredDefault() throws IOException {
        Map<String, Line> lines = shippedLines();
        List<String> wrong = new ArrayList<>();
        for (OptionSpec option : options()) {
            if (!SettingsFile.isSetting(option)) {
                continue;
            }
            String key = SettingsFile.key(option);
            Line line = lines.get(key);
            String declared = option.defaultValue();
            String expected;
            if (declared != null) {
                expected = key + " = " + declared;
            } else if (option.typeInfo().isBoolean()) {
                expected = key + " = false";
            } else {
                expected = key + " = (empty, or a commented example)";
            }
            boolean ok = line != null && (declared != null ? !line.commented() && line.value().equals(declared)
                    : option.typeInfo().isBoolean() ? !line.commented() && line.value().equals("false")
                    : line.commented() || line.value().isEmpty());
            // A default that names the build (trawl/<version>) cannot be written down; an example stands for it.
            if (!ok && declared != null && line != null && line.commented() && declared.contains("trawl/")) {
                ok = true;
            }
            if (!ok) {
                wrong.add(expected + ", found " + (line == null ? "no line" : (line.commented() ? "# " : "") + key + " = " + line.value()));
            }
        }
        assertEquals(List.of(), wrong, "config/trawl.properties against the command's declared defaults");
    }

    @Test
    void shippedSettingsFileHasNoKeyTheCommandLacks() throws IOException {
        Set<String> keys = new TreeSet<>();
        options().stream().filter(SettingsFile::isSetting).forEach(option -> keys.add(SettingsFile.key(option)));
        List<String> unknown = shippedLines().keySet().stream().filter(key -> !keys.contains(key)).toList();
        assertEquals(List.of(), unknown);
    }

    @Test
    void readmeOptionsTableNamesEveryOption() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Options");
        assertTrue(start >= 0, "README.md has an Options section");
        int end = readme.indexOf("\n## ", start + 1);
        String table = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> missing = new ArrayList<>();
        for (OptionSpec option : options()) {
            for (String name : option.names()) {
                if (!Pattern.compile("`[^`]*" + Pattern.quote(name) + "\\b[^`]*`").matcher(table).find()) {
                    missing.add(name);
                }
            }
        }
        assertEquals(List.of(), missing, "options missing from README.md's options table");
    }
}
