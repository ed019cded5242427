package dev.trawl.cli;

import dev.trawl.config.HeaderFormat;
import dev.trawl.config.RequestOptions.Header;

/** {@code -H 'Name: value'}, split at the first colon, and refused when trawl must not send it (Host, ...). */
final class HeaderConverter extends FormatConverter<Header> {
    @Override
    Header parse(String text) {
        Header header = HeaderFormat.parse(text);
        HeaderFormat.check(header);
        return header;
    }
}
