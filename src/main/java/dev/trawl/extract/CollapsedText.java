package dev.trawl.extract;

/**
 * Text with runs of white space made one space and the ends trimmed, as jsoup's
 * {@code Element.text()} does for ordinary elements and {@code Document.title()} for titles (ASCII
 * white space and the no-break space count), cut at a maximum length. Needed because jsoup keeps
 * white space in a title element's own text and in attribute values.
 *
 * <p>Building stops at the cap, so a capped field costs the same whether its source is one kilobyte
 * or ten megabytes. A cut never splits a surrogate pair; the result may then be one char short. A lone
 * surrogate becomes U+FFFD.
 */
final class CollapsedText {
    private final int max;
    private final StringBuilder text;
    private boolean pendingSpace;
    private boolean full;

    CollapsedText(int max, int expectedLength) {
        this.max = max;
        this.text = new StringBuilder(Math.min(max, expectedLength));
    }

    /** text collapsed and cut to at most max chars. */
    static String of(String text, int max) {
        CollapsedText collapsed = new CollapsedText(max, text.length());
        collapsed.append(text);
        return collapsed.toString();
    }

    /** Adds more text; false once the cap is reached, when later text can no longer change the result. */
    boolean append(String more) {
        for (int i = 0; i < more.length() && !full; i++) {
            char c = more.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\u00A0') {
                pendingSpace = !text.isEmpty();
                continue;
            }
            if (pendingSpace) {
                if (text.length() + 2 > max) {
                    full = true;
                    break;
                }
                text.append(' ');
                pendingSpace = false;
            }
            text.append(wellFormed(more, i));
            full = text.length() >= max;
        }
        if (full && !text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            text.setLength(text.length() - 1);
        }
        return !full;
    }

    /**
     * The char at i, or U+FFFD if it is half of a surrogate pair without its other half. jsoup decodes a
     * character reference such as {@code &#xD800;} to such a lone surrogate, where the HTML standard says
     * U+FFFD, and a lone surrogate makes the record's JSON unreadable to strict parsers.
     */
    static char wellFormed(CharSequence text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? c : '\uFFFD';
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1)) ? c : '\uFFFD';
        }
        return c;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
