package dev.trawl.cli;

import dev.trawl.config.SizeFormat;

/** {@code --max-bytes}, in bytes: {@code 100B}, {@code 512KB}, {@code 10MB}, {@code 1GB} (KB = 1024); 1B to 1GB. */
class SizeConverter extends FormatConverter<Long> {
    private final long min;
    private final long max;

    SizeConverter() {
        this(1, 1L << 30);
    }

    private SizeConverter(long min, long max) {
        this.min = min;
        this.max = max;
    }

    @Override
    Long parse(String text) {
        long bytes = SizeFormat.parse(text);
        if (bytes < min) {
            throw refuse("must be at least " + SizeFormat.format(min) + ", got " + bytes);
        }
        if (bytes > max) {
            throw refuse("must be at most " + SizeFormat.format(max) + ", got " + SizeFormat.format(bytes));
        }
        return bytes;
    }

    /** {@code --warc-max-size}: 1MB to 1TB (archives usually roll over at 1GB). */
    static final class WarcFile extends SizeConverter {
        WarcFile() {
            super(1L << 20, 1L << 40);
        }
    }
}
