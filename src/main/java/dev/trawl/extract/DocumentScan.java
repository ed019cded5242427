package dev.trawl.extract;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeVisitor;

/**
 * The one pass over a parsed page that collects everything {@link PageExtractor} reports, as raw
 * attribute text; resolving and cleaning happen after it. One instance per page.
 */
final class DocumentScan implements NodeVisitor {
    private final String productToken;
    private String baseHref;
    private Element title;
    /** Distinct href texts in document order → whether every occurrence so far had rel=nofollow. */
    private final Map<String, Boolean> hrefs = new LinkedHashMap<>();
    private boolean anyNofollow;
    /** The document's head element once reached; headLeft once the traversal is past its end. */
    private Element head;
    private boolean headLeft;
    private String headCanonical;
    private String otherCanonical;
    private String description;
    private DirectiveParser robots;

    /** @param productToken the name whose {@code <meta name>} addresses trawl besides {@code robots} */
    DocumentScan(String productToken) {
        this.productToken = productToken;
    }

    @Override
    public void head(Node node, int depth) {
        if (!(node instanceof Element element)) {
            return;
        }
        switch (element.normalName()) {
            case "a", "area" -> link(element);
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
            case "meta" -> {
                if (inHtmlNamespace(element)) {
                    meta(element);
                }
            }
            // <link> is no breakout tag, so <svg><link rel=canonical> stays SVG and does not count.
            case "link" -> {
                if (inHtmlNamespace(element)) {
                    canonical(element);
                }
            }
            case "head" -> {
                if (head == null && inHtmlNamespace(element)) {
                    head = element;
                }
            }
            default -> {
                // Other elements carry nothing extract reports.
            }
        }
    }

    @Override
    public void tail(Node node, int depth) {
        if (node == head) {
            headLeft = true;
        }
    }

    private void link(Element element) {
        if (element.hasAttr("href")) {
            boolean nofollow = hasToken(element.attr("rel"), "nofollow");
            anyNofollow |= nofollow;
            hrefs.merge(element.attr("href"), nofollow, Boolean::logicalAnd);
        }
    }

    private void meta(Element element) {
        String name = element.attr("name").strip();
        if (name.isEmpty() || !element.hasAttr("content")) {
            return;
        }
        if (name.equalsIgnoreCase("robots") || name.equalsIgnoreCase(productToken)) {
            if (robots == null) {
                robots = new DirectiveParser(null);
            }
            robots.add(element.attr("content"));
        } else if (description == null && name.equalsIgnoreCase("description")) {
            description = element.attr("content");
        }
    }

    private void canonical(Element element) {
        if (!hasToken(element.attr("rel"), "canonical")) {
            return;
        }
        String href = element.attr("href");
        if (href.isBlank()) {
            return;
        }
        boolean inHead = head != null && !headLeft;
        if (inHead && headCanonical == null) {
            headCanonical = href;
        } else if (!inHead && otherCanonical == null) {
            otherCanonical = href;
        }
    }

    String baseHref() {
        return baseHref;
    }

    Element title() {
        return title;
    }

    Map<String, Boolean> hrefs() {
        return hrefs;
    }

    /** Whether any a/area href had rel=nofollow. */
    boolean anyNofollow() {
        return anyNofollow;
    }

    /** The href of the first canonical link in the head, else of the first elsewhere; null if none. */
    String canonicalHref() {
        return headCanonical != null ? headCanonical : otherCanonical;
    }

    String description() {
        return description;
    }

    RobotsDirectives robots() {
        return robots == null ? RobotsDirectives.NONE : robots.result();
    }

    /** Whether a space-separated token list (a rel value) holds token, compared ignoring ASCII case. */
    static boolean hasToken(String list, String token) {
        int n = list.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(list.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(list.charAt(i))) {
                i++;
            }
            if (i - start == token.length() && list.regionMatches(true, start, token, 0, token.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static boolean inHtmlNamespace(Element element) {
        return Parser.NamespaceHtml.equals(element.tag().namespace());
    }
}
