package dev.trawl.extract;

import java.util.Arrays;
import java.util.function.Predicate;
import org.jsoup.parser.Parser;

/**
 * The HTML tokenizer's states that decide where tags begin and end, over a decoded page: tags with
 * their attributes (quoted and unquoted values, {@code /} between attributes), comments
 * ({@code <!-->}, {@code <!--->}, {@code --!>}), bogus comments, doctypes and the end of raw text.
 * It reads the attributes that {@link MarkupScan} asks for and skips the rest without copying them.
 *
 * <p>Names are compared ignoring ASCII case only, as jsoup lower-cases them; an attribute named twice
 * keeps its first value. Character references in values are decoded by jsoup itself, so they follow the same rules
 * (the legacy ones without a semicolon included).
 */
final class MarkupTokenizer {
    /** What {@link #next} found at a '<'. */
    enum Kind { START_TAG, END_TAG, IGNORED, TEXT, END_OF_INPUT }

    /** The attributes read when asked: href, rel, name, content, id. */
    static final int HREF = 0;
    static final int REL = 1;
    static final int NAME = 2;
    static final int CONTENT = 3;
    static final int ID = 4;
    private static final String[] WANTED = {"href", "rel", "name", "content", "id"};
    /**
     * The name of every element the scan treats alike: all but those it names (a tag name can hold
     * no '*'). Reading names into these constants spares a string per tag.
     */
    static final String OTHER_NAME = "*";
    /** The names the scan tells apart, by length. */
    private static final String[][] BY_LENGTH = byLength("a", "p", "br", "td", "th", "tr", "col", "xmp", "svg", "rp", "rt", "area", "base",
            "meta", "link", "html", "head", "body", "math", "form", "title", "frame", "style", "table", "tbody", "thead", "tfoot", "script",
            "select", "iframe", "caption", "noembed", "isindex", "colgroup", "noframes", "noscript", "basefont", "bgsound",
            "template", "textarea", "frameset", "plaintext");

    private final String html;
    private final int length;
    private int pos;
    private String tagName;
    private boolean selfClosing;
    private final String[] values = new String[WANTED.length];

    MarkupTokenizer(String html) {
        this.html = html;
        this.length = html.length();
    }

    int position() {
        return pos;
    }

    void moveTo(int position) {
        pos = position;
    }

    /** The name of the tag just read, lower-cased, if the scan tells it apart; else {@link #OTHER_NAME}. */
    String tagName() {
        return tagName;
    }

    /** Whether the tag just read ended with "/>" (HTML ignores it on all but void and foreign elements; jsoup does not). */
    boolean selfClosing() {
        return selfClosing;
    }

    /** An attribute of the start tag just read (if its attributes were asked for), null when absent. */
    String attribute(int which) {
        return values[which];
    }

    /**
     * Reads the markup at position, which holds a '<'. A start tag's attributes are kept when
     * wantAttributes says so for its name. Text: the '<' is a character of text, and position is past it.
     */
    Kind next(Predicate<String> wantAttributes) {
        int at = pos + 1;
        if (at >= length) {
            pos = length;
            return Kind.TEXT;
        }
        char c = html.charAt(at);
        if (isAsciiAlpha(c)) {
            at = readName(at);
            boolean keep = wantAttributes.test(tagName);
            if (keep) {
                Arrays.fill(values, null);
            }
            return attributes(at, keep) ? Kind.START_TAG : Kind.END_OF_INPUT;
        }
        switch (c) {
            case '/' -> {
                int name = at + 1;
                if (name >= length) {
                    pos = length;
                    return Kind.TEXT;
                }
                char first = html.charAt(name);
                if (isAsciiAlpha(first)) {
                    return attributes(readName(name), false) ? Kind.END_TAG : Kind.END_OF_INPUT;
                }
                if (first == '>') {
                    pos = name + 1;
                    return Kind.IGNORED;
                }
                return bogusComment(name);
            }
            case '!' -> {
                return declaration(at + 1);
            }
            case '?' -> {
                return bogusComment(at);
            }
            default -> {
                pos = at;
                return Kind.TEXT;
            }
        }
    }

    /** After "<!": a comment, a doctype or a bogus comment; a CDATA section is left to jsoup. */
    private Kind declaration(int at) {
        if (html.startsWith("--", at)) {
            int body = at + 2;
            if (html.startsWith(">", body)) {
                pos = body + 1;
            } else if (html.startsWith("->", body)) {
                pos = body + 2;
            } else {
                int end = html.indexOf("--", body);
                while (end >= 0 && !(html.startsWith("-->", end) || html.startsWith("--!>", end))) {
                    end = html.indexOf("--", end + 1);
                }
                pos = end < 0 ? length : end + (html.charAt(end + 2) == '>' ? 3 : 4);
            }
            return Kind.IGNORED;
        }
        return bogusComment(at);
    }

