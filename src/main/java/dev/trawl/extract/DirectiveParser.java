package dev.trawl.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads robots directive lists, the syntax meta robots content and {@code X-Robots-Tag} values share:
 * comma-separated directives, case-insensitive. Values are fed one by one and the directives that
 * apply are collected across them.
 *
 * <p>Two leniencies, both erring towards what the site owner evidently meant:
 * <ul>
 *   <li>A directive without a colon that holds white space is split at it: {@code noindex nofollow}
 *       is a common mistake for {@code noindex, nofollow}, and reading it as one unknown directive
 *       would ignore a clear request. Valued directives ({@code unavailable_after: 25 Jun 2010 ...})
 *       are kept whole.</li>
 *   <li>{@code unavailable_after} takes RFC 850 dates, whose weekday is followed by a comma
 *       ({@code Friday, 25-Jun-10 15:00:00 GMT}): a value that is only a weekday so far is joined with
 *       the next part instead of becoming two meaningless directives. The date is not parsed.</li>
 * </ul>
 */
final class DirectiveParser {
    /**
     * Directive names that take a value after a colon, so that {@code max-snippet: 50} is not read as
     * the agent {@code max-snippet}. An unknown valued directive would be taken for an agent and so
     * ignored, which only loses a directive trawl does not act on.
     */
    private static final Set<String> VALUED = Set.of("unavailable_after", "max-snippet", "max-image-preview",
            "max-video-preview");
    private static final String UNAVAILABLE_AFTER = "unavailable_after";

    /** Whose directives to keep when a value names an agent; null when agents are not recognised. */
    private final String productToken;
    private final List<String> directives = new ArrayList<>();
    /** The previous directive of the current value, kept or not, for the weekday join; null at a value's start. */
    private String previous;
    private boolean previousKept;

    /**
     * @param productToken the agent name whose prefixed directives apply, as in {@code trawl: noindex};
     *                     null to read a value without agent prefixes (meta content, where the
     *                     element's name says whom it addresses)
     */
    DirectiveParser(String productToken) {
        this.productToken = productToken;
    }

    /** Reads one value; an agent prefix holds until the next one or the end of this value. */
    void add(String value) {
        if (value == null) {
            return;
        }
        boolean applies = true;
        previous = null;
        int start = 0;
        while (start <= value.length()) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? value.length() : comma;
            String part = normalize(value, start, end);
            start = end + 1;
            if (part.isEmpty()) {
                continue;
            }
            if (previous != null && awaitsDate(previous)) {
                String joined = previous + ", " + part;
                if (previousKept) {
                    directives.set(directives.size() - 1, joined);
                }
                previous = joined;
                continue;
            }
            int colon = productToken == null ? -1 : part.indexOf(':');
            if (colon > 0) {
                String name = part.substring(0, colon).stripTrailing();
                if (isAgentName(name) && !VALUED.contains(name)) {
                    applies = name.equalsIgnoreCase(productToken);
                    part = part.substring(colon + 1).stripLeading();
                }
            }
            if (part.indexOf(':') < 0 && part.indexOf(' ') >= 0) {
                for (String word : part.split(" ")) {
                    keep(word, applies);
                }
            } else if (!part.isEmpty()) {
                keep(part, applies);
            }
        }
    }

    RobotsDirectives result() {
        return directives.isEmpty() ? RobotsDirectives.NONE : new RobotsDirectives(false, false, directives);
    }

    private void keep(String directive, boolean applies) {
        previous = directive;
        previousKept = applies;
        if (applies) {
            directives.add(directive);
        }
    }

    /** {@code unavailable_after: friday}: a weekday with the rest of an RFC 850 date still to come. */
    private static boolean awaitsDate(String directive) {
        if (!directive.startsWith(UNAVAILABLE_AFTER)) {
            return false;
        }
        int colon = directive.indexOf(':');
        if (colon < 0 || !directive.substring(UNAVAILABLE_AFTER.length(), colon).isBlank()) {
            return false;
        }
        String date = directive.substring(colon + 1).strip();
        return !date.isEmpty() && date.chars().allMatch(c -> c >= 'a' && c <= 'z');
    }

    /** Product-token characters (RFC 9309 letters, {@code _}, {@code -}) plus digits, which real bot names use. */
    private static boolean isAgentName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return !name.isEmpty();
    }

    /** value[start..end) lower-cased, trimmed, runs of white space made one space, lone surrogates made U+FFFD. */
    private static String normalize(String value, int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        boolean pendingSpace = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                pendingSpace = !out.isEmpty();
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(CollapsedText.wellFormed(value, i));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
