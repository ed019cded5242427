package dev.trawl.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** A file name ({@code --state}, {@code -o}, {@code --config}): not blank, and one the file system can take. */
final class FileConverter extends FormatConverter<Path> {
    @Override
    Path parse(String text) {
        if (text == null || text.isBlank()) {
            throw refuse("must not be blank");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw refuse("not a valid file name: " + e.getReason());
        }
    }
}