    /** A bogus comment or a doctype, both of which end at the next '>'. */
    private Kind bogusComment(int at) {
        int end = html.indexOf('>', at);
        pos = end < 0 ? length : end + 1;
        return Kind.IGNORED;
    }

    /** Whether a CDATA section starts at position (after "<"), which jsoup reads as text in HTML too. */
    boolean atCdata() {
        return html.startsWith("<![CDATA[", pos);
    }

    private int readName(int at) {
        int start = at;
        while (at < length) {
            char c = html.charAt(at);
            if (isSpace(c) || c == '/' || c == '>') {
                break;
            }
            at++;
        }
        tagName = known(start, at - start);
        return at;
    }

    /** The known name the tag's is, ignoring ASCII case, or {@link #OTHER_NAME}; copies nothing. */
    private String known(int start, int n) {
        if (n < BY_LENGTH.length) {
            for (String name : BY_LENGTH[n]) {
                if (regionMatchesAscii(start, name)) {
                    return name;
                }
            }
        }
        return OTHER_NAME;
    }

    /**
     * Reads the attributes and the end of a tag from at; false at the end of input, where the tag is
     * dropped. Values are kept only when keep is set.
     */
    private boolean attributes(int at, boolean keep) {
        int seen = 0;
        while (true) {
            // Between attributes a '/' is read as white space: only "/>" makes the tag self-closing.
            boolean slash = false;
            while (at < length && (isSpace(html.charAt(at)) || html.charAt(at) == '/')) {
                slash = html.charAt(at) == '/';
                at++;
            }
            if (at >= length) {
                pos = length;
                return false;
            }
            if (html.charAt(at) == '>') {
                selfClosing = slash;
                pos = at + 1;
                return true;
            }
            // The name's first char may be '=', which is part of the name then.
            int nameStart = at++;
            while (at < length && !endsAttributeName(html.charAt(at))) {
                at++;
            }
            int nameEnd = at;
            while (at < length && isSpace(html.charAt(at))) {
                at++;
            }
            int valueStart = at;
            int valueEnd = at;
            if (at < length && html.charAt(at) == '=') {
                at++;
                while (at < length && isSpace(html.charAt(at))) {
                    at++;
                }
                if (at >= length) {
                    pos = length;
                    return false;
                }
                char quote = html.charAt(at);
                if (quote == '"' || quote == '\'') {
                    valueStart = at + 1;
                    valueEnd = html.indexOf(quote, valueStart);
                    if (valueEnd < 0) {
                        pos = length;
                        return false;
                    }
                    at = valueEnd + 1;
                } else {
                    valueStart = at;
                    while (at < length && !isSpace(html.charAt(at)) && html.charAt(at) != '>') {
                        at++;
                    }
                    valueEnd = at;
                }
            }
            if (keep) {
                int which = wanted(nameStart, nameEnd);
                if (which >= 0 && (seen & (1 << which)) == 0) {
                    seen |= 1 << which;
                    values[which] = value(valueStart, valueEnd);
                }
            }
        }
    }

    /** Which wanted attribute the name is, compared ignoring ASCII case; -1 for none. */
    private int wanted(int start, int end) {
        int n = end - start;
        for (int i = 0; i < WANTED.length; i++) {
            if (WANTED[i].length() == n && regionMatchesAscii(start, WANTED[i])) {
                return i;
            }
        }
        return -1;
    }

    private boolean regionMatchesAscii(int start, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            char c = html.charAt(start + i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** An attribute value, character references decoded as jsoup's tokenizer decodes them in attributes. */
    private String value(int start, int end) {
        String raw = html.substring(start, end);
        return raw.indexOf('&') < 0 ? raw : Parser.unescapeEntities(raw, true);
    }

    private static boolean endsAttributeName(char c) {
        return isSpace(c) || c == '/' || c == '>' || c == '=';
    }

    /** White space in the tokenizer's tag states; jsoup reads a CR as one too. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static boolean isAsciiAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String[][] byLength(String... names) {
        int longest = Arrays.stream(names).mapToInt(String::length).max().orElse(0);
        String[][] table = new String[longest + 1][];
        for (int n = 0; n <= longest; n++) {
            int length = n;
            table[n] = Arrays.stream(names).filter(name -> name.length() == length).toArray(String[]::new);
        }
        return table;
    }
}
