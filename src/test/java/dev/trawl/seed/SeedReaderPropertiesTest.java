package dev.trawl.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.Fuzzer;
import dev.trawl.Gen;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.UrlStrings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * Every line of any seed list either becomes a seed or a stderr message naming its line, and nothing
 * else happens (issue 5): checked against a line-by-line reading of the same bytes written here.
 */
class SeedReaderPropertiesTest {

    private static final Gen<String> LINE = Gen.oneOf(
            UrlStrings.URLS, UrlStrings.URLS,
            Gen.elements("", " ", "\t \t", "# comment", "   # indented", "\t#x", "#", "\ufeff", "\ufeff#x", "\u00a0", "\u3000"),
            Gen.anyString(40));

    /** Seed files of generated lines with every kind of line end, sometimes a BOM, sometimes bytes that are not UTF-8. */
    private static final Gen<byte[]> FILES = Gen.bytes(random -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(4) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        int lines = Gen.skewed(random, 30);
        for (int i = 0; i < lines; i++) {
            out.writeBytes(LINE.next(random).getBytes(StandardCharsets.UTF_8));
            if (random.nextInt(10) == 0) {
                out.write(Gen.elements(0xFF, 0xC3, 0xE2, 0x80, 0xED, 0x00).next(random));
            }
            if (i < lines - 1 || random.nextBoolean()) {
                out.writeBytes(Gen.elements("\n", "\n", "\r\n", "\r").next(random).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    });

    @Test
    void everyLineIsASeedOrAMessageNamingIt() {
        Fuzzer.forAll(1000, FILES, bytes -> {
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            List<String> seeds = new ArrayList<>();
            long accepted;
            long rejected;
            try (SeedReader reader = SeedReader.open(List.of(), Optional.of("-"), new ByteArrayInputStream(bytes),
                    new PrintStream(errBytes, true, StandardCharsets.UTF_8))) {
                reader.forEachRemaining(url -> seeds.add(UrlNormalizer.key(url)));
                accepted = reader.accepted();
                rejected = reader.rejected();
            }
            Expected expected = expected(bytes);
            assertEquals(expected.seeds(), seeds);
            assertEquals(expected.messages(), errBytes.toString(StandardCharsets.UTF_8).lines().toList());
            assertEquals(expected.seeds().size(), accepted);
            assertEquals(expected.messages().size(), rejected);
        });
    }

    private record Expected(List<String> seeds, List<String> messages) {
    }

    /** The documented rules, applied to the bytes split at LF, CRLF and CR, each line decoded on its own. */
    private static Expected expected(byte[] bytes) {
        List<String> seeds = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(Arrays.copyOfRange(bytes, start, bytes.length));
        }
        for (int n = 1; n <= lines.size(); n++) {
            String line = new String(lines.get(n - 1), StandardCharsets.UTF_8);
            if (n == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String text = line.strip();
            String where = "trawl: <stdin>:" + n + ": ";
            if (text.indexOf('\uFFFD') >= 0) {
                messages.add(where + "not UTF-8 text");
            } else if (!text.isEmpty() && !text.startsWith("#")) {
                Optional<HttpUrl> url = UrlNormalizer.parse(text);
                if (url.isPresent()) {
                    seeds.add(UrlNormalizer.key(url.get()));
                } else {
                    messages.add(where + "not an http(s) URL: " + SeedReader.shown(text));
                }
            }
        }
        return new Expected(seeds, messages);
    }
}
