package dev.trawl.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class RecordFileTest {
    private static final int BUFFER = 1 << 16;

    @Test
    void roundTripsNullsEmptyStringsAndNonAscii() throws IOException {
        try (RecordFile file = new RecordFile("trawl-test-")) {
            List<String> tuple = Arrays.asList(null, "", "plain", "café 日本語 😀", null, "\u0000\n\t\"");
            long offset = file.append(tuple);
            long second = file.append(List.of());
            assertEquals(new RecordFile.Entry(tuple, second), file.read(offset));
            assertEquals(new RecordFile.Entry(List.of(), file.size()), file.read(second));
        }
    }

    @Test
    void roundTripsStringsLongerThanTheBuffer() throws IOException {
        String ascii = "x".repeat(3 * BUFFER + 17);
        String multiByte = "é😀".repeat(BUFFER); // 6 bytes a repeat: far past the buffer, split mid-character
        try (RecordFile file = new RecordFile("trawl-test-")) {
            long first = file.append(List.of("before"));
            long big = file.append(Arrays.asList(ascii, null, multiByte));
            long last = file.append(List.of("after"));
            assertEquals(new RecordFile.Entry(List.of("before"), big), file.read(first));
            assertEquals(new RecordFile.Entry(Arrays.asList(ascii, null, multiByte), last), file.read(big));
            assertEquals(new RecordFile.Entry(List.of("after"), file.size()), file.read(last));
        }
    }

    @Test
    void readsManyEntriesSequentiallyAndByOffset() throws IOException {
        Random random = new Random(11);
        int n = 50_000;
        List<List<String>> tuples = new ArrayList<>(n);
        long[] offsets = new long[n];
        try (RecordFile file = new RecordFile("trawl-test-")) {
            for (int i = 0; i < n; i++) {
                List<String> tuple = Arrays.asList("http://example.com/" + i, random.nextInt(5) == 0 ? null : "p" + i);
                tuples.add(tuple);
                offsets[i] = file.append(tuple);
            }
            long offset = 0;
            for (int i = 0; i < n; i++) {
                assertEquals(offsets[i], offset);
                RecordFile.Entry entry = file.read(offset);
                assertEquals(tuples.get(i), entry.fields());
                offset = entry.next();
            }
            assertEquals(file.size(), offset);
            for (int k = 0; k < 2000; k++) {
                int i = random.nextInt(n);
                assertEquals(tuples.get(i), file.read(offsets[i]).fields(), "entry " + i);
            }
        }
    }

    @Test
    void appendsAfterReadsAreReadable() throws IOException {
        try (RecordFile file = new RecordFile("trawl-test-")) {
            long offset = file.append(List.of("a"));
            long next = file.read(offset).next(); // fills the read window while the file is short
            for (int i = 0; i < 3; i++) {
                long appended = file.append(List.of("b" + i, "y".repeat(BUFFER / 3)));
                assertEquals(next, appended);
                RecordFile.Entry entry = file.read(appended);
                assertEquals(List.of("b" + i, "y".repeat(BUFFER / 3)), entry.fields());
                next = entry.next();
            }
        }
    }

    @Test
    void readingPastTheEndFails() throws IOException {
        try (RecordFile file = new RecordFile("trawl-test-")) {
            file.append(List.of("only"));
            assertThrows(IllegalStateException.class, () -> file.read(file.size()));
        }
    }

    @Test
    void closeDeletesTheFile() throws IOException {
        assumeTrue(TempFiles.canTellOurs(), "needs /proc/self/fd to tell this process's files from others'");
        Set<Path> before = TempFiles.listed();
        RecordFile file = new RecordFile("trawl-test-");
        file.append(List.of("x"));
        Set<Path> ours = TempFiles.oursSince(before);
        assertEquals(Set.of("trawl-test-N.tmp"), TempFiles.names(ours));
        file.close();
        for (Path path : ours) {
            assertFalse(Files.exists(path));
        }
    }
}
