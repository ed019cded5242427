package dev.trawl.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedReaderTest {
    private static final InputStream NO_STDIN = InputStream.nullInputStream();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private Path seedFile(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private Path seedFile(String text) throws IOException {
        return seedFile("seeds.txt", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> drain(SeedReader seeds) {
        List<String> urls = new ArrayList<>();
        seeds.forEachRemaining(url -> urls.add(url.toString()));
        return urls;
    }

    private List<String> readFile(Path file) throws Exception {
        try (SeedReader seeds = SeedReader.open(List.of(), Optional.of(file.toString()), NO_STDIN, err)) {
            return drain(seeds);
        }
    }

    @Test
    void yieldsArgumentsBeforeFileLines() throws Exception {
        Path file = seedFile("http://c.example/\n");
        try (SeedReader seeds = SeedReader.open(List.of("http://a.example/", "https://b.example/x#frag"),
                Optional.of(file.toString()), NO_STDIN, err)) {
            assertEquals(List.of("http://a.example/", "https://b.example/x", "http://c.example/"), drain(seeds));
            assertEquals(3, seeds.accepted());
        }
    }

    @Test
    void skipsBlankAndCommentLines() throws Exception {
        Path file = seedFile("""
                # seeds
                http://a.example/

                   \t
                   # indented comment
                http://b.example/
                """);
        assertEquals(List.of("http://a.example/", "http://b.example/"), readFile(file));
        assertEquals("", err());
    }

    @Test
    void toleratesCrlfByteOrderMarkAndSurroundingSpace() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "http://a.example/\r\n  http://b.example/  \r\n\r\nhttp://c.example/".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(body, 0, content, bom.length, body.length);
        assertEquals(List.of("http://a.example/", "http://b.example/", "http://c.example/"),
                readFile(seedFile("seeds.txt", content)));
        assertEquals("", err());
    }

    @Test
    void reportsABadLineWithFileAndLineAndGoesOn() throws Exception {
        Path file = seedFile("""
                http://a.example/
                # comment
                ftp://x
                http://b.example/
                """);
        try (SeedReader seeds = SeedReader.open(List.of(), Optional.of(file.toString()), NO_STDIN, err)) {
            assertEquals(List.of("http://a.example/", "http://b.example/"), drain(seeds));
            assertEquals(2, seeds.accepted());
            assertEquals(1, seeds.rejected());
        }
        assertEquals("trawl: " + file + ":3: not an http(s) URL: \"ftp://x\"" + System.lineSeparator(), err());
    }

    @Test
    void reportsABadArgumentByPosition() throws Exception {
        try (SeedReader seeds = SeedReader.open(List.of("http://a.example/", "example.com"), Optional.empty(), NO_STDIN, err)) {
            assertEquals(List.of("http://a.example/"), drain(seeds));
        }
        assertEquals("trawl: argument 2: not an http(s) URL: \"example.com\"" + System.lineSeparator(), err());
    }

    @Test
    void neverPrintsCredentials() throws Exception {
        Path file = seedFile("""
                ftp://alice:s3cret@files.example/x
                gopher://bob:hunter2@h.example
                carol:pa55@host.example
                ftp://dave:p@ss@host.example/path@x
                """);
        readFile(file);
        String shown = err();
        for (String secret : List.of("alice", "s3cret", "bob", "hunter2", "carol", "pa55", "dave", "p@ss")) {
            assertFalse(shown.contains(secret), secret + " in " + shown);
        }
        assertTrue(shown.contains("\"ftp://***@files.example/x\""), shown);
        assertTrue(shown.contains("\"***@host.example\""), shown);
        assertTrue(shown.contains("\"ftp://***@host.example/path@x\""), shown);
    }

    @Test
    void truncatesLongLinesInMessages() throws Exception {
        String longLine = "ftp://example.com/" + "a".repeat(1000);
        readFile(seedFile(longLine + "\n"));
        String shown = err().strip();
        assertTrue(shown.length() < 300, shown);
        assertTrue(shown.endsWith("... (1018 characters)"), shown);
    }

    @Test
    void escapesControlCharactersInMessages() throws Exception {
        readFile(seedFile("ftp://x/\u001b[31mred\n"));
        assertTrue(err().contains("\"ftp://x/\\u001b[31mred\""), err());
    }

    @Test
    void skipsAnOverlongLineWithoutHoldingIt() throws Exception {
        Path file = seedFile("http://a.example/" + "a".repeat(SeedReader.MAX_LINE) + "\nhttp://b.example/\n");
        assertEquals(List.of("http://b.example/"), readFile(file));
        assertEquals("trawl: " + file + ":1: line longer than 65536 characters" + System.lineSeparator(), err());
    }

    @Test
    void readsStdinForDash() throws Exception {
        InputStream stdin = new ByteArrayInputStream("http://a.example/\nnot a url\n".getBytes(StandardCharsets.UTF_8));
        try (SeedReader seeds = SeedReader.open(List.of(), Optional.of("-"), stdin, err)) {
            assertEquals(List.of("http://a.example/"), drain(seeds));
        }
        assertEquals("trawl: <stdin>:2: not an http(s) URL: \"not a url\"" + System.lineSeparator(), err());
    }

    @Test
    void doesNotCloseStdin() throws Exception {
        boolean[] closed = {false};
        InputStream stdin = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        SeedReader.open(List.of(), Optional.of("-"), stdin, err).close();
        assertFalse(closed[0]);
    }

    @Test
    void missingFileIsAnError() {
        SeedException e = assertThrows(SeedException.class,
                () -> SeedReader.open(List.of(), Optional.of(dir.resolve("nope.txt").toString()), NO_STDIN, err));
        assertEquals(dir.resolve("nope.txt") + ": no such file", e.getMessage());
    }

    @Test
    void directoryIsAnError() {
        SeedException e = assertThrows(SeedException.class,
                () -> SeedReader.open(List.of(), Optional.of(dir.toString()), NO_STDIN, err));
        assertEquals(dir + ": is a directory", e.getMessage());
    }

    @Test
    void countsNothingWhenNoLineIsValid() throws Exception {
        try (SeedReader seeds = SeedReader.open(List.of("nope"), Optional.of(seedFile("# only\nmailto:a@b\n").toString()), NO_STDIN, err)) {
            assertFalse(seeds.hasNext());
            assertEquals(0, seeds.accepted());
            assertEquals(2, seeds.rejected());
            assertThrows(NoSuchElementException.class, seeds::next);
        }
    }

    @Test
    void reportsALineThatIsNotUtf8AndGoesOn() throws Exception {
        byte[] content = "http://a.example/\nhttp://b.example/\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = seedFile("seeds.txt", content);
        assertEquals(List.of("http://a.example/"), readFile(file));
        assertEquals("trawl: " + file + ":2: not UTF-8 text" + System.lineSeparator(), err());
    }

    @Test
    void iteratesALargeFile() throws Exception {
        Path file = dir.resolve("big.txt");
        int lines = 200_000;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < lines; i++) {
                out.write("https://site" + (i % 100) + ".example/page/" + i + "\n");
            }
        }
        try (SeedReader seeds = SeedReader.open(List.of(), Optional.of(file.toString()), NO_STDIN, err)) {
            long count = 0;
            HttpUrl last = null;
            while (seeds.hasNext()) {
                last = seeds.next();
                count++;
            }
            assertEquals(lines, count);
            assertEquals(lines, seeds.accepted());
            assertEquals("https://site99.example/page/199999", last.toString());
        }
        try (SeedReader seeds = SeedReader.open(List.of(), Optional.of(file.toString()), NO_STDIN, err)) {
            assertEquals("https://site0.example/page/0", seeds.next().toString());
            assertEquals("https://site1.example/page/1", seeds.next().toString());
            assertEquals(2, seeds.accepted());
        }
    }

    @Test
    void readsLazilyFromAnEndlessStream() throws Exception {
        EndlessSeeds stdin = new EndlessSeeds();
        try (SeedReader seeds = SeedReader.open(List.of(), Optional.of("-"), stdin, err)) {
            for (int i = 0; i < 5; i++) {
                assertEquals("http://h.example/" + i, seeds.next().toString());
            }
        }
        assertTrue(stdin.served < 64 * 1024, "read " + stdin.served + " bytes for 5 seeds");
    }

    @Test
    void stopsAfterClose() throws Exception {
        SeedReader seeds = SeedReader.open(List.of(), Optional.of("-"), new EndlessSeeds(), err);
        seeds.next();
        seeds.close();
        assertFalse(seeds.hasNext());
    }

    /** An input that never ends: reading it all would never return. */
    private static final class EndlessSeeds extends InputStream {
        private long served;
        private int next;
        private byte[] line = new byte[0];
        private int position;

        @Override
        public int read() {
            if (position == line.length) {
                line = ("http://h.example/" + next++ + "\n").getBytes(StandardCharsets.US_ASCII);
                position = 0;
            }
            served++;
            return line[position++];
        }
    }
}
