package dev.trawl.extract;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.parser.StreamParser;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Feeds a page to a {@link DocumentScan} while jsoup's {@link StreamParser} builds it, dropping each
 * part of the tree once visited, so that the tree held at any time is the open elements and little
 * more, whatever the page's element count.
 *
 * <p>It walks the tree in document order as far as the parser is done with it. The first child of
 * where the walk stands is either complete, and then visited whole and removed, or not, and then the
 * walk goes into it: it becomes an ancestor of what is visited next ({@link DocumentScan#open}), and
 * is closed once it is complete and empty. The walk moves on as the parser hands out elements, but
 * not to the elements handed out: the parser calls an element complete once its next sibling starts
 * or its parent closes, which is wrong when the adoption agency closes an element before one inside
 * it ({@code <a href><n><table><a href>}). Whether the parser has closed an element is read from its
 * end position instead, which position tracking sets as it closes it.
 */
final class StreamingScan {
    private static final NodeFilter FIND_OPEN = (node, depth) -> node instanceof Element element && !isClosed(element)
            ? NodeFilter.FilterResult.STOP : NodeFilter.FilterResult.CONTINUE;

    private final DocumentScan scan;
    private Document document;
    /** The incomplete elements the walk is in, outermost first. */
    private final List<Element> path = new ArrayList<>();

    private StreamingScan(DocumentScan scan) {
        this.scan = scan;
    }

    /** Parses input as an HTML document, feeding scan in pieces. */
    static void scan(Reader input, String baseUri, DocumentScan scan) {
        new StreamingScan(scan).run(input, baseUri);
    }

    private void run(Reader input, String baseUri) {
        // A new parser per page: a jsoup Parser holds its tree builder's state.
        try (StreamParser parser = new StreamParser(Parser.htmlParser().setTrackPosition(true))) {
            parser.parse(input, baseUri);
            document = parser.document();
            Iterator<Element> handedOut = parser.iterator();
            int sinceWalk = 0;
            while (handedOut.hasNext()) {
                handedOut.next();
                // A walk first checks the whole path: walking once per path.size() / 16 elements keeps
                // that O(1) per element on deep pages, for a few more elements held meanwhile.
                if (++sinceWalk > path.size() / 16) {
                    sinceWalk = 0;
                    walk(false);
                }
            }
            walk(true);
        }
    }

    /** Visits what the parser is done with, in document order; everything once the parse has ended. */
    private void walk(boolean ended) {
        leaveMoved();
        while (true) {
            Element at = path.isEmpty() ? document : path.getLast();
            Node first = at.firstChild();
            if (first == null) {
                if (path.isEmpty() || !(ended || isDone(at))) {
                    return;
                }
                path.removeLast();
                scan.close(at);
                at.remove();
            } else if (!(first instanceof Element element)) {
                // The scan reads no text but a title's, which it reads from the complete title.
                first.remove();
            } else if (ended || isComplete(element)) {
                NodeTraversor.traverse(scan, element);
                element.remove();
            } else if (element.elementIs("title", Parser.NamespaceHtml)) {
                return;
            } else {
                path.add(element);
                scan.open(element);
            }
        }
    }

    /**
     * Leaves the elements of the path that no longer come first in their parent: the parser moved
     * them (the adoption agency does, and a {@code <frameset>} drops the body), or put something in
     * front of them (foster parenting puts content misplaced in a table before the table). The walk
     * goes back to that parent, visits what is now first, and comes back into them later.
     */
    private void leaveMoved() {
        Node parent = document;
        for (int i = 0; i < path.size(); i++) {
            Element element = path.get(i);
            if (element.parentNode() != parent || parent.firstChild() != element) {
                while (path.size() > i) {
                    path.removeLast();
                    scan.leave();
                }
                return;
            }
            parent = element;
        }
    }

    /** Whether the parser is done with element and everything in it. */
    private static boolean isComplete(Element element) {
        return isDone(element)
                && (element.firstElementChild() == null || NodeTraversor.filter(FIND_OPEN, element) != NodeFilter.FilterResult.STOP);
    }

    /** Whether the parser is done with element itself: it closed it, and will not reopen it. */
    private static boolean isDone(Element element) {
        if (!isClosed(element)) {
            return false;
        }
        if (!Parser.NamespaceHtml.equals(element.tag().namespace())) {
            return true;
        }
        return switch (element.normalName()) {
            // </body> and </html> mark the end without closing: what follows still goes into the body.
            case "html", "body" -> false;
            // After </head>, the parser puts <link>, <meta>, <title>... back in the head until the body starts.
            case "head" -> element.nextElementSibling() != null;
            default -> true;
        };
    }

    private static boolean isClosed(Element element) {
        return element.endSourceRange().isTracked();
    }
}
