package dev.trawl.frontier;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The frontier's temporary files, found the way a user would: {@code trawl-*} files in
 * {@code java.io.tmpdir}. Other crawls (other test runs included) may create such files in the
 * same directory at the same time, so "ours" are the new ones this process has open.
 */
final class TempFiles {
    private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"));
    private static final Path OPEN_FILES = Path.of("/proc/self/fd");

    private TempFiles() {
    }

    static boolean canTellOurs() {
        return Files.isDirectory(OPEN_FILES);
    }

    /** Every {@code trawl-*} file in the temporary directory, as real paths. */
    static Set<Path> listed() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.getFileName().toString().startsWith("trawl-"))
                    .map(TempFiles::real)
                    .collect(Collectors.toSet());
        }
    }

    /** The files listed now and not in {@code before} that this process holds open. */
    static Set<Path> oursSince(Set<Path> before) throws IOException {
        Set<Path> open = new HashSet<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(OPEN_FILES)) {
            for (Path descriptor : descriptors) {
                try {
                    open.add(Files.readSymbolicLink(descriptor));
                } catch (IOException e) {
                    // closed while listing (the directory stream's own descriptor, typically)
                }
            }
        }
        Set<Path> ours = new HashSet<>(listed());
        ours.removeAll(before);
        ours.retainAll(open);
        return ours;
    }

    static Set<String> names(Set<Path> files) {
        return files.stream().map(p -> p.getFileName().toString().replaceAll("[0-9]+\\.tmp$", "N.tmp"))
                .collect(Collectors.toSet());
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath(); // deleted meanwhile
        }
    }
}
