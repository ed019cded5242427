package dev.trawl.extract;

import java.util.function.Predicate;
import org.jsoup.parser.Parser;

/**
 * Takes what {@link DocumentScan} collects from jsoup's tree straight from the markup, building no
 * tree, or says that it cannot settle the page, which is then parsed whole.
 *
 * <p>Where the tree builder keeps the document order of the tags, the order of the tags is all a
 * scan needs: the adoption agency and the reconstruction of formatting elements clone an {@code <a>}
 * with its attributes after the original, which changes no first occurrence and no nofollow verdict,
 * and jsoup's depth cap makes deep elements siblings in the same order. So besides the tokenizer
 * ({@link MarkupTokenizer}) it models only the insertion modes that decide what a tag means here:
 * <ul>
 *   <li>the head modes, for a canonical link in the head or elsewhere (after {@code </head>}, a
 *       {@code <link>} before the body starts still goes into the head);</li>
 *   <li>the table modes ({@link TableModes}), as the parser puts content misplaced in a table in front
 *       of it: any such content is left to jsoup;</li>
 *   <li>which elements hold raw text (title, textarea, style, script...).</li>
 * </ul>
 * What it does not model, it leaves to jsoup: foreign content ({@code <svg>}, {@code <math>}),
 * {@code <select>}, {@code <template>}, {@code <frameset>}, a {@code <noscript>} in the head, CDATA,
 * script data holding {@code <!--}, NUL characters, content a table would foster-parent.
 *
 * <p>Asked for fragment targets, it reads the attributes of every start tag, and keeps the id of each
 * one that makes an element (and an {@code <a>}'s name). That needs the tags the tree builder drops
 * or merges: a second {@code <html>} or {@code <body>} only adds attributes the element lacks, a
 * {@code <head>} after the first is dropped, and so are table parts outside a table, {@code <frame>}
 * in the body, and a {@code <form>} inside a form, but none of them inside a {@code <noscript>}, whose
 * tags jsoup all makes elements; an {@code <rp>} or {@code <rt>} with an id is left to jsoup, which
 * drops it outside a {@code <ruby>}.
 */
final class MarkupScan {
    /** What a scan gives: the findings, or why it left the page to jsoup. */
    sealed interface Outcome {
        record Settled(Findings findings) implements Outcome {
        }

        record Unsettled(String reason) implements Outcome {
        }
    }

    private enum Mode { BEFORE_HEAD, IN_HEAD, AFTER_HEAD, IN_BODY }

