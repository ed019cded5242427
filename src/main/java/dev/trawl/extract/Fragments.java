package dev.trawl.extract;

import java.util.List;
import java.util.Objects;

/**
 * What {@code --check-fragments} needs of a page: where fragments can point on it, and which of its
 * links carry one.
 *
 * @param targets the page's ids and {@code <a name>}s
 * @param links   every http(s) {@code <a href>}/{@code <area href>} with a non-empty fragment, as
 *                {@code url#fragment}: the URL normalized as in {@link Extraction#links()}, the
 *                fragment as written (less the tabs, newlines and trailing spaces a URL parser drops);
 *                de-duplicated, in document order
 */
public record Fragments(FragmentTargets targets, List<String> links) {

    public Fragments {
        Objects.requireNonNull(targets, "targets");
        links = List.copyOf(links);
    }
}
