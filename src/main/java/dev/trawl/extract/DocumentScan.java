package dev.trawl.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
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
 * <p>It keeps strings, never elements, so that it can visit a page in document order while the
 * parser is still building the rest, each part dropped once visited ({@link StreamingScan}): complete
 * subtrees are traversed with {@link #head} and {@link #tail}; an element that is not complete yet
 * comes as {@link #open} before what it holds and {@link #close} after. Traversing a whole parsed
 * document is the case of one complete subtree. Two things keep the result that of one walk over the
 * finished tree:
 * <ul>
 *   <li>the parser moves content misplaced in a table to just before the table (foster parenting),
 *       in front of table contents already visited. So what is found inside a table goes to the
 *       table's own {@link Findings} until the table is complete, and is then appended after what was
 *       put in front of it. The body is kept apart the same way, as a {@code <frameset>} early in the
 *       page makes the parser drop it;</li>
 *   <li>the parser can move an open element elsewhere (the adoption agency), or put something in
 *       front of it: the walk then {@link #leave}s it, and opens it again when it comes to it.</li>
 * </ul>
 */
final class DocumentScan implements NodeVisitor {
    private final String productToken;
    /** Whether ids and {@code <a name>}s are kept ({@code --check-fragments}). */
    private final boolean findsTargets;
    /** What the page yields. */
    private final Findings page;
    /** Where each open element's content goes, innermost last: its own for a table or body, else its parent's. */
    private final List<Findings> open = new ArrayList<>();
    /** Where what is visited now goes. */
    private Findings current;
    /** The findings of tables and bodies visited in part, until they are complete. */
    private final Map<Element, Findings> apart = new IdentityHashMap<>();
    /** Links recorded when opened, before their content, which their visit then skips. */
    private final Set<Element> recordedAhead = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Once the traversal is past the end of the (one) HTML head element. */
    private boolean headLeft;

    /**
     * @param productToken the name whose {@code <meta name>} addresses trawl besides {@code robots}
     * @param findsTargets whether to keep the ids and {@code <a name>}s ({@code --check-fragments})
     */
    DocumentScan(String productToken, boolean findsTargets) {
        this.productToken = productToken;
        this.findsTargets = findsTargets;
        this.page = new Findings(productToken, findsTargets);
        this.current = page;
    }

    /** The next things visited are inside element, which is not complete yet: it is visited at {@link #close}. */
    void open(Element element) {
        if (isLink(element) && recordedAhead.add(element)) {
            link(element);
        }
        if (keptApart(element)) {
            current = apart.computeIfAbsent(element, e -> new Findings(productToken, findsTargets));
        }
        open.add(current);
    }

    /** The open element is complete, and everything in it visited. */
    void close(Element element) {
        leave();
        complete(element);
        // Read now that it is complete: a later <html> or <body> tag adds its attributes to the element.
        targets(element);
        recordedAhead.remove(element);
        if (isHtml(element, "head")) {
            headLeft = true;
        }
    }

    /** What is visited next is not inside the innermost open element, which is not complete: it is opened again later. */
    void leave() {
        open.removeLast();
        current = open.isEmpty() ? page : open.getLast();
    }

    /** Adds what was found in a table or body so far, now that it is complete, to where it is. */
    private void complete(Element element) {
        Findings inside = apart.isEmpty() ? null : apart.remove(element);
        if (inside != null) {
            current.append(inside);
        }
    }

    /** Tables, as the parser can put content in front of them; bodies, as a frameset drops them. */
    private static boolean keptApart(Element element) {
        return isHtml(element, "table") || isHtml(element, "body");
    }

    @Override
    public void head(Node node, int depth) {
        if (!(node instanceof Element element)) {
            return;
        }
        complete(element);
        targets(element);
        switch (element.normalName()) {
            case "a", "area" -> {
                if (isLink(element) && !recordedAhead.remove(element)) {
                    link(element);
                }
            }
            // The HTML namespace test keeps an inline <svg><title> (a tooltip) from being taken
            // for the page title; tree order puts a <title> in <head> before any in <body>.
            case "title" -> {
                if (!current.hasTitle() && inHtmlNamespace(element)) {
                    current.title(titleText(element));
                }
            }
            case "base" -> {
                if (inHtmlNamespace(element) && element.hasAttr("href")) {
                    current.base(element.attr("href"));
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

    /** An element's id, and an HTML {@code <a>}'s name: where a fragment can point. */
    private void targets(Element element) {
        if (!findsTargets) {
            return;
        }
        current.target(element.attr("id"));
        if (element.elementIs("a", Parser.NamespaceHtml)) {
            current.target(element.attr("name"));
        }
    }

    private static boolean isLink(Element element) {
        return (element.nameIs("a") || element.nameIs("area")) && element.hasAttr("href");
    }

    private void link(Element element) {
        current.link(element.attr("href"), element.attr("rel"));
    }

    private void meta(Element element) {
        current.meta(element.attr("name"), element.hasAttr("content") ? element.attr("content") : null);
    }

    private void canonical(Element element) {
        boolean inHead = !headLeft && inHead(element);
        current.canonical(element.attr("rel"), element.attr("href"), inHead);
    }

    /** What the page yields, once the traversal is done. */
    Findings findings() {
        return page;
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
