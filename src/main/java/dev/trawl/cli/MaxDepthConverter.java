package dev.trawl.cli;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * {@code --max-depth=N|inf}: link hops from the seeds, or {@code inf} (wget's word, any case) for no
 * limit. No upper bound: a paginated archive can be thousands of hops deep, and the frontier's memory
 * does not depend on the limit. Empty is not "no limit" here, unlike the page limits: a blank
 * {@code max-depth =} line is more likely a slip than a wish to crawl without end.
 */
final class MaxDepthConverter extends FormatConverter<OptionalInt> {
    @Override
    OptionalInt parse(String text) {
        if (text != null && text.toLowerCase(Locale.ROOT).equals("inf")) {
            return OptionalInt.empty();
        }
        long depth = CountConverter.whole(text, "expected a whole number or inf");
        if (depth > Integer.MAX_VALUE) {
            throw refuse("number too large, got " + depth + "; inf means no limit");
        }
        return OptionalInt.of((int) CountConverter.within(depth, 0, Integer.MAX_VALUE));
    }
}
