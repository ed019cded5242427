package dev.trawl.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/** A WARC file a kill tore at any byte is cut back to its last whole record, and reads to its end. */
class TornTailTest {
    @TempDir
    Path dir;

    /** Records of a few exchanges, bodies empty, small and larger than a read buffer, each record on its own. */
    private static List<byte[]> records(boolean gzip) {
        Random random = new Random(7);
        List<byte[]> records = new ArrayList<>();
        for (int size : new int[] {0, 120, 20_000, 3}) {
            byte[] body = new byte[size];
            random.nextBytes(body); // incompressible: a gzip member as long as the record
            Exchange exchange = new Exchange(Instant.parse("2025-03-01T10:00:00Z"), URI.create("http://a.test/" + size),
                    null, "HTTP/1.1", "GET", "/" + size, List.<String[]>of(new String[] {"Host", "a.test"}), 200, "OK",
                    List.<String[]>of(new String[] {"Content-Length", Integer.toString(size)}), body, null, null);
            for (WarcRecord record : new WarcRecords(exchange).build(null)) {
                records.add(WarcRecords.bytes(List.of(record), gzip));
            }
        }
        return records;
    }

    @ParameterizedTest(name = "gzip {0}")
    @ValueSource(booleans = {true, false})
    void aFileCutAtAnyByteEndsAfterItsLastWholeRecord(boolean gzip) throws IOException {
        List<byte[]> records = records(gzip);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        TreeSet<Integer> ends = new TreeSet<>(List.of(0));
        for (byte[] record : records) {
            whole.writeBytes(record);
            ends.add(whole.size());
        }
        byte[] bytes = whole.toByteArray();
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int at = 0; at <= bytes.length; at += 37) {
            cuts.add(at);
        }
        for (int end : ends) { // right at a record's end, and a byte either side
            cuts.addAll(List.of(Math.max(0, end - 1), end, Math.min(bytes.length, end + 1)));
        }
        Path file = dir.resolve(gzip ? "torn.warc.gz" : "torn.warc");
        for (int at : cuts) {
            Files.write(file, Arrays.copyOf(bytes, at));

            TornTail.cut(file, gzip);

            int expected = ends.floor(at);
            assertArrayEquals(Arrays.copyOf(bytes, expected), Files.readAllBytes(file), "torn at " + at);
            assertEquals(ends.headSet(expected, true).size() - 1, readToTheEnd(file), "torn at " + at);
        }
    }

    /** A worker of a shared crawl started again cuts its last file's torn record, then goes on in a new file. */
    @Test
    void anArchiveKeepingItsFilesCutsTheTornRecordOfTheLastOne() throws IOException {
        WarcFiles files = new WarcFiles(dir.resolve("worker.warc.gz"), OptionalLong.empty(), Map.of("software", "test"),
                Clock.systemUTC());
        List<byte[]> records = records(true);
        byte[] first = files.header(files.base());
        Files.write(files.base(), first);
        Files.write(files.base(), records.get(0), StandardOpenOption.APPEND);
        Files.write(files.base(), Arrays.copyOf(records.get(1), records.get(1).length / 2),
                StandardOpenOption.APPEND);

        WarcArchive.create(files, true, e -> { throw new AssertionError(e); }).close();

        assertEquals(2, readToTheEnd(files.base()), "the warcinfo and the whole request record");
        assertEquals(first.length + records.get(0).length, Files.size(files.base()));
        assertEquals(1, readToTheEnd(dir.resolve("worker-00001.warc.gz")), "the next file, begun with its warcinfo");
    }

    /** Reads every record to its end with jwarc; returns how many (any torn one fails the test). */
    private static int readToTheEnd(Path file) throws IOException {
        int count = 0;
        try (WarcReader reader = new WarcReader(file)) {
            reader.calculateBlockDigest();
            for (WarcRecord record : reader) {
                record.body().consume();
                count++;
            }
        }
        return count;
    }
}
