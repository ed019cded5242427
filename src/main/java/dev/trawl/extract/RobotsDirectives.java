package dev.trawl.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Robots directives that apply to trawl, from {@code <meta name="robots">}, {@code <meta
 * name="<product token>">} and {@code X-Robots-Tag} headers.
 *
 * <p>The flags are what the crawl acts on; the list keeps every directive as written (lower-cased,
 * white space trimmed and collapsed) so the record can show downstream tools what the site said,
 * including directives trawl does not act on ({@code noarchive}, {@code max-snippet:50},
 * {@code unavailable_after: ...}). A flag is never weaker than the list: constructing with a list
 * that holds {@code noindex}, {@code nofollow} or {@code none} (compared ignoring case) sets the
 * matching flags, whatever was passed. Where directives conflict ({@code index, noindex}) the
 * restrictive one wins, as with Google.
 *
 * @param noindex    {@code noindex} or {@code none} applies: the page asks not to be indexed
 * @param nofollow   {@code nofollow} or {@code none} applies: the page's links must not be followed
 * @param directives the directives in the order first seen, de-duplicated; {@code none} stays
 *                   {@code none} (it is not expanded)
 */
public record RobotsDirectives(boolean noindex, boolean nofollow, List<String> directives) {

    /** No directives: the page may be indexed and its links followed. */
    public static final RobotsDirectives NONE = new RobotsDirectives(false, false, List.of());

    public RobotsDirectives {
        if (!directives.isEmpty()) {
            directives = List.copyOf(new LinkedHashSet<>(directives));
            for (String directive : directives) {
                boolean none = directive.equalsIgnoreCase("none");
                noindex |= none || directive.equalsIgnoreCase("noindex");
                nofollow |= none || directive.equalsIgnoreCase("nofollow");
            }
        } else {
            directives = List.of();
        }
    }

    /** Both sets of directives: flags or'ed, this one's directives first, duplicates dropped. */
    public RobotsDirectives merge(RobotsDirectives other) {
        Objects.requireNonNull(other, "other");
        if (other.directives.isEmpty() && (noindex || !other.noindex) && (nofollow || !other.nofollow)) {
            return this;
        }
        if (directives.isEmpty() && (other.noindex || !noindex) && (other.nofollow || !nofollow)) {
            return other;
        }
        List<String> union = new ArrayList<>(directives.size() + other.directives.size());
        union.addAll(directives);
        union.addAll(other.directives);
        return new RobotsDirectives(noindex || other.noindex, nofollow || other.nofollow, union);
    }
}
