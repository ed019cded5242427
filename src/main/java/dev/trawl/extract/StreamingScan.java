package dev.trawl.extract;

import java.io.Reader;
import java.util.Iterator;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.parser.StreamParser;
import org.jsoup.select.NodeTraversor;

/**
 * Feeds a page to a {@link DocumentScan} while jsoup's {@link StreamParser} builds it, dropping each
 * part of the tree once visited, so that the tree held at any time is the open elements and little
 * more, whatever the page's element count.
 *
 * <p>The stream parser hands out each element once it is complete: when its next sibling starts or
 * its parent ends, so children before parents. Each element handed out is visited with whatever of
 * its subtree is still there (its children were handed out and dropped before it; what remains is
 * text, and elements the parser never hands out, such as the last one foster-parented before a
 * table), and then removed. The nodes before it under its parent are complete too, and go first, the
 * same way: that is what drops the text and comments between elements, which would otherwise pile up
 * under {@code <body>} until the end.
 *
 * <p>Pieces are visited in the order they complete. That is document order except for content the
 * parser moves: a link foster-parented out of a table comes after the links in the table, not before
 * them; and links nested in links, which {@link DocumentScan} puts back in document order.
 */
final class StreamingScan {
    private final DocumentScan scan;

    private StreamingScan(DocumentScan scan) {
        this.scan = scan;
    }

    /** Parses input as an HTML document, feeding scan in pieces. */
    static void scan(Reader input, String baseUri, DocumentScan scan) {
        new StreamingScan(scan).run(input, baseUri);
    }

    private void run(Reader input, String baseUri) {
        // A new parser per page: a jsoup Parser holds its tree builder's state.
        try (StreamParser parser = new StreamParser(Parser.htmlParser())) {
            parser.parse(input, baseUri);
            Iterator<Element> complete = parser.iterator();
            while (complete.hasNext()) {
                Element element = complete.next();
                Node parent = element.parentNode();
                // Null for the document itself, handed out last, and for elements that went with an
                // earlier piece.
                if (parent != null) {
                    visitThrough(parent, element);
                }
            }
            Document document = parser.document();
            while (document.firstChild() != null) {
                visit(document.firstChild());
            }
        }
    }

    /** Visits and removes parent's children up to and including last. */
    private void visitThrough(Node parent, Node last) {
        Node first;
        do {
            first = parent.firstChild();
            visit(first);
        } while (first != last);
    }

    private void visit(Node root) {
        // The scan reads elements only (a title's text from the title), so other nodes just go.
        if (root instanceof Element element) {
            scan.enter(element);
            if (element.firstElementChild() == null) {
                // Most pieces: their element children went before them.
                scan.head(element, 0);
                scan.tail(element, 0);
            } else {
                NodeTraversor.traverse(scan, element);
            }
            scan.left(element);
        }
        root.remove();
    }
}
