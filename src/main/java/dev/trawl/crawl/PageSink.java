package dev.trawl.crawl;

import dev.trawl.frontier.Task;

/**
 * Where finished pages go: the record to the output (if the ledger admits it), the links to the
 * frontier. In memory the two are independent; with {@code --state} they must be one step, so that
 * after a crash every page is either recorded and done or neither ({@link StateSink}).
 */
interface PageSink {

    void finish(Finished page) throws InterruptedException;

    /** The crawl is stopping before this page was recorded: it stays to be fetched another time, if ever. */
    void abandon(Task task);
}
