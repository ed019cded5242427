package dev.trawl.extract;

import dev.trawl.url.UrlNormalizer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Title and links of an HTML body. Stateless, so one instance serves every fetcher thread.
 *
 * <p>Hostile pages are safe by construction: jsoup's tree builder and {@link NodeTraversor} are
 * iterative, and jsoup's HTML parser caps the element depth (512 by default; deeper elements become
 * siblings, so their links are still found), so no nesting can overflow the stack. Memory and time
 * are linear in the body, which the fetcher bounds with {@code --max-bytes}.
 */
public final class PageExtractor {

    /** Whether a Content-Type is parsed for title and links; parameters are ignored. */
    public static boolean isHtml(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return essence.equalsIgnoreCase("text/html") || essence.equalsIgnoreCase("application/xhtml+xml");
    }

    /**
     * Parses body[0..length) as HTML. XHTML is parsed as HTML too: real-world XHTML survives that,
     * while an XML parser misreads the many such pages that are not well-formed and knows no HTML
     * entities such as {@code &eacute;}.
     *
     * @param contentType the response's Content-Type, for its charset; may be null
     * @param pageUrl     the final URL after redirects, which relative links resolve against
     */
    public Extraction extract(byte[] body, int length, String contentType, HttpUrl pageUrl) {
        Objects.requireNonNull(pageUrl, "pageUrl");
        Objects.checkFromIndexSize(0, length, body.length);
        // A new parser per call: a jsoup Parser holds its tree builder's state.
        Document document = Parser.htmlParser().parseInput(decode(body, length, contentType), pageUrl.toString());
        Scan scan = new Scan();
        NodeTraversor.traverse(scan, document);

        // As in browsers, the first <base href> applies to every link, even those before it; one
        // that is not an http(s) URL is ignored rather than dropping every relative link.
        HttpUrl base = scan.baseHref == null ? pageUrl : UrlNormalizer.resolve(pageUrl, scan.baseHref).orElse(pageUrl);
        Set<String> links = new LinkedHashSet<>();
        // Resolving dominates once a page has many links, and pages repeat the same href text
        // (menus, pagers, the million copies of a hostile page): equal text resolves equally.
        Set<String> seenHrefs = new HashSet<>();
        for (String href : scan.hrefs) {
            if (seenHrefs.add(href)) {
                UrlNormalizer.resolve(base, beforeFragment(href)).ifPresent(url -> links.add(UrlNormalizer.key(url)));
            }
        }
        String title = scan.title == null ? null : collapseWhiteSpace(scan.title.text());
        return new Extraction(title, List.copyOf(links));
    }

    /**
     * Runs of white space become one space, ends trimmed, as jsoup's {@code Element.text()} does for
     * ordinary elements and {@code Document.title()} for titles: ASCII white space and the no-break
     * space count. Needed because jsoup keeps white space in a title element's own text().
     */
    static String collapseWhiteSpace(String text) {
        StringBuilder collapsed = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\u00A0') {
                pendingSpace = !collapsed.isEmpty();
            } else {
                if (pendingSpace) {
                    collapsed.append(' ');
                    pendingSpace = false;
                }
                collapsed.append(c);
            }
        }
        return collapsed.toString();
    }

    /**
     * The href up to its first '#'. The fragment always starts there and is dropped anyway; cutting
     * it from the text spares UrlNormalizer from building each such URL twice.
     */
    private static String beforeFragment(String href) {
        int hash = href.indexOf('#');
        return hash < 0 ? href : href.substring(0, hash);
    }

    /** The body as text, BOM stripped; malformed bytes become U+FFFD (String's decoder never throws). */
    static String decode(byte[] body, int length, String contentType) {
        Charset charset = CharsetDetector.detect(contentType, body, length);
        // The detector puts a BOM first, so a BOM present is always the chosen charset's own.
        int skip = ByteOrderMark.sniff(body, length).map(ByteOrderMark::length).orElse(0);
        return new String(body, skip, length - skip, charset);
    }

    /** One pass over the tree collecting what extract needs; hrefs are resolved after it. */
    private static final class Scan implements NodeVisitor {
        private String baseHref;
        private Element title;
        private final List<String> hrefs = new ArrayList<>();

        @Override
        public void head(Node node, int depth) {
            if (!(node instanceof Element element)) {
                return;
            }
            switch (element.normalName()) {
                case "a", "area" -> {
                    if (element.hasAttr("href")) {
                        hrefs.add(element.attr("href"));
                    }
                }
                // The HTML namespace test keeps an inline <svg><title> (a tooltip) from being taken
                // for the page title; tree order puts a <title> in <head> before any in <body>.
                case "title" -> {
                    if (title == null && inHtmlNamespace(element)) {
                        title = element;
                    }
                }
                case "base" -> {
                    if (baseHref == null && inHtmlNamespace(element) && element.hasAttr("href")) {
                        baseHref = element.attr("href");
                    }
                }
                default -> {
                    // Other elements carry nothing extract reports.
                }
            }
        }

        private static boolean inHtmlNamespace(Element element) {
            return Parser.NamespaceHtml.equals(element.tag().namespace());
        }
    }
}
