package dev.trawl.sitemap;

import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML sitemap, {@code <urlset>} or {@code <sitemapindex>}, as a stream of StAX events: no
 * tree is built, so memory follows the entries kept, not the file size.
 *
 * <p>Elements are matched by local name whatever their namespace, as Google does: the standard
 * {@code http://www.sitemaps.org/schemas/sitemap/0.9}, none, or a wrong one all work. They are also
 * matched by depth ({@code urlset > url > loc}), which is what leaves out extension elements such as
 * {@code <image:image><image:loc>}, {@code <video:video>} or {@code <news:news>}: they are one level
 * deeper. The first {@code <loc>} and {@code <lastmod>} of an entry count.
 *
 * <p>Secure: no DTD is processed and no external entity or DTD is fetched, so an XXE entity is an
 * undeclared-entity error rather than a file read, and entity expansion bombs have nothing to expand.
 * Text is not coalesced by the parser (the JDK's would build one string per text node, however big);
 * the pieces of a {@code <loc>} or {@code <lastmod>} are joined here, up to
 * {@link SitemapDocument#MAX_TEXT_CHARS}, and all other text is dropped as it streams by.
 */
final class XmlSitemapParser {
    private static final int ROOT = 1;
    private static final int ENTRY = 2;
    private static final int FIELD = 3;

    private final SitemapDocument.Builder out;
    private final StringBuilder text = new StringBuilder();
    private String entryName; // "url" or "sitemap", set by the root
    private boolean inEntry;
    private String field;     // "loc" or "lastmod" while inside one, else null
    private boolean textTooLong;
    private String loc;
    private String lastmod;

    private XmlSitemapParser(SitemapDocument.Builder out) {
        this.out = out;
    }

    /** Reads {@code in} into {@code out}; stops at the first XML error, keeping what came before it. */
    static void parse(InputStream in, SitemapDocument.Builder out) throws XMLStreamException {
        XMLStreamReader xml = secureFactory().createXMLStreamReader(in);
        try {
            new XmlSitemapParser(out).read(xml);
        } finally {
            xml.close();
        }
    }

    /** A new factory per file: factories are not documented as thread-safe, and creating one is cheap. */
    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory(); // the JDK's, whatever is on the class path
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    private void read(XMLStreamReader xml) throws XMLStreamException {
        int depth = 0;
        while (xml.hasNext()) {
            switch (xml.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    if (!start(depth, xml.getLocalName())) {
                        return;
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (!end(depth)) {
                        return;
                    }
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (field != null) {
                        append(xml);
                    }
                }
                default -> {
                    // comments, processing instructions, the DOCTYPE (not processed): nothing to keep
                }
            }
        }
    }

    /** False to stop: the root is not a sitemap. */
    private boolean start(int depth, String name) {
        if (depth == ROOT) {
            switch (name) {
                case "urlset" -> entryName = "url";
                case "sitemapindex" -> {
                    entryName = "sitemap";
                    out.kind(SitemapDocument.Kind.INDEX);
                }
                default -> {
                    out.stop("not a sitemap: root element <" + name + ">");
                    return false;
                }
            }
        } else if (depth == ENTRY && name.equals(entryName)) {
            inEntry = true;
            loc = null;
            lastmod = null;
        } else if (depth == FIELD && inEntry && (name.equals("loc") || name.equals("lastmod"))) {
            field = name;
            text.setLength(0);
            textTooLong = false;
        }
        return true;
    }

    /** False to stop: the file has too many entries. */
    private boolean end(int depth) {
        if (depth == FIELD && field != null) {
            String value = textTooLong ? null : text.toString();
            if (field.equals("loc") && loc == null) {
                loc = textTooLong ? "" : value; // too long: present but unusable, so counted as skipped
            } else if (field.equals("lastmod") && lastmod == null) {
                lastmod = value;
            }
            field = null;
        } else if (depth == ENTRY && inEntry) {
            inEntry = false;
            return entryName.equals("url") ? out.url(loc, lastmod) : out.sitemap(loc);
        }
        return true;
    }

    private void append(XMLStreamReader xml) {
        int length = xml.getTextLength();
        if (text.length() + length > SitemapDocument.MAX_TEXT_CHARS) {
            textTooLong = true;
        } else {
            text.append(xml.getTextCharacters(), xml.getTextStart(), length);
        }
    }
}
