package dev.trawl.cli;

import dev.trawl.config.SizeFormat;

/** {@code --max-bytes}, in bytes: {@code 100B}, {@code 512KB}, {@code 10MB}, {@code 1GB} (KB = 1024); 1B to 1GB. */
final class SizeConverter extends FormatConverter<Long> {
    private static final long MAX_BODY = 1L << 30;

    @Override
    Long parse(String text) {
        long bytes = SizeFormat.parse(text);
        if (bytes < 1) {
            throw refuse("must be at least 1B, got " + bytes);
        }
        if (bytes > MAX_BODY) {
            throw refuse("must be at most " + SizeFormat.format(MAX_BODY) + ", got " + SizeFormat.format(bytes));
        }
        return bytes;
    }
}
