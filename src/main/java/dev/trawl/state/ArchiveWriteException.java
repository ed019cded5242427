package dev.trawl.state;

import java.io.IOException;
import java.nio.file.Path;

/** A commit could not write its WARC records (a full disk): the crawl stops as for a failed output, and says which file. */
public final class ArchiveWriteException extends IOException {
    private final transient Path file;

    ArchiveWriteException(Path file, IOException cause) {
        super("cannot write the WARC file " + file + ": " + cause.getMessage(), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Why the write failed. */
    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
