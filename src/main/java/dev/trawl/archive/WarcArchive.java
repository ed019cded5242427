package dev.trawl.archive;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * The crawl's WARC file ({@code --warc}, ISO 28500, WARC/1.1) written as exchanges end, for a crawl
 * whose state does not commit the archive with its pages (none, or a shared one): a {@code warcinfo}
 * record first, then each exchange's records ({@link WarcRecords}). With a size limit the archive
 * rolls over to numbered files ({@link WarcFiles}), each with its own warcinfo; records are never
 * split. Records come from many fetchers at once and are written whole, one exchange at a time. A
 * failed write is reported once and the archive stops: the crawl decides what that means.
 */
public final class WarcArchive implements AutoCloseable, Consumer<Exchange> {
    private final WarcFiles files;
    private final Consumer<IOException> failed;
    private final ReentrantLock lock = new ReentrantLock();
    private WarcWriter writer;
    private URI warcinfoId;
    private Path path;
    private boolean broken;

    private WarcArchive(WarcFiles files, Consumer<IOException> failed) {
        this.files = files;
        this.failed = failed;
    }

    /**
     * Creates (or replaces) the first file and writes its warcinfo record.
     *
     * @param keep   keep the files there are and go on in the next numbered one (FILE-00001.warc.gz after
     *               FILE.warc.gz): a worker of a shared crawl started again does not throw away what it
     *               archived before. A record the kill left torn at the end of the last of them is cut first.
     * @param failed told of the first write that fails
     */
    public static WarcArchive create(WarcFiles files, boolean keep, Consumer<IOException> failed) throws IOException {
        WarcArchive archive = new WarcArchive(files, failed);
        Path first = files.file(0);
        if (keep) {
            first = files.firstFree();
            Path last = files.last();
            if (last != null) {
                files.cutTornTail(last);
            }
        }
        archive.begin(first);
        return archive;
    }

    /** Opens the file and writes its warcinfo. */
    private void begin(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writer = new WarcWriter(channel, files.gzip() ? WarcCompression.GZIP : WarcCompression.NONE);
            Warcinfo warcinfo = files.warcinfo(file);
            writer.write(warcinfo);
            warcinfoId = warcinfo.id();
            path = file;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Writes the exchange's request and response records, one after the other. */
    @Override
    public void accept(Exchange exchange) {
        WarcRecords records = new WarcRecords(exchange);
        // A lock, not a monitor: fetchers are virtual threads, and a write blocks.
        lock.lock();
        try {
            if (broken) {
                return;
            }
            // Built under the lock: the records name the file's warcinfo, which a roll-over changes.
            for (WarcRecord record : records.build(warcinfoId)) {
                writer.write(record);
            }
            if (files.full(writer.position())) {
                writer.close();
                begin(WarcFiles.next(files.base(), path));
            }
        } catch (IOException e) {
            broken = true;
            failed.accept(e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the file; a failure is told like a failed write. */
    @Override
    public void close() {
        lock.lock();
        try {
            writer.close();
        } catch (IOException e) {
            if (!broken) {
                broken = true;
                failed.accept(e);
            }
        } finally {
            lock.unlock();
        }
    }
}
