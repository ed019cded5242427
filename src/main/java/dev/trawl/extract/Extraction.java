package dev.trawl.extract;

import java.util.List;

/**
 * Title and links of one HTML page.
 *
 * @param title the first HTML {@code <title>}'s text, white space collapsed and trimmed; {@code ""}
 *              for an empty title, null when the page has no title element
 * @param links absolute normalized http(s) URL strings, fragment removed, de-duplicated, in document
 *              order
 */
public record Extraction(String title, List<String> links) {

    public Extraction {
        // Free when the list is already unmodifiable, which is what PageExtractor passes.
        links = List.copyOf(links);
    }
}
