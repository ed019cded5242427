package dev.trawl.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed lists as people and scripts really write them (issue 5, "Bad input"): each line either becomes
 * a valid, normalized seed or one stderr line naming the file and line, and the list is read as a
 * stream, whatever its size.
 */
class SeedReaderBadInputTest {
    private static final Pattern MESSAGE = Pattern.compile(
            "trawl: (.+):(\\d+): (not UTF-8 text|line longer than 65536 characters|not an http\\(s\\) URL: \".*\"( \\.\\.\\. \\(\\d+ characters\\))?)");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private List<String> errLines() {
        return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private Path file(byte[] content) throws IOException {
        Path file = dir.resolve("seeds.txt");
        Files.write(file, content);
        return file;
    }

    private List<String> read(Path file) throws Exception {
        List<String> seeds = new ArrayList<>();
        try (SeedReader reader = SeedReader.open(List.of(), Optional.of(file.toString()), InputStream.nullInputStream(), err)) {
            reader.forEachRemaining(url -> seeds.add(url.toString()));
        }
        return seeds;
    }

    private List<String> read(String text) throws Exception {
        return read(file(text.getBytes(StandardCharsets.UTF_8)));
    }

    private String at(int line) {
        return "trawl: " + dir.resolve("seeds.txt") + ":" + line + ": ";
    }

    @Test
    void crlfAndLoneCrLineEndsCountLinesLikeLf() throws Exception {
        assertEquals(List.of("http://a.example/", "http://b.example/", "http://c.example/"),
                read("http://a.example/\r\nftp://x\r\nhttp://b.example/\rmailto:y\rhttp://c.example/\r\n\r\nnope\r\n"));
        assertEquals(List.of(at(2) + "not an http(s) URL: \"ftp://x\"", at(4) + "not an http(s) URL: \"mailto:y\"",
                at(7) + "not an http(s) URL: \"nope\""), errLines());
    }

    @Test
    void aByteOrderMarkIsIgnoredBeforeACommentOrAUrlButShownElsewhere() throws Exception {
        assertEquals(List.of("http://a.example/"), read("\uFEFF# seeds\nhttp://a.example/\n\uFEFFhttp://b.example/\n"));
        // A second file's BOM in the middle (cat a.txt b.txt): reported, with the invisible mark spelled out.
        assertEquals(List.of(at(3) + "not an http(s) URL: \"\\ufeffhttp://b.example/\""), errLines());
        assertEquals(List.of("http://c.example/"), read("\uFEFFhttp://c.example/"));
    }

    @Test
    void binaryJunkIsReportedLineByLineAndTheRestIsRead() throws Exception {
        Random random = new Random(5);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int lines = 0;
        List<Integer> good = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            if (i % 10 == 0) {
                content.writeBytes(("http://h" + i + ".example/\n").getBytes(StandardCharsets.US_ASCII));
                good.add(i);
            } else {
                byte[] junk = new byte[random.nextInt(300)];
                random.nextBytes(junk);
                for (int j = 0; j < junk.length; j++) {
                    junk[j] = junk[j] == '\n' || junk[j] == '\r' ? 0 : junk[j];
                }
                content.writeBytes(junk);
                content.write('\n');
            }
            lines++;
        }
        List<String> seeds = read(file(content.toByteArray()));
        assertEquals(good.stream().map(i -> "http://h" + i + ".example/").toList(), seeds);
        int lastLine = 0;
        for (String message : errLines()) {
            Matcher m = MESSAGE.matcher(message);
            assertTrue(m.matches(), message);
            int line = Integer.parseInt(m.group(2));
            assertTrue(line > lastLine && line <= lines, message);
            lastLine = line;
            assertTrue(message.chars().allMatch(c -> c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f)), "raw control character in " + message);
        }
        assertEquals(lines - good.size(), errLines().size() + blankJunkLines(content.toByteArray()));
    }

    /** Junk lines that happen to be blank, or a comment, after stripping: skipped without a message. */
    private static int blankJunkLines(byte[] content) {
        int blank = 0;
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n", -1)) {
            String text = line.strip();
            if (text.indexOf('\uFFFD') < 0 && (text.isEmpty() || text.startsWith("#"))) {
                blank++;
            }
        }
        return blank - 1; // the empty string after the last "\n"
    }

    @Test
    void aUtf16FileIsReportedNotCrawledAsGarbage() throws Exception {
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        byte[] body = "http://a.example/\nhttp://b.example/\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] content = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, content, 0, 2);
        System.arraycopy(body, 0, content, 2, body.length);
        assertEquals(List.of(), read(file(content)));
        assertEquals(List.of(at(1) + "not UTF-8 text", at(2) + "not an http(s) URL: \"\\u0000h\\u0000t\\u0000t\\u0000p\\u0000:"
                + "\\u0000/\\u0000/\\u0000b\\u0000.\\u0000e\\u0000x\\u0000a\\u0000m\\u0000p\\u0000l\\u0000e\\u0000/\\u0000\""),
                errLines().subList(0, 2));
    }

    @Test
    void aLineOfExactlyTheLimitIsReadAndOneCharMoreIsReported() throws Exception {
        String prefix = "http://a.example/";
        String atLimit = prefix + "a".repeat(SeedReader.MAX_LINE - prefix.length());
        String overLimit = atLimit + "a";
        assertEquals(List.of(atLimit), read(atLimit + "\n" + overLimit + "\n"));
        assertEquals(List.of(at(2) + "line longer than 65536 characters"), errLines());
    }

    @Test
    void aHugeLineIsReportedWithoutBeingHeld() throws Exception {
        long lineBytes = 256L << 20;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] highest = {0};
        long baseline = usedAfterGc(memory);
        // 256 MB of one line, then a seed: read through as it streams in, with the heap measured on the way.
        InputStream stdin = new InputStream() {
            private long served;
            private final byte[] tail = "\nhttp://b.example/\n".getBytes(StandardCharsets.US_ASCII);

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served < lineBytes) {
                    int n = (int) Math.min(len, lineBytes - served);
                    java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                    if (served / (64 << 20) != (served + n) / (64 << 20)) {
                        highest[0] = Math.max(highest[0], usedAfterGc(memory) - baseline);
                    }
                    served += n;
                    return n;
                }
                int at = (int) (served - lineBytes);
                if (at >= tail.length) {
                    return -1;
                }
                int n = Math.min(len, tail.length - at);
                System.arraycopy(tail, at, b, off, n);
                served += n;
                return n;
            }
        };
        List<String> seeds = new ArrayList<>();
        try (SeedReader reader = SeedReader.open(List.of(), Optional.of("-"), stdin, err)) {
            reader.forEachRemaining(url -> seeds.add(url.toString()));
        }
        assertEquals(List.of("http://b.example/"), seeds);
        assertEquals(List.of("trawl: <stdin>:1: line longer than 65536 characters"), errLines());
        assertTrue(highest[0] < 32 << 20, "heap grew by " + (highest[0] >> 20) + " MB while reading a 256 MB line");
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void aMillionLineFileIsReadAsAStream() throws Exception {
        int lines = 1_000_000;
        Path big = dir.resolve("million.txt");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(big), 1 << 16)) {
            for (int i = 0; i < lines; i++) {
                out.write(line(i).getBytes(StandardCharsets.US_ASCII));
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = usedAfterGc(memory);
        long highest = 0;
        long[] served = {0};
        long consumed = 0;
        int taken = 0;
        HttpUrl last = null;
        try (InputStream file = Files.newInputStream(big);
                InputStream counted = new FilterInputStream(file) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        served[0] += Math.max(n, 0);
                        return n;
                    }
                };
                SeedReader seeds = SeedReader.open(List.of(), Optional.of("-"), counted, err)) {
            while (seeds.hasNext()) {
                last = seeds.next();
                consumed += line(taken++).length();
                // Lazily: the reader is never more than its buffers ahead of the seed just taken.
                assertTrue(served[0] - consumed < 64 * 1024, "read " + (served[0] - consumed) + " bytes ahead after " + taken);
                if (taken % 250_000 == 0) {
                    highest = Math.max(highest, usedAfterGc(memory) - baseline);
                }
            }
            assertEquals(lines, seeds.accepted());
            assertEquals(0, seeds.rejected());
        }
        assertEquals(lines, taken);
        assertEquals("https://site999.example/page/999999", last.toString());
        assertEquals(List.of(), errLines());
        // The file is 47 MB and its URLs as objects several hundred: holding either would show.
        assertTrue(highest < 16 << 20, "heap grew by " + (highest >> 20) + " MB while iterating");
    }

    private static String line(int i) {
        return "https://site" + (i % 1000) + ".example/page/" + i + (i % 7 == 1 ? "?q=a b" : "") + "\r\n";
    }

    @Test
    void idnHostsBecomePunycode() throws Exception {
        assertEquals(List.of("http://xn--bcher-kva.example/", "https://xn--r8jz45g.xn--zckzah/%E3%83%91%E3%82%B9?%E3%82%AD=%E5%80%A4",
                "http://xn--mnchen-3ya.de/stra%C3%9Fe", "http://xn--bcher-kva.example/already"),
                read("http://bücher.example/\nHTTPS://例え.テスト/パス?キ=値\nhttp://MÜNCHEN.de/straße\nhttp://xn--bcher-kva.example/already\n"));
        assertEquals(List.of(), errLines());
    }

    @Test
    void aHostThatCannotBePunycodedIsReported() throws Exception {
        assertEquals(List.of(), read("http://a_é.example/\n"));
        assertEquals(List.of(at(1) + "not an http(s) URL: \"http://a_é.example/\""), errLines());
    }

    @Test
    void ipv6LiteralsAreKeptInBracketsAndCompressed() throws Exception {
        assertEquals(List.of("http://[::1]:8080/x", "http://[2001:db8::1]/", "http://127.0.0.1/"),
                read("http://[::1]:8080/x\nhttp://[2001:DB8:0::1]/\nhttp://[::ffff:127.0.0.1]/\nhttp://[::1/\nhttp://::1/\n"));
        assertEquals(List.of(at(4) + "not an http(s) URL: \"http://[::1/\"", at(5) + "not an http(s) URL: \"http://::1/\""), errLines());
    }

    @Test
    void spacesAndUnescapedCharactersArePercentEncoded() throws Exception {
        assertEquals(List.of("http://example.com/a%20b/c%20d?q=x%20y&z=%3C%3E%22", "http://example.com/%7Bx%7D%7C%5E%60/y",
                "http://example.com/%C3%BC?%C3%B6=%C3%A4", "http://example.com/100%/x%zz?%", "http://example.com/%00x"),
                read("http://example.com/a b/c d?q=x y&z=<>\"\nhttp://example.com/{x}|^`\\y\nhttp://example.com/ü?ö=ä\n"
                        + "http://example.com/100%/x%zz?%\nhttp://example.com/\u0000x\nhttp://exa mple.com/\n"));
        assertEquals(List.of(at(6) + "not an http(s) URL: \"http://exa mple.com/\""), errLines());
    }

    @Test
    void surroundingWhiteSpaceIsStrippedAndBlankOrCommentLinesAreSkipped() throws Exception {
        assertEquals(List.of("http://example.com/tabs", "http://example.com/ideographic"),
                read("  \t http://example.com/tabs \t \n \t \n\t\t\n   # comment\n\t#tab comment\n \u3000\n"
                        + "\u3000http://example.com/ideographic\u3000\n"));
        assertEquals(List.of(), errLines());
    }

    /** Found while testing bad input: invisible characters were quoted raw, so the message hid what was wrong. */
    @Test
    void invisibleCharactersAreSpelledOutInMessages() throws Exception {
        read("\u00a0http://example.com/nbsp\nhttp://example.com/\u202egnp.exe\u202c/ x\u200b\nftp://x/\u2028y\u0085\n");
        assertEquals(List.of(at(1) + "not an http(s) URL: \"\\u00a0http://example.com/nbsp\""), errLines().subList(0, 1));
        assertEquals(List.of(at(3) + "not an http(s) URL: \"ftp://x/\\u2028y\\u0085\""), errLines().subList(1, 2));
        assertEquals("\"a\\u202eb\\u200bc\\ufeff\\u00ad\"", SeedReader.shown("a\u202eb\u200bc\ufeff\u00ad"));
        assertEquals("\"bücher 例え 😀\"", SeedReader.shown("bücher 例え 😀"));
        assertFalse(errBytes.toString(StandardCharsets.UTF_8).contains("\u00a0"));
    }
}
