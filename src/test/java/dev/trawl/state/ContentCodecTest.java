package dev.trawl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stored content of a page: what goes in comes out, small, and a blob it did not write is refused. */
class ContentCodecTest {

    @Test
    void everyFieldComesBackAsItWent() {
        PageContent content = new PageContent("Title with \u00e9 and \ud83d\ude00", List.of("https://a.test/x",
                "https://a.test/x/y", "https://b.test/", "https://a.test/x/\ud83d\ude00", "https://a.test/x/\ud83d\ude01"),
                Set.of("https://b.test/", "https://a.test/x/\ud83d\ude01"), "https://a.test/", "", List.of("noindex",
                "max-snippet:50"), "application/xhtml+xml", 0L);

        assertEquals(content, ContentCodec.decode(ContentCodec.encode(content)));
    }

    @Test
    void nullsAndEmptiesComeBackAsThemselves() {
        PageContent none = new PageContent(null, List.of(), Set.of(), null, null, List.of(), null, null);
        PageContent empties = new PageContent("", List.of(""), Set.of(""), "", "", List.of(""), "", 0L);

        assertEquals(none, ContentCodec.decode(ContentCodec.encode(none)));
        assertEquals(empties, ContentCodec.decode(ContentCodec.encode(empties)));
    }

    @Test
    void linksThatShareAPrefixCostLittle() {
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            links.add("https://docs.example.com/api/java.base/java/util/concurrent/Class" + i + ".html");
        }
        PageContent content = new PageContent("t", links, Set.of(), null, null, List.of(), "text/html", 1L);

        byte[] blob = ContentCodec.encode(content);

        int chars = links.stream().mapToInt(String::length).sum();
        assertTrue(blob.length < chars / 20, blob.length + " bytes for " + chars + " characters of links");
        assertEquals(content, ContentCodec.decode(blob));
    }

    @Test
    void aBlobItDidNotWriteIsRefused() {
        byte[] blob = ContentCodec.encode(new PageContent("t", List.of("https://a.test/"), Set.of(), null, null,
                List.of(), null, null));

        assertThrows(IllegalArgumentException.class, () -> ContentCodec.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> ContentCodec.decode(new byte[] {9, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> ContentCodec.decode(Arrays.copyOf(blob, blob.length - 2)));
        assertThrows(IllegalArgumentException.class, () -> ContentCodec.decode(new byte[] {1, (byte) 0xff, 3}));
    }
}
