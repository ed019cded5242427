package dev.trawl.extract;

import java.util.List;
import java.util.Objects;

/**
 * The {@code X-Robots-Tag} response header, which carries robots directives for any content type
 * (PDFs and images as well as HTML), following Google's documented syntax.
 */
public final class RobotsTagHeader {
    private RobotsTagHeader() {
    }

    /**
     * Directives for this product token from X-Robots-Tag header values. Each value may hold several
     * comma-separated directives, optionally prefixed {@code agent:} — e.g. {@code googlebot: noindex},
     * {@code trawl: nofollow, noarchive}, {@code none}, {@code noindex, nofollow},
     * {@code unavailable_after: 25 Jun 2010 15:00:00 PST} (kept as a directive string; the date is not
     * parsed). A prefix applies to the directives after it up to the next prefix or the end of that
     * header value; values addressed to another agent are ignored, unprefixed ones apply to all.
     * {@code none} means noindex and nofollow and stays {@code none} in the list. Agent names are
     * compared ignoring case; directives are lower-cased, white space trimmed and collapsed; empty
     * directives are skipped. {@code max-snippet}, {@code max-image-preview}, {@code max-video-preview}
     * and {@code unavailable_after} are directives, never agent names. See {@link DirectiveParser} for
     * the two leniencies (space-separated lists, RFC 850 dates).
     *
     * @param headerValues every X-Robots-Tag value of the response, e.g. OkHttp's
     *                     {@code headers.values("X-Robots-Tag")}; null or empty for none; null
     *                     elements are skipped
     * @param productToken the crawler's robots name, e.g. {@code trawl} (not the whole User-Agent)
     * @return {@link RobotsDirectives#NONE} when nothing applies
     */
    public static RobotsDirectives parse(List<String> headerValues, String productToken) {
        Objects.requireNonNull(productToken, "productToken");
        if (productToken.isBlank()) {
            throw new IllegalArgumentException("productToken must not be blank");
        }
        if (headerValues == null || headerValues.isEmpty()) {
            return RobotsDirectives.NONE;
        }
        DirectiveParser parser = new DirectiveParser(productToken.strip());
        for (String value : headerValues) {
            parser.add(value);
        }
        return parser.result();
    }
}
