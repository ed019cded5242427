package dev.trawl.crawl;

import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.RedirectGate;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import dev.trawl.page.ErrorType;
import dev.trawl.page.PageError;
import dev.trawl.page.PageRecord;
import dev.trawl.robots.RobotsCache;
import dev.trawl.url.ScopePolicy;
import dev.trawl.url.UrlNormalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * Everything that happens to one URL, on its own virtual thread: robots.txt, the fetch with its
 * redirects and retries, extraction, the record, and the links handed back to the frontier.
 */
final class PageJob {
    private final CrawlParts parts;
    private final Task task;

    PageJob(CrawlParts parts, Task task) {
        this.parts = parts;
        this.task = task;
    }

    void run() {
        List<String> follow = List.of();
        try {
            Instant startedAt = parts.clock().instant();
            long started = System.nanoTime();
            HttpUrl url = HttpUrl.get(task.url());
            PageRecord record;
            if (parts.robots() != null) {
                parts.pacer().crawlDelay(task.host(), parts.robots().rulesFor(url).crawlDelay());
            }
            if (parts.robots() != null && !parts.robots().allows(url)) {
                record = refused(url, startedAt, started);
            } else {
                FetchResult result = parts.fetcher().fetch(url, this::checkHop, parts.pageBody(), Fetcher.MAX_HOPS);
                Page page = toPage(result);
                follow = page.harvest().follow();
                record = page.record(task, startedAt, millisSince(started), parts.sitemapLastmod().apply(task.url()));
            }
            parts.recorder().record(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the crawl is stopping: this page is abandoned
        } catch (RuntimeException e) {
            // A bug must not cost the URL its line, nor print a stack trace into the user's terminal.
            recordInternalError(e);
        } finally {
            parts.frontier().complete(task, follow);
            parts.scheduler().finished(task);
        }
    }

    /** Each redirect hop stays in scope (a seed's hops widen it), obeys robots.txt, and is fetched once per crawl. */
    private RedirectGate.HopDecision checkHop(HttpUrl from, HttpUrl target) throws InterruptedException {
        ScopePolicy scope = parts.scope();
        if (!scope.inScope(target)) {
            if (task.depth() > 0) {
                return new RedirectGate.Stop();
            }
            scope.admit(target);
        }
        RobotsCache robots = parts.robots();
        if (robots != null && !robots.allows(target)) {
            return new RedirectGate.Refuse(PageError.of(ErrorType.ROBOTS, "robots.txt disallows " + target));
        }
        Frontier frontier = parts.frontier();
        return frontier.claim(UrlNormalizer.key(target), task) ? new RedirectGate.Follow() : new RedirectGate.Stop();
    }

    private Page toPage(FetchResult result) {
        return switch (result) {
            case FetchResult.Fetched fetched -> new Page(fetched.finalUrl(), fetched.status(), fetched.contentType(),
                    fetched.body() == null ? null : (long) fetched.body().length(), fetched.attempts(), null,
                    parts.harvester().harvest(fetched));
            case FetchResult.Redirected redirected -> new Page(redirected.finalUrl(), redirected.status(), null, null,
                    redirected.attempts(), null, Harvester.Harvest.EMPTY);
            case FetchResult.Failed failed -> new Page(failed.finalUrl(), failed.status(), failed.contentType(), null,
                    failed.attempts(), failed.error(), Harvester.Harvest.EMPTY);
        };
    }

    private PageRecord refused(HttpUrl url, Instant startedAt, long started) {
        PageError error = PageError.of(ErrorType.ROBOTS, "robots.txt disallows this URL");
        return new Page(url, null, null, null, 0, error, Harvester.Harvest.EMPTY)
                .record(task, startedAt, millisSince(started), parts.sitemapLastmod().apply(task.url()));
    }

    private void recordInternalError(RuntimeException e) {
        PageError error = PageError.of(ErrorType.IO, "internal error: " + e);
        try {
            parts.recorder().record(new PageRecord(task.url(), task.url(), null, task.depth(), task.parent(), null,
                    List.of(), null, null, 0, 0, parts.clock().instant(), error));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** What was learned about the URL, before it becomes a record. */
    private record Page(HttpUrl finalUrl, Integer status, String contentType, Long contentLength, int attempts,
            PageError error, Harvester.Harvest harvest) {

        PageRecord record(Task task, Instant fetchedAt, long elapsedMs, String sitemapLastmod) {
            return new PageRecord(task.url(), UrlNormalizer.key(finalUrl), status, task.depth(), task.parent(),
                    harvest.title(), harvest.links(), contentType, contentLength, attempts, elapsedMs, fetchedAt, error,
                    harvest.canonical(), harvest.description(), harvest.robots().directives(), sitemapLastmod);
        }
    }
}
