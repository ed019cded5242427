package dev.trawl.state;

import dev.trawl.archive.WarcFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * WARC records waiting for the next commit, and the files of {@code --warc} they go to. Unlike the
 * output's lines they are written and forced to disk before the commit's transaction, which then
 * records where they end ({@code runs.warc_file}, {@code runs.warc_length}): a crash between the two
 * leaves records after the committed end, of pages the resume fetches again, and the resume cuts
 * them ({@link #resume}). Before and not after, because a batch may roll over into the next file:
 * the transaction need only say where the batch ends, and a resume need only cut, never finish a
 * write across files; and the records, bodies and all, are not copied into the state on the way.
 * Written with {@link RandomAccessFile} for the reason {@link PendingOutput} is. Not thread-safe;
 * the store's lock guards it.
 */
final class PendingArchive {
    private final WarcFiles files;
    private final List<byte[]> pending = new ArrayList<>();
    private long pendingBytes;
    private Path path;
    private long length;
    /** Opened by the first write into {@link #path}. */
    private RandomAccessFile file;

    private PendingArchive(WarcFiles files, Path path, long length) {
        this.files = files;
        this.path = path;
        this.length = length;
    }

    /** Begins the archive in a new file, {@code path}: its warcinfo goes first, with its first records. */
    static PendingArchive begin(WarcFiles files, Path path) {
        return new PendingArchive(files, path, 0);
    }

    /**
     * Goes on where the run's committed records end: in {@code path}, after {@code length} bytes,
     * once what a crash left after them is cut ({@link #cut}).
     */
    static PendingArchive resume(WarcFiles files, Path path, long length) throws ArchiveWriteException {
        return new PendingArchive(files, path, cut(files.base(), path, length));
    }

    /**
     * Cuts an archive back to its committed end: {@code path} to {@code length} bytes, and the files
     * of {@code base} that a roll-over began after it are deleted. What goes is records of pages
     * that were not committed (the crash came between their write and the commit), a torn one among
     * them. A file found shorter is left as it is (its end went in other hands). Returns the length
     * the file now has.
     */
    static long cut(Path base, Path path, long length) throws ArchiveWriteException {
        long kept = 0;
        try {
            if (Files.exists(path)) {
                try (RandomAccessFile cut = new RandomAccessFile(path.toFile(), "rw")) {
                    kept = Math.min(cut.length(), length);
                    if (cut.length() > kept) {
                        cut.setLength(kept);
                        cut.getFD().sync();
                    }
                }
            }
            for (Path next = WarcFiles.next(base, path); Files.deleteIfExists(next); next = WarcFiles.next(base, next)) {
                // deleted: begun by a roll-over after the last commit
            }
        } catch (IOException e) {
            throw new ArchiveWriteException(path, e);
        }
        return kept;
    }

    Path path() {
        return path;
    }

    /** Bytes of {@link #path} written, the pending records aside. */
    long length() {
        return length;
    }

    long pendingBytes() {
        return pendingBytes;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** One exchange's records, whole: a roll-over never comes between them. */
    void add(byte[] records) {
        pending.add(records);
        pendingBytes += records.length;
    }

    /**
     * Writes the pending records and forces them to disk. A file that has reached the size limit is
     * closed before the next records, which begin the next file after its warcinfo; then {@link
     * #path} and {@link #length} say where the records end.
     */
    void write() throws ArchiveWriteException {
        try {
            for (byte[] records : pending) {
                if (length > 0 && files.full(length)) {
                    roll();
                }
                if (length == 0) {
                    append(files.header(path));
                }
                append(records);
            }
            if (file != null) {
                file.getFD().sync();
            }
        } catch (IOException e) {
            throw new ArchiveWriteException(path, e);
        } finally {
            discard(); // written or failed: either way no longer pending
        }
    }

    private void roll() throws IOException {
        if (file != null) {
            file.getFD().sync();
            file.close();
            file = null;
        }
        path = WarcFiles.next(files.base(), path);
        length = 0;
    }

    private void append(byte[] bytes) throws IOException {
        if (file == null) {
            file = new RandomAccessFile(path.toFile(), "rw");
            file.setLength(length);
            file.seek(length);
        }
        file.write(bytes);
        length += bytes.length;
    }

    void discard() {
        pending.clear();
        pendingBytes = 0;
    }

    void close() {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            // Everything committed was synced already.
        }
        file = null;
    }
}
