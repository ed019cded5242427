package dev.trawl.crawl;

import dev.trawl.archive.PageRecords;
import dev.trawl.extract.Fragments;
import dev.trawl.fetch.Validators;
import dev.trawl.frontier.Task;
import dev.trawl.page.PageRecord;
import dev.trawl.state.FetchFacts;
import dev.trawl.state.PageContent;
import java.util.List;

/**
 * A page the crawl is done with.
 *
 * @param task        the URL as handed out
 * @param record      its line
 * @param follow      the links to offer the frontier
 * @param validators  the response's ETag and Last-Modified, for the next crawl's conditional request
 * @param contentHash a hash of the body read, or null (no body, or no state to keep it in)
 * @param content     what the state keeps for a later 304's record: null without state, and for all but a 2xx
 * @param fragments   with {@code --check-fragments}, the page's fragment targets and its links with a fragment;
 *                    null without it, and for a page not parsed (not HTML, an error)
 * @param archived    the WARC records of the page's exchanges, when they are committed with it
 *                    ({@link PageRecords#NONE} when they are written as they come, or not at all)
 */
record Finished(Task task, PageRecord record, List<String> follow, Validators validators, String contentHash,
        PageContent content, Fragments fragments, PageRecords archived) {

    /** A page whose fragments were not read, its exchanges not archived with it. */
    Finished(Task task, PageRecord record, List<String> follow, Validators validators, String contentHash,
            PageContent content) {
        this(task, record, follow, validators, contentHash, content, null, PageRecords.NONE);
    }

    Finished withArchived(PageRecords records) {
        return new Finished(task, record, follow, validators, contentHash, content, fragments, records);
    }

    /** What the state keeps of the fetch, for the next run's conditional request, change check and revisit records. */
    FetchFacts facts() {
        return new FetchFacts(record.status(), validators.etag(), validators.lastModified(), contentHash,
                record.fetchedAt(), record.sitemapLastmod(),
                record.error() == null ? null : record.error().type().wireName(), content, notModified(),
                archived.payload());
    }

    /** A 304 in answer to the crawl's own conditional request (an unasked-for 304 is an {@code http} error). */
    boolean notModified() {
        return record.status() != null && record.status() == 304 && record.error() == null;
    }
}
