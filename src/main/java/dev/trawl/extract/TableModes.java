package dev.trawl.extract;

import java.util.Arrays;

/**
 * The table insertion modes of the HTML tree builder, as far as {@link MarkupScan} needs them: which
 * table structure is open (table, caption, colgroup, tbody/thead/tfoot, tr, td/th, innermost last,
 * tables in cells nested), so that it knows whether a tag in a table is taken as table structure,
 * read as in the body (in a cell or caption), or misplaced, in which case the parser would move it in
 * front of the table (foster parenting) and the scan gives up.
 *
 * <p>Implied ends are modelled as the standard has them: a cell closes at the next cell, row or
 * section, a row at the next row, a section at the next section; a {@code <td>} or {@code <tr>}
 * straight in a table implies its {@code <tbody>}, a {@code <col>} its {@code <colgroup>}. End tags
 * inside a cell's content never close a table element (cells bound every scope), so elements other
 * than these need no tracking.
 */
final class TableModes {
    /** What a start tag is, where the scan stands. */
    enum Start { BODY, TAKEN, FOSTERED }

    private String[] open = new String[8];
    private int size;

    /** A table starts, in the body or a cell. */
    void open() {
        push("table");
    }

    /** How many tables are open, nested in each other's cells. */
    int depth() {
        int tables = 0;
        for (int i = 0; i < size; i++) {
            if (open[i].equals("table")) {
                tables++;
            }
        }
        return tables;
    }

    /** Whether text or a tag other than table structure would be moved in front of the table. */
    boolean fosters() {
        if (size == 0) {
            return false;
        }
        return switch (open[size - 1]) {
            case "td", "th", "caption" -> false;
            default -> true;
        };
    }

    /** A start tag; the structure it implies or closes is applied. */
    Start start(String name) {
        while (size > 0) {
            String top = open[size - 1];
            switch (top) {
                case "td", "th", "caption" -> {
                    if (!isStructure(name)) {
                        return Start.BODY;
                    }
                    size--;
                }
                case "table" -> {
                    switch (name) {
                        case "caption", "colgroup", "tbody", "thead", "tfoot" -> {
                            push(name);
                            return Start.TAKEN;
                        }
                        case "col" -> {
                            push("colgroup");
                            return Start.TAKEN;
                        }
                        case "td", "th", "tr" -> push("tbody");
                        default -> {
                            return inTable(name);
                        }
                    }
                }
                case "tbody", "thead", "tfoot" -> {
                    switch (name) {
                        case "tr" -> {
                            push(name);
                            return Start.TAKEN;
                        }
                        case "td", "th" -> push("tr");
                        case "caption", "col", "colgroup", "tbody", "thead", "tfoot" -> size--;
                        default -> {
                            return inTable(name);
                        }
                    }
                }
                case "tr" -> {
                    switch (name) {
                        case "td", "th" -> {
                            push(name);
                            return Start.TAKEN;
                        }
                        case "caption", "col", "colgroup", "tbody", "thead", "tfoot", "tr" -> size--;
                        default -> {
                            return inTable(name);
                        }
                    }
                }
                default -> {
                    // colgroup: a <col> goes in; anything else ends the column group.
                    if (name.equals("col")) {
                        return Start.TAKEN;
                    }
                    if (name.equals("template")) {
                        return Start.FOSTERED;
                    }
                    size--;
                }
            }
        }
        return Start.BODY;
    }

    /** Style and script go into the table where they stand; anything else would be moved. */
    private static Start inTable(String name) {
        return name.equals("style") || name.equals("script") ? Start.BODY : Start.FOSTERED;
    }

    /** An end tag: false when the parser would read it in the body with foster parenting on. */
    boolean end(String name) {
        while (size > 0) {
            String top = open[size - 1];
            switch (top) {
                case "td", "th" -> {
                    switch (name) {
                        case "td", "th" -> {
                            if (name.equals(top)) {
                                size--;
                            }
                            return true;
                        }
                        case "body", "caption", "col", "colgroup", "html" -> {
                            return true;
                        }
                        case "table", "tr" -> size--;
                        case "tbody", "thead", "tfoot" -> {
                            if (!inTableScope(name)) {
                                return true;
                            }
                            size--;
                        }
                        default -> {
                            return true;
                        }
                    }
                }
                case "caption" -> {
                    switch (name) {
                        case "caption" -> {
                            size--;
                            return true;
                        }
                        case "table" -> size--;
                        default -> {
                            // Ignored, or read as in the body.
                            return true;
                        }
                    }
                }
                case "table" -> {
                    if (name.equals("table")) {
                        size--;
                        return true;
                    }
                    return ignoredInTable(name);
                }
                case "tbody", "thead", "tfoot" -> {
                    switch (name) {
                        case "tbody", "thead", "tfoot" -> {
                            if (name.equals(top)) {
                                size--;
                            }
                            return true;
                        }
                        case "table" -> size--;
                        case "td", "th", "tr" -> {
                            return true;
                        }
                        default -> {
                            return ignoredInTable(name);
                        }
                    }
                }
                case "tr" -> {
                    switch (name) {
                        case "tr" -> {
                            size--;
                            return true;
                        }
                        case "table" -> size--;
                        case "tbody", "thead", "tfoot" -> {
                            if (!inTableScope(name)) {
                                return true;
                            }
                            size--;
                        }
                        case "td", "th" -> {
                            return true;
                        }
                        default -> {
                            return ignoredInTable(name);
                        }
                    }
                }
                default -> {
                    // colgroup
                    if (name.equals("colgroup")) {
                        size--;
                        return true;
                    }
                    if (name.equals("col")) {
                        return true;
                    }
                    if (name.equals("template")) {
                        return false;
                    }
                    size--;
                }
            }
        }
        return true;
    }

    /** The end tags a table ignores; any other is read in the body with foster parenting on. */
    private static boolean ignoredInTable(String name) {
        return switch (name) {
            case "body", "caption", "col", "colgroup", "html", "tbody", "td", "tfoot", "th", "thead", "tr" -> true;
            default -> false;
        };
    }

    /** Whether the innermost table has an open element named name (its cell, row or section). */
    private boolean inTableScope(String name) {
        for (int i = size - 1; i >= 0 && !open[i].equals("table"); i--) {
            if (open[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStructure(String name) {
        return switch (name) {
            case "caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr" -> true;
            default -> false;
        };
    }

    private void push(String name) {
        if (size == open.length) {
            open = Arrays.copyOf(open, size * 2);
        }
        open[size++] = name;
    }
}
