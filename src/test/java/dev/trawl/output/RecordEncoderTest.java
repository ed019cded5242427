package dev.trawl.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.page.ErrorType;
import dev.trawl.page.PageError;
import dev.trawl.page.PageRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordEncoderTest {
    private static final Instant FETCHED_AT = Instant.parse("2026-11-30T06:31:05.123Z");
    private final RecordEncoder encoder = new RecordEncoder();

    private static PageRecord page(String title, Instant fetchedAt, PageError error) {
        return new PageRecord("http://127.0.0.1:8000/about.html", "http://127.0.0.1:8000/about.html", 200, 1,
                "http://127.0.0.1:8000/", title, List.of("http://127.0.0.1:8000/index.html",
                        "http://127.0.0.1:8000/contact.html", "http://127.0.0.1:8000/team.html"),
                "text/html", 381L, 1, 9, fetchedAt, error);
    }

    private String line(PageRecord record) {
        return new String(encoder.encode(record), UTF_8);
    }

    @Test
    void writesTheReadmeExampleExactly() {
        assertEquals("{\"url\":\"http://127.0.0.1:8000/about.html\",\"final_url\":\"http://127.0.0.1:8000/about.html\","
                + "\"status\":200,\"depth\":1,\"parent\":\"http://127.0.0.1:8000/\",\"title\":\"About Lantern & friends\","
                + "\"links\":[\"http://127.0.0.1:8000/index.html\",\"http://127.0.0.1:8000/contact.html\","
                + "\"http://127.0.0.1:8000/team.html\"],\"content_type\":\"text/html\",\"content_length\":381,"
                + "\"attempts\":1,\"elapsed_ms\":9,\"fetched_at\":\"2026-11-30T06:31:05.123Z\",\"error\":null,"
                + "\"canonical\":null,\"description\":null,\"robots_meta\":[],\"sitemap_lastmod\":null,"
                + "\"changed\":null,\"previous_status\":null,\"checked\":false,\"missing_fragments\":null}\n",
                line(page("About Lantern & friends", FETCHED_AT, null)));
    }

    @Test
    void writesNullsAndTheErrorObject() {
        PageRecord refused = new PageRecord("http://example.com/private", "http://example.com/private", null, 0, null,
                null, List.of(), null, null, 0, 0, FETCHED_AT, PageError.of(ErrorType.ROBOTS, "robots.txt disallows this URL"));

        assertEquals("{\"url\":\"http://example.com/private\",\"final_url\":\"http://example.com/private\","
                + "\"status\":null,\"depth\":0,\"parent\":null,\"title\":null,\"links\":[],\"content_type\":null,"
                + "\"content_length\":null,\"attempts\":0,\"elapsed_ms\":0,\"fetched_at\":\"2026-11-30T06:31:05.123Z\","
                + "\"error\":{\"type\":\"robots\",\"message\":\"robots.txt disallows this URL\"},"
                + "\"canonical\":null,\"description\":null,\"robots_meta\":[],\"sitemap_lastmod\":null,"
                + "\"changed\":null,\"previous_status\":null,\"checked\":false,\"missing_fragments\":null}\n", line(refused));
    }

    @Test
    void fieldsComeInTheContractsOrderThenTheLaterAdditions() throws IOException {
        JsonNode json = new ObjectMapper().readTree(encoder.encode(page("t", FETCHED_AT,
                PageError.of(ErrorType.HTTP, "HTTP 404"))));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("url", "final_url", "status", "depth", "parent", "title", "links", "content_type",
                "content_length", "attempts", "elapsed_ms", "fetched_at", "error",
                "canonical", "description", "robots_meta", "sitemap_lastmod", "changed", "previous_status",
                "checked", "missing_fragments"), names);
        List<String> errorNames = new ArrayList<>();
        json.get("error").fieldNames().forEachRemaining(errorNames::add);
        assertEquals(List.of("type", "message"), errorNames);
    }

    @ParameterizedTest
    @EnumSource(ErrorType.class)
    void errorTypeIsWrittenByItsWireName(ErrorType type) throws IOException {
        JsonNode error = new ObjectMapper().readTree(encoder.encode(page("t", FETCHED_AT, PageError.of(type, "m"))))
                .get("error");
        assertEquals(type.name().toLowerCase(Locale.ROOT), error.get("type").asText());
    }

    @Test
    void nonAsciiInTheBasicPlaneIsWrittenAsRawUtf8() {
        String title = "Café — 日本語 Ünïcödé";
        byte[] encoded = encoder.encode(page(title, FETCHED_AT, null));
        String line = new String(encoded, UTF_8);
        assertTrue(line.contains("\"title\":\"" + title + "\""), line);
        assertFalse(line.contains("\\u"), line);
    }

    @Test
    void charactersBeyondTheBasicPlaneAreWrittenAsRawUtf8() {
        String title = "Party 😀 𠜎";
        String line = line(page(title, FETCHED_AT, null));
        assertTrue(line.contains("\"title\":\"" + title + "\""), line);
        assertFalse(line.contains("\\u"), line);
    }

    @Test
    void controlCharactersAndQuotesAreEscapedSoTheRecordStaysOneLine() throws IOException {
        String title = "line one\nline two\r\t\"quoted\" back\\slash \u0001";
        byte[] encoded = encoder.encode(page(title, FETCHED_AT, PageError.of(ErrorType.IO, "a\nb")));
        String line = new String(encoded, UTF_8);
        assertEquals(line.length() - 1, line.indexOf('\n'), "exactly one newline, at the end");
        assertFalse(line.contains("\r"));
        JsonNode json = new ObjectMapper().readTree(encoded);
        assertEquals(title, json.get("title").asText());
        assertEquals("a\nb", json.get("error").get("message").asText());
    }

    @Test
    void endsWithExactlyOneNewline() {
        byte[] encoded = encoder.encode(page("t", FETCHED_AT, null));
        assertEquals('\n', encoded[encoded.length - 1]);
        assertEquals('}', encoded[encoded.length - 2]);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-30T06:31:05.123Z         | 2026-11-30T06:31:05.123Z
            2026-11-30T06:31:05.123999999Z   | 2026-11-30T06:31:05.123Z
            2026-11-30T06:31:05.1Z           | 2026-11-30T06:31:05.100Z
            """)
    void fetchedAtIsUtcWithMilliseconds(String instant, String written) throws IOException {
        JsonNode json = new ObjectMapper().readTree(encoder.encode(page("t", Instant.parse(instant), null)));
        assertEquals(written, json.get("fetched_at").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-11-30T06:31:05Z", "2026-11-30T06:31:05.000456Z"})
    void fetchedAtOnAWholeSecondStillHasMilliseconds(String instant) throws IOException {
        JsonNode json = new ObjectMapper().readTree(encoder.encode(page("t", Instant.parse(instant), null)));
        assertEquals("2026-11-30T06:31:05.000Z", json.get("fetched_at").asText());
    }

    @Test
    void manyLinksAreAllWrittenInOrder() throws IOException {
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            links.add("http://example.com/" + i);
        }
        PageRecord record = new PageRecord("http://example.com/", "http://example.com/", 200, 0, null, null, links,
                "text/html", 1L, 1, 1, FETCHED_AT, null);
        JsonNode json = new ObjectMapper().readTree(encoder.encode(record));
        List<String> written = new ArrayList<>();
        json.get("links").forEach(node -> written.add(node.asText()));
        assertEquals(links, written);
    }
}
