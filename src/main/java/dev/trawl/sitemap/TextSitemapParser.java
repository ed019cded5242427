package dev.trawl.sitemap;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;

/**
 * Reads a plain-text sitemap: one URL per line, UTF-8 (sitemaps.org, "Text file"). Lines are
 * trimmed and blank ones ignored; a line that is not an absolute http(s) URL is counted as skipped.
 * Only the first {@link SitemapDocument#MAX_TEXT_CHARS} characters of a line are held, so one
 * endless line (binary data, a bomb of zeros) cannot take memory in proportion to the file.
 */
final class TextSitemapParser {
    private TextSitemapParser() {
    }

    /** Reads {@code in} into {@code out}; an IOException ends it, keeping what came before. */
    static void parse(InputStream in, SitemapDocument.Builder out) throws IOException {
        Reader reader = new BufferedReader(new InputStreamReader(in, UTF_8)); // malformed bytes become U+FFFD
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        int c;
        do {
            c = reader.read();
            if (c < 0 || c == '\n' || c == '\r') {
                if ((tooLong || !line.toString().isBlank()) && !out.url(tooLong ? "" : line.toString(), null)) {
                    return;
                }
                line.setLength(0);
                tooLong = false;
            } else if (line.length() < SitemapDocument.MAX_TEXT_CHARS) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
        } while (c >= 0);
    }
}