    /** Thrown to stop at the first markup the scan does not model; no stack trace, as it is expected. */
    private static final class Unsettling extends RuntimeException {
        Unsettling(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Nested tables beyond this are left to jsoup, whose element depth cap (512) would start to
     * reshape them (a table is at least four elements deep: table, tbody, tr, td); it also bounds the
     * scan's table stack on a hostile page.
     */
    static final int MAX_TABLE_DEPTH = 100;

    private final MarkupTokenizer tokens;
    private final String html;
    private final Findings findings;
    /** Whose start tags' attributes are read: those the scan reads, or all when it keeps ids. */
    private final Predicate<String> attributesWanted;
    private final TableModes tables = new TableModes();
    private Mode mode = Mode.BEFORE_HEAD;
    private boolean done;
    /** Whether the html and body elements have an id: a later tag's is then ignored. */
    private boolean htmlHasId;
    private boolean bodyHasId;
    /** Whether a form is open (the tree builder's form element pointer): a form tag inside it is dropped. */
    private boolean inForm;
    /**
     * Whether the scan is inside a {@code <noscript>} in the body, which jsoup reads as an island: each
     * tag an element as it is, up to the first {@code </noscript>}, and the form pointer as it was after.
     */
    private boolean inNoscript;

    private MarkupScan(String html, String productToken, boolean findsTargets) {
        this.html = html;
        this.tokens = new MarkupTokenizer(html);
        this.findings = new Findings(productToken, findsTargets);
        this.attributesWanted = findsTargets ? name -> true : MarkupScan::wantsAttributes;
    }

    /** Scans a decoded page (its byte order mark removed). */
    static Outcome scan(String html, String productToken) {
        return scan(html, productToken, false);
    }

    /** Scans a decoded page, keeping its ids and {@code <a name>}s when findsTargets is set. */
    static Outcome scan(String html, String productToken, boolean findsTargets) {
        MarkupScan scan = new MarkupScan(html, productToken, findsTargets);
        try {
            scan.run();
            return new Outcome.Settled(scan.findings);
        } catch (Unsettling unsettling) {
            return new Outcome.Unsettled(unsettling.getMessage());
        }
    }

    private void run() {
        // jsoup makes a NUL U+FFFD in some states, drops it in others.
        if (html.indexOf('\0') >= 0) {
            throw new Unsettling("NUL character");
        }
        int length = html.length();
        while (!done) {
            int start = tokens.position();
            int lt = html.indexOf('<', start);
            int textEnd = lt < 0 ? length : lt;
            if (textEnd > start) {
                text(start, textEnd);
            }
            if (lt < 0) {
                return;
            }
            tokens.moveTo(lt);
            if (tokens.atCdata()) {
                throw new Unsettling("CDATA section");
            }
            switch (tokens.next(attributesWanted)) {
                case START_TAG -> startTag(tokens.tagName());
                case END_TAG -> endTag(tokens.tagName());
                case TEXT -> text(lt, lt + 1);
                case IGNORED -> {
                    // Comments and doctypes change nothing the scan reports.
                }
                case END_OF_INPUT -> done = true;
            }
        }
    }

    private static boolean wantsAttributes(String name) {
        return switch (name) {
            case "a", "area", "base", "meta", "link" -> true;
            default -> false;
        };
    }

    /** Text between tags: only whether it is all white space can matter, in the head and in tables. */
    private void text(int start, int end) {
        if (mode == Mode.IN_BODY && !tables.fosters()) {
            return;
        }
        if (isWhitespace(start, end)) {
            return;
        }
        if (mode != Mode.IN_BODY) {
            mode = Mode.IN_BODY;
        }
        if (tables.fosters()) {
            throw new Unsettling("text in a table");
        }
    }

    private boolean isWhitespace(int start, int end) {
        String text = html.substring(start, end);
        if (text.indexOf('&') >= 0) {
            text = Parser.unescapeEntities(text, false);
        }
        for (int i = 0; i < text.length(); i++) {
            if (!MarkupTokenizer.isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void startTag(String name) {
        switch (mode) {
            case BEFORE_HEAD -> {
                if (name.equals("html")) {
                    htmlTarget();
                    return;
                }
                mode = Mode.IN_HEAD;
                if (name.equals("head")) {
                    target(name); // the one head element is made from this tag
                } else {
                    startTag(name);
                }
            }
            case IN_HEAD, AFTER_HEAD -> {
                if (!headStartTag(name)) {
                    mode = Mode.IN_BODY;
                    if (name.equals("body")) {
                        bodyTarget();
                    } else {
                        startTag(name);
                    }
                }
            }
            case IN_BODY -> bodyStartTag(name);
        }
    }

    /** A start tag in the head, or after it before the body; false when it starts the body. */
    private boolean headStartTag(String name) {
        switch (name) {
            case "html" -> htmlTarget();
            case "head" -> {
                // Ignored: the head element is made.
            }
            case "basefont", "bgsound" -> target(name);
            case "base", "meta", "link" -> {
                target(name);
                headLevel(name, true);
            }
            case "title", "style", "noframes", "script" -> {
                target(name);
                rawText(name);
            }
            case "noscript" -> {
                if (mode == Mode.AFTER_HEAD) {
                    return false;
                }
                throw new Unsettling("<noscript> in the head");
            }
            case "template" -> throw new Unsettling("<template>");
            case "frameset" -> throw new Unsettling("<frameset>");
            default -> {
                return false;
            }
        }
        return true;
    }

    private void bodyStartTag(String name) {
        TableModes.Start start = tables.start(name);
        switch (start) {
            case TAKEN -> {
                target(name);
                return;
            }
            case FOSTERED -> throw new Unsettling("<" + name + "> in a table");
            case BODY -> {
                // Read as in the body below.
            }
        }
        switch (name) {
            case "a", "area" -> {
                target(name);
                String href = tokens.attribute(MarkupTokenizer.HREF);
                if (href != null) {
                    findings.link(href, tokens.attribute(MarkupTokenizer.REL));
                }
            }
            case "base", "meta", "link" -> {
                target(name);
                headLevel(name, false);
            }
            case "title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script" -> {
                target(name);
                rawText(name);
            }
            case "plaintext" -> {
                target(name);
                done = true;
            }
            case "table" -> {
                if (tables.depth() >= MAX_TABLE_DEPTH) {
                    throw new Unsettling("tables nested deeper than " + MAX_TABLE_DEPTH);
                }
                tables.open();
                target(name);
            }
            case "svg", "math" -> throw new Unsettling("foreign content");
            case "select", "template", "frameset", "isindex" -> throw new Unsettling("<" + name + ">");
            case "html", "body", "head", "caption", "col", "colgroup", "frame", "tbody", "td", "tfoot", "th", "thead", "tr",
                    "form", "rp", "rt" -> droppedOrMerged(name);
            case "noscript" -> {
                target(name);
                inNoscript = true;
            }
            default -> {
                // Every other element keeps the order of what it holds.
                target(name);
            }
        }
    }

    /**
     * A tag the tree builder drops, or merges into an element it has, in the body; inside a
     * {@code <noscript>}, jsoup puts every tag in as an element of its own.
     */
    private void droppedOrMerged(String name) {
        if (inNoscript) {
            target(name);
            return;
        }
        switch (name) {
            case "html" -> htmlTarget();
            case "body" -> bodyTarget();
            case "form" -> {
                if (!inForm) {
                    inForm = true;
                    target(name);
                }
            }
            case "rp", "rt" -> {
                if (id() != null) {
                    throw new Unsettling("<" + name + "> with an id");
                }
            }
            default -> {
                // Dropped: head, frame, and table parts outside a table make no element.
            }
        }
    }

    /** A start tag that makes an element: its id, and an {@code <a>}'s name, are where a fragment can point. */
    private void target(String name) {
        if (!findings.findsTargets()) {
            return;
        }
        findings.target(id());
        if (name.equals("a")) {
            findings.target(tokens.attribute(MarkupTokenizer.NAME));
        }
    }

    /** The start tag's id, null when it has none or ids are not asked for (then attributes are not all read). */
    private String id() {
        return findings.findsTargets() ? tokens.attribute(MarkupTokenizer.ID) : null;
    }

    /** An {@code <html>} tag: the first makes the element, later ones add attributes it lacks. */
    private void htmlTarget() {
        if (!htmlHasId && id() != null) {
            htmlHasId = true;
            target("html");
        }
    }

    /** A {@code <body>} tag: the first makes the element (unless content did before), later ones add attributes it lacks. */
    private void bodyTarget() {
        if (!bodyHasId && id() != null) {
            bodyHasId = true;
            target("body");
        }
    }

    private void headLevel(String name, boolean inHead) {
        switch (name) {
            case "base" -> {
                String href = tokens.attribute(MarkupTokenizer.HREF);
                if (href != null) {
                    findings.base(href);
                }
            }
            case "meta" -> findings.meta(tokens.attribute(MarkupTokenizer.NAME), tokens.attribute(MarkupTokenizer.CONTENT));
            default -> findings.canonical(tokens.attribute(MarkupTokenizer.REL), tokens.attribute(MarkupTokenizer.HREF), inHead);
        }
    }

    /**
     * An element whose content is text up to its end tag: a title's is read, others' skipped. Script
     * data holding "<!--" is left to jsoup, as its escape states can hide the end tag.
     */
    private void rawText(String name) {
        if (tokens.selfClosing()) {
            // jsoup reads "<xmp/>" as an empty element and what follows as markup, where HTML reads text.
            throw new Unsettling("<" + name + "/>");
        }
        int start = tokens.position();
        int end = endTag(name, start);
        if (name.equals("title")) {
            if (!findings.hasTitle()) {
                String text = html.substring(start, end);
                findings.title(CollapsedText.of(text.indexOf('&') < 0 ? text : Parser.unescapeEntities(text, false),
                        PageExtractor.MAX_TITLE_LENGTH));
            }
        } else if (name.equals("script")) {
            // Searched up to the end tag only: a search to the end of the page for every script would
            // make a page of many scripts quadratic.
            if (html.indexOf("<!--", start, end) >= 0) {
                throw new Unsettling("<!-- in a script");
            }
        }
        tokens.moveTo(end);
        // The end tag closes the element whatever mode the parser is in (the text mode takes it).
        if (end < html.length() && tokens.next(attributesWanted) == MarkupTokenizer.Kind.END_OF_INPUT) {
            done = true;
        }
    }

    /** Where raw text that started at from ends: "</name" followed by white space, '/' or '>'; else the end of input. */
    private int endTag(String name, int from) {
        int at = from;
        while (true) {
            at = html.indexOf("</", at);
            if (at < 0) {
                return html.length();
            }
            int after = at + 2 + name.length();
            if (after < html.length() && html.regionMatches(true, at + 2, name, 0, name.length())
                    && isEndOfName(html.charAt(after))) {
                return at;
            }
            at += 2;
        }
    }

    private static boolean isEndOfName(char c) {
        return MarkupTokenizer.isSpace(c) || c == '/' || c == '>';
    }

    private void endTag(String name) {
        switch (mode) {
            case BEFORE_HEAD -> {
                if (name.equals("head") || name.equals("body") || name.equals("html") || name.equals("br")) {
                    mode = Mode.IN_HEAD;
                    endTag(name);
                }
            }
            case IN_HEAD -> {
                if (name.equals("head")) {
                    mode = Mode.AFTER_HEAD;
                } else if (name.equals("body") || name.equals("html") || name.equals("br")) {
                    mode = Mode.IN_BODY;
                }
                if (name.equals("template")) {
                    throw new Unsettling("<template>");
                }
            }
            case AFTER_HEAD -> {
                if (name.equals("body") || name.equals("html") || name.equals("br")) {
                    mode = Mode.IN_BODY;
                }
                if (name.equals("template")) {
                    throw new Unsettling("<template>");
                }
            }
            case IN_BODY -> {
                if (!tables.end(name)) {
                    throw new Unsettling("</" + name + "> in a table");
                }
                if (name.equals("noscript")) {
                    inNoscript = false;
                } else if (name.equals("form") && !inNoscript) {
                    inForm = false; // whether or not a form was open, the pointer is cleared
                }
            }
        }
    }
}
