package dev.trawl.crawl;

import dev.trawl.fetch.Validators;
import dev.trawl.frontier.Task;
import dev.trawl.page.PageRecord;
import java.util.List;

/**
 * A page the crawl is done with.
 *
 * @param task        the URL as handed out
 * @param record      its line
 * @param follow      the links to offer the frontier
 * @param validators  the response's ETag and Last-Modified, for the next crawl's conditional request
 * @param contentHash a hash of the body read, or null (no body, or no state to keep it in)
 */
record Finished(Task task, PageRecord record, List<String> follow, Validators validators, String contentHash) {
}
