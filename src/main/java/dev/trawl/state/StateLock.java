package dev.trawl.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock on a state: an OS lock on {@code FILE.lock}, which holds the holder's pid so
 * that a second trawl can name it. The OS drops the lock when its process dies, however it dies, so
 * a lock file left by a dead process is simply taken; the file itself is never deleted (deleting a
 * lock file races with a process that has just opened it).
 */
final class StateLock implements AutoCloseable {
    /** How long a contender waits for the holder to write its pid. */
    private static final java.time.Duration PID_WAIT = java.time.Duration.ofSeconds(1);

    private final FileChannel channel;

    private StateLock(FileChannel channel) {
        this.channel = channel;
    }

    static Path pathFor(Path state) {
        return state.resolveSibling(state.getFileName() + ".lock");
    }

    static StateLock take(Path state) throws StateLockedException, StateException {
        Path path = pathFor(state);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            // The lock file comes first, so this is where a missing directory shows.
            throw new StateException("no such directory: " + path.toAbsolutePath().getParent(), e);
        } catch (AccessDeniedException e) {
            throw new StateException("permission denied: cannot create the lock file " + path, e);
        } catch (IOException e) {
            throw new StateException("cannot open the lock file " + path + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // OS locks belong to the process: another store in this JVM holds it.
                throw new StateLockedException(message(state, ProcessHandle.current().pid()),
                        ProcessHandle.current().pid());
            }
            if (lock == null) {
                long holder = holderPid(channel);
                throw new StateLockedException(message(state, holder), holder);
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return new StateLock(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StateException("cannot lock " + path + ": " + e.getMessage(), e);
        } catch (StateLockedException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Releases the lock; the pid is cleared first so that a reader never names a process that let go. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
        } catch (IOException e) {
            // The pid stays in the file; harmless, since only the OS lock counts.
        }
        closeQuietly(channel); // closing the channel releases the lock
    }

    private static String message(Path state, long pid) {
        return "the state " + state + " is in use by " + (pid < 0 ? "another process" : "process " + pid);
    }

    /**
     * The holder writes its pid just after taking the lock, so a trawl started in the same instant
     * can find the file still empty: it looks again for a moment before giving up on naming it.
     */
    private static long holderPid(FileChannel channel) {
        long deadline = System.nanoTime() + PID_WAIT.toNanos();
        long pid = readPid(channel);
        while (pid < 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pid = readPid(channel);
        }
        return pid;
    }

    private static long readPid(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
