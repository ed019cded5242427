package dev.trawl.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import dev.trawl.page.PageError;
import dev.trawl.page.PageRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Turns a record into one line of JSON: the contract's field names (snake_case) in the
 * contract's order, nulls written out, UTF-8 whatever the platform's locale, and a newline.
 * Written with Jackson's streaming generator so the order and names live here, in one place.
 */
public final class RecordEncoder {
    // Raw UTF-8 for characters outside the BMP (emoji) too, instead of \uD83D\uDE00 surrogate escapes.
    // Buffers recycled through a shared pool: Jackson's default keeps them per thread, and every
    // page is encoded on a new virtual thread, so that pool never hands one back (14% of a crawl's
    // allocation was fresh generator buffers).
    private final JsonFactory factory = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build();
    /** ISO-8601 UTC with exactly three fraction digits, so every fetched_at has the same shape. */
    private static final DateTimeFormatter FETCHED_AT = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    public byte[] encode(PageRecord record) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512 + 96 * record.links().size());
        try (JsonGenerator json = factory.createGenerator(line, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("url", record.url());
            json.writeStringField("final_url", record.finalUrl());
            writeNullableInt(json, "status", record.status());
            json.writeNumberField("depth", record.depth());
            json.writeStringField("parent", record.parent());
            json.writeStringField("title", record.title());
            json.writeArrayFieldStart("links");
            for (String link : record.links()) {
                json.writeString(link);
            }
            json.writeEndArray();
            json.writeStringField("content_type", record.contentType());
            if (record.contentLength() == null) {
                json.writeNullField("content_length");
            } else {
                json.writeNumberField("content_length", record.contentLength());
            }
            json.writeNumberField("attempts", record.attempts());
            json.writeNumberField("elapsed_ms", record.elapsedMs());
            json.writeStringField("fetched_at", FETCHED_AT.format(record.fetchedAt()));
            writeError(json, record.error());
            // Fields added after v1 come after the v1 ones, so a consumer that reads positions keeps working.
            json.writeStringField("canonical", record.canonical());
            json.writeStringField("description", record.description());
            json.writeArrayFieldStart("robots_meta");
            for (String directive : record.robotsMeta()) {
                json.writeString(directive);
            }
            json.writeEndArray();
            json.writeStringField("sitemap_lastmod", record.sitemapLastmod());
            if (record.changed() == null) {
                json.writeNullField("changed");
            } else {
                json.writeBooleanField("changed", record.changed());
            }
            writeNullableInt(json, "previous_status", record.previousStatus());
            json.writeBooleanField("checked", record.checked());
            if (record.missingFragments() == null) {
                json.writeNullField("missing_fragments");
            } else {
                json.writeArrayFieldStart("missing_fragments");
                for (String link : record.missingFragments()) {
                    json.writeString(link);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory cannot fail
        }
        line.write('\n');
        return line.toByteArray();
    }

    private static void writeNullableInt(JsonGenerator json, String name, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }

    private static void writeError(JsonGenerator json, PageError error) throws IOException {
        if (error == null) {
            json.writeNullField("error");
            return;
        }
        json.writeObjectFieldStart("error");
        json.writeStringField("type", error.type().wireName());
        json.writeStringField("message", error.message());
        json.writeEndObject();
    }
}
