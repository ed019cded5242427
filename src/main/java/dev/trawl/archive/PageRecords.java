package dev.trawl.archive;

import java.util.List;

/**
 * What one page adds to the archive: the records of the exchanges its fetch made, in order, and the
 * response record that holds its payload.
 *
 * @param exchanges each exchange's request and response (or revisit) records as stored: one gzip
 *                  member per record when the archive is gzip
 * @param payload   the record of the page's own 2xx answer, or the earlier capture its revisit
 *                  stands for; null when there is none or it is unknown
 */
public record PageRecords(List<byte[]> exchanges, ResponseRecord payload) {
    public static final PageRecords NONE = new PageRecords(List.of(), null);

    public PageRecords {
        exchanges = List.copyOf(exchanges);
    }
}
