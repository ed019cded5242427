package dev.trawl.extract;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeVisitor;

/**
 * The one pass over a page that collects everything {@link PageExtractor} reports, as raw attribute
 * text; resolving and cleaning happen after it. One instance per page.
 *
 * <p>It keeps strings, never elements, so it can visit a page piece by piece while the parser is
 * still building the rest, each piece dropped once visited ({@link StreamingScan}). Pieces must
 * come in document order, each a complete subtree whose ancestors are not yet visited; before each,
 * {@link #enter(Node)} says where it hangs. Visiting a whole parsed document in one traversal is
 * the special case of one piece.
 */
final class DocumentScan implements NodeVisitor {
    private final String productToken;
    private String baseHref;
    private String title;
    /** Distinct href texts in document order → whether every occurrence so far had rel=nofollow. */
    private final Map<String, Boolean> hrefs = new LinkedHashMap<>();
    private boolean anyNofollow;
    /** Once the traversal is past the end of the (one) HTML head element. */
    private boolean headLeft;
    private String headCanonical;
    private String otherCanonical;
    private String description;
    private DirectiveParser robots;

    /**
     * The parent of the piece being visited, until the piece's first link: its ancestors are not
     * visited yet, and an {@code <a href>} among them comes before that link in document order.
     */
    private Element unvisitedAncestors;
    /** Ancestor links recorded ahead of their own visit, which then skips them. */
    private Set<Element> recordedAhead;
    /** Elements none of whose ancestors-or-self is a link not yet recorded: where the walk may stop. */
    private Element linkFree;
    private Element linkFreeParent;

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
                    title = titleText(element);
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
            default -> {
                // Other elements carry nothing extract reports.
            }
        }
    }

    @Override
    public void tail(Node node, int depth) {
        // The HTML parser makes one head element at most; later <head> tags are dropped.
        if (!headLeft && node instanceof Element element && isHtml(element, "head")) {
            headLeft = true;
        }
    }

    /**
     * Says that the next piece visited is the subtree at root, as it hangs in the tree now: its
     * ancestors have not been visited (they follow once complete).
     */
    void enter(Node root) {
        unvisitedAncestors = root.parentNode() instanceof Element parent ? parent : null;
    }

    /** Says that the piece at root has been visited and is dropped; no reference to it stays. */
    void left(Node root) {
        unvisitedAncestors = null;
        if (root == linkFree || root == linkFreeParent) {
            linkFree = null;
            linkFreeParent = null;
        }
    }

    private void link(Element element) {
        if (!element.hasAttr("href")) {
            return;
        }
        if (recordedAhead != null && recordedAhead.remove(element)) {
            return;
        }
        if (unvisitedAncestors != null) {
            recordAncestorLinks(unvisitedAncestors);
            unvisitedAncestors = null;
        }
        record(element);
    }

    private void record(Element link) {
        boolean nofollow = hasToken(link.attr("rel"), "nofollow");
        anyNofollow |= nofollow;
        hrefs.merge(link.attr("href"), nofollow, Boolean::logicalAnd);
    }

    /**
     * Records the links among from and its ancestors, outermost first, ahead of a link inside them:
     * document order puts an element before its descendants, while pieces come as they complete,
     * descendants first. Rare ({@code <area>} in {@code <a>}, {@code <a>} in a table cell in
     * {@code <a>}); the walk stops at the last place it proved free of such links, so pages of many
     * links in one container walk once, not once per link.
     */
    private void recordAncestorLinks(Element from) {
        Deque<Element> outerFirst = null;
        for (Element at = from; at != null && at != linkFree && at != linkFreeParent; at = at.parent()) {
            if (recordedAhead != null && recordedAhead.contains(at)) {
                break;
            }
            if ((at.nameIs("a") || at.nameIs("area")) && at.hasAttr("href")) {
                if (outerFirst == null) {
                    outerFirst = new ArrayDeque<>();
                }
                outerFirst.push(at);
            }
        }
        if (outerFirst != null) {
            if (recordedAhead == null) {
                recordedAhead = Collections.newSetFromMap(new IdentityHashMap<>());
            }
            for (Element link : outerFirst) {
                record(link);
                recordedAhead.add(link);
            }
        }
        linkFree = from;
        linkFreeParent = from.parent();
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
        boolean inHead = !headLeft && inHead(element);
        if (inHead && headCanonical == null) {
            headCanonical = href;
        } else if (!inHead && otherCanonical == null) {
            otherCanonical = href;
        }
    }

    String baseHref() {
        return baseHref;
    }

    /** The first HTML title's text, white space collapsed, capped; null when there is none. */
    String title() {
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

    /** The title element's text, collapsed and capped; reading stops at the cap. */
    private static String titleText(Element title) {
        // A title's content is raw text (RCDATA), so its children are text nodes only.
        CollapsedText text = new CollapsedText(PageExtractor.MAX_TITLE_LENGTH, PageExtractor.MAX_TITLE_LENGTH);
        for (Node child : title.childNodes()) {
            if (child instanceof TextNode textNode && !text.append(textNode.getWholeText())) {
                break;
            }
        }
        return text.toString();
    }

    /** Whether element is inside the HTML head element (asked only until the traversal leaves it). */
    private static boolean inHead(Element element) {
        for (Element at = element.parent(); at != null; at = at.parent()) {
            if (isHtml(at, "head")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHtml(Element element, String name) {
        return element.elementIs(name, Parser.NamespaceHtml);
    }

    private static boolean inHtmlNamespace(Element element) {
        return Parser.NamespaceHtml.equals(element.tag().namespace());
    }
}
