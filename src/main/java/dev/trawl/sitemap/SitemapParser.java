package dev.trawl.sitemap;

import dev.trawl.url.UrlNormalizer;
import java.io.IOException;
import java.io.PushbackInputStream;
import javax.xml.stream.XMLStreamException;
import okhttp3.HttpUrl;

/**
 * Turns one sitemap body into a {@link SitemapDocument}: gzip or not (by magic bytes), then XML when
 * the first character after an optional UTF-8 byte order mark and whitespace is {@code <}, else a
 * plain-text list of URLs. Never throws: whatever stops the reading becomes
 * {@link SitemapDocument#stopped()}, and what was read before it is kept.
 */
final class SitemapParser {
    private SitemapParser() {
    }

    static SitemapDocument parse(byte[] bytes, HttpUrl sitemap, SitemapLimits limits) {
        SitemapDocument.Builder out = new SitemapDocument.Builder(UrlNormalizer.key(sitemap), limits.maxUrlsPerFile());
        SitemapBody body = new SitemapBody(bytes, limits.maxBytesPerFile());
        try (PushbackInputStream in = new PushbackInputStream(body, 3)) {
            int first = firstSignificantByte(in);
            if (first < 0) {
                out.stop("empty");
            } else {
                in.unread(first);
                if (first == '<') {
                    XmlSitemapParser.parse(in, out);
                } else {
                    TextSitemapParser.parse(in, out);
                }
            }
        } catch (XMLStreamException e) {
            out.stop(body.failure().orElseGet(() -> "not XML: " + describe(e)));
        } catch (IOException e) {
            out.stop(body.failure().orElseGet(() -> "unreadable: " + e.getMessage()));
        }
        return out.build();
    }

    /**
     * The first byte after a UTF-8 byte order mark and leading whitespace, or -1. Skipping them is
     * lenient (XML allows neither before {@code <?xml}), and real sitemaps have both.
     */
    private static int firstSignificantByte(PushbackInputStream in) throws IOException {
        int b = in.read();
        if (b == 0xEF) {
            int b2 = in.read();
            int b3 = in.read();
            if (b2 == 0xBB && b3 == 0xBF) {
                b = in.read();
            } else {
                unread(in, b3);
                unread(in, b2);
                return b;
            }
        }
        while (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
            b = in.read();
        }
        return b;
    }

    private static void unread(PushbackInputStream in, int b) throws IOException {
        if (b >= 0) {
            in.unread(b);
        }
    }

    /** "line 3, column 7: message", without the JDK's "ParseError at [row,col]" prefix and line breaks. */
    private static String describe(XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int start = message.indexOf("Message: ");
        String what = start < 0 ? message : message.substring(start + "Message: ".length());
        return e.getLocation() == null ? what
                : "line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ": " + what;
    }
}
