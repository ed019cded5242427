package dev.trawl.cli;

import dev.trawl.config.RateFormat;
import java.util.OptionalDouble;

/**
 * {@code --rate}, in request starts per second: {@code 10/s}, {@code 600/m}, {@code 2.5/s},
 * {@code 3600/h}, or a bare number; more than 0, at most 100000/s. Empty means no ceiling.
 */
final class RateConverter extends FormatConverter<OptionalDouble> {
    private static final double MAX_RATE = 100_000;

    @Override
    OptionalDouble parse(String text) {
        if (text != null && text.isEmpty()) {
            return OptionalDouble.empty();
        }
        double perSecond = RateFormat.parse(text);
        if (!(perSecond > 0)) {
            throw refuse("must be more than 0, got " + RateFormat.format(0));
        }
        if (perSecond > MAX_RATE) {
            throw refuse("must be at most " + RateFormat.format(MAX_RATE) + ", got "
                    + (Double.isFinite(perSecond) ? RateFormat.format(perSecond) : perSecond));
        }
        return OptionalDouble.of(perSecond);
    }
}
