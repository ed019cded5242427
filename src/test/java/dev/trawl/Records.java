package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Trawl's output read back strictly against the contract (docs/cli.md, "Output"). */
final class Records {
    /** The contract's fields, in the contract's order: v1's, then those added by issue 3. */
    static final List<String> FIELDS = List.of("url", "final_url", "status", "depth", "parent", "title", "links",
            "content_type", "content_length", "attempts", "elapsed_ms", "fetched_at", "error",
            "canonical", "description", "robots_meta", "sitemap_lastmod", "changed", "previous_status",
            "checked", "missing_fragments");
    static final Set<String> ERROR_TYPES = Set.of("timeout", "connect", "dns", "tls", "too_large", "redirect_loop",
            "http", "io", "robots", "invalid_url");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Records() {
    }

    /**
     * Parses JSON Lines output: empty, or complete lines each ending in '\n', each one JSON object
     * with exactly the contract's fields in order and values of the contract's types. Keyed by url,
     * which must not repeat.
     */
    static Map<String, JsonNode> parse(String output) {
        Map<String, JsonNode> byUrl = new LinkedHashMap<>();
        if (output.isEmpty()) {
            return byUrl;
        }
        assertTrue(output.endsWith("\n"), () -> "output ends in a torn line: ..."
                + output.substring(Math.max(0, output.length() - 200)));
        String[] lines = output.substring(0, output.length() - 1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            JsonNode record = record(lines[i], i + 1);
            JsonNode earlier = byUrl.put(record.get("url").asText(), record);
            assertTrue(earlier == null, "url recorded twice: " + record.get("url"));
        }
        return byUrl;
    }

    private static JsonNode record(String line, int number) {
        JsonNode record;
        try {
            record = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return fail("line " + number + " is not JSON: " + line, e);
        }
        String where = "line " + number + ": " + line;
        assertTrue(record != null && record.isObject(), where);
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        assertEquals(FIELDS, names, where);
        assertTrue(record.get("url").isTextual(), where);
        assertTrue(record.get("final_url").isTextual() || record.get("final_url").isNull(), where);
        assertTrue(record.get("status").isInt() || record.get("status").isNull(), where);
        assertTrue(record.get("depth").isInt() && record.get("depth").asInt() >= 0, where);
        assertTrue(record.get("parent").isTextual() || record.get("parent").isNull(), where);
        assertTrue(record.get("title").isTextual() || record.get("title").isNull(), where);
        assertTrue(record.get("links").isArray(), where);
        record.get("links").forEach(link -> assertTrue(link.isTextual(), where));
        assertTrue(record.get("content_type").isTextual() || record.get("content_type").isNull(), where);
        assertTrue(record.get("content_length").isIntegralNumber() || record.get("content_length").isNull(), where);
        assertTrue(record.get("attempts").isInt(), where);
        assertTrue(record.get("elapsed_ms").isIntegralNumber(), where);
        assertTrue(record.get("fetched_at").isTextual(), where);
        assertDoesNotThrow(() -> Instant.parse(record.get("fetched_at").asText()), where);
        JsonNode error = record.get("error");
        if (!error.isNull()) {
            List<String> errorFields = new ArrayList<>();
            error.fieldNames().forEachRemaining(errorFields::add);
            assertEquals(List.of("type", "message"), errorFields, where);
            assertTrue(ERROR_TYPES.contains(error.get("type").asText()), where);
        }
        assertTrue(record.get("canonical").isTextual() || record.get("canonical").isNull(), where);
        assertTrue(record.get("description").isTextual() || record.get("description").isNull(), where);
        assertTrue(record.get("robots_meta").isArray(), where);
        record.get("robots_meta").forEach(directive -> assertTrue(directive.isTextual(), where));
        assertTrue(record.get("sitemap_lastmod").isTextual() || record.get("sitemap_lastmod").isNull(), where);
        assertTrue(record.get("changed").isBoolean() || record.get("changed").isNull(), where);
        assertTrue(record.get("previous_status").isInt() || record.get("previous_status").isNull(), where);
        assertTrue(record.get("checked").isBoolean(), where);
        assertTrue(record.get("missing_fragments").isArray() || record.get("missing_fragments").isNull(), where);
        if (record.get("missing_fragments").isArray()) {
            record.get("missing_fragments").forEach(link -> assertTrue(link.isTextual(), where));
        }
        return record;
    }
}
