package dev.trawl.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A settings file in the style of {@code config/trawl.properties}: one {@code key = value} a line
 * ({@code key: value} and {@code key=value} too; the first {@code =} or {@code :} separates),
 * UTF-8, lines starting with {@code #} or {@code !} are comments, blank lines are skipped. Keys
 * are the long option names without dashes. Values are taken literally after trimming: unlike Java
 * properties files there are no backslash escapes and no line continuations, so a regex is written
 * exactly as on the command line, and a {@code #} inside a value is part of it.
 *
 * <p>This class checks the syntax: which keys exist, and which may repeat (each line of
 * {@code include}, {@code exclude} or {@code header} adds one), comes from the command's options;
 * any other key may appear once. The values are converted and checked by the options they set, the
 * same way as a flag's.
 */
public final class ConfigFile {
    /** One setting line: its key, its value as written (trimmed, maybe empty), and where it is. */
    public record Entry(String key, String value, int line, Origin origin) {
    }

    private final List<Entry> entries;

    private ConfigFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads and checks the syntax and keys.
     *
     * @param keys       every key the file may set
     * @param repeatable the keys that may appear on more than one line
     */
    public static ConfigFile read(Path file, Set<String> keys, Set<String> repeatable) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(Origin.file(file), "no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigException(Origin.file(file), "permission denied");
        } catch (CharacterCodingException e) {
            throw new ConfigException(Origin.file(file), "not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(Origin.file(file), "cannot read: " + (Files.isDirectory(file) ? "is a directory" : e.getMessage()));
        }
        return parse(file, lines, keys, repeatable);
    }

    static ConfigFile parse(Path file, List<String> lines, Set<String> keys, Set<String> repeatable) throws ConfigException {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = (i == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(i)).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int separator = indexOfSeparator(line);
            if (separator < 0) {
                throw new ConfigException(new Origin(file + ":" + number, false),
                        "expected key = value, got " + DurationFormat.quote(line));
            }
            String key = line.substring(0, separator).strip();
            Origin origin = Origin.fileLine(file, number, key);
            if (!keys.contains(key)) {
                throw new ConfigException(new Origin(file + ":" + number, false), unknownKey(key, keys));
            }
            Integer earlier = seen.putIfAbsent(key, number);
            if (earlier != null && !repeatable.contains(key)) {
                throw new ConfigException(origin, "already set on line " + earlier);
            }
            entries.add(new Entry(key, line.substring(separator + 1).strip(), number, origin));
        }
        return new ConfigFile(entries);
    }

    /** The setting lines, in file order. */
    public List<Entry> entries() {
        return entries;
    }

    private static int indexOfSeparator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }

    private static String unknownKey(String key, Set<String> keys) {
        String message = "unknown key " + DurationFormat.quote(key);
        String guess = key.replaceFirst("^-+", "").replace('_', '-').toLowerCase(Locale.ROOT);
        return keys.contains(guess) ? message + "; did you mean " + guess + "?"
                : message + " (keys are the long option names without dashes, e.g. per-host)";
    }
}
