package dev.trawl.crawl;

import dev.trawl.archive.PageRecords;
import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.RedirectGate;
import dev.trawl.fetch.Validators;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import dev.trawl.page.ErrorType;
import dev.trawl.page.PageError;
import dev.trawl.page.PageRecord;
import dev.trawl.robots.RobotsCache;
import dev.trawl.robots.RobotsRules;
import dev.trawl.state.PageContent;
import dev.trawl.state.Previous;
import dev.trawl.url.ScopePolicy;
import dev.trawl.url.UrlNormalizer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import okhttp3.HttpUrl;

/**
 * Everything that happens to one URL, on its own virtual thread: robots.txt, the fetch with its
 * redirects and retries (conditional, when an earlier run left validators), extraction, the
 * record, and the links handed to the {@link PageSink}; with a state file, the WARC records of the
 * page's exchanges too, held on this thread while it fetches. A URL that is only checked
 * ({@code --check-links}) is asked for its status and nothing more.
 */
final class PageJob {
    private final CrawlParts parts;
    private final Task task;
    private final boolean checkOnly;

    PageJob(CrawlParts parts, Task task) {
        this.parts = parts;
        this.task = task;
        this.checkOnly = parts.checks().checksOnly(task);
    }

    void run() {
        boolean finished = false;
        OptionalLong deferredUntil = OptionalLong.empty();
        try {
            HttpUrl url = HttpUrl.get(task.url());
            Optional<RobotsRules> refusedBy = robotsRefusal(url);
            deferredUntil = turnComesAt(refusedBy);
            if (deferredUntil.isEmpty()) {
                if (parts.held() != null) {
                    parts.held().hold(); // robots.txt, fetched above for the host's first page, is no page's
                }
                parts.sink().finish(withArchived(process(url, refusedBy)));
                finished = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the crawl is stopping: this page is abandoned
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // A bug, or a page too much for the heap, must not cost the URL its line nor print a
            // stack trace into the user's terminal. The page's memory is garbage once we are here.
            finished = recordInternalError(e);
        } finally {
            if (deferredUntil.isPresent()) {
                parts.scheduler().deferred(task, deferredUntil.getAsLong());
            } else {
                try {
                    if (!finished) {
                        parts.sink().abandon(task);
                    }
                } finally {
                    // Whatever abandoning did, the scheduler's count of requests in flight must come down,
                    // or the crawl would wait for this page for ever.
                    parts.scheduler().finished(task);
                }
            }
        }
    }

    /**
     * Reads the host's robots.txt (fetching it on first use) and applies its Crawl-delay; the rules,
     * when they refuse this URL. Read once per job: both the wait for the host's turn and the record
     * depend on it.
     */
    private Optional<RobotsRules> robotsRefusal(HttpUrl url) throws InterruptedException {
        if (parts.robots() == null) {
            return Optional.empty();
        }
        RobotsRules rules = parts.robots().rulesFor(url);
        parts.pacer().crawlDelay(task.host(), rules.crawlDelay());
        return rules.allows(RobotsCache.pathAndQuery(url)) ? Optional.empty() : Optional.of(rules);
    }

    /**
     * Whether the page must wait for its host's turn: then the job ends and gives its slot back, and
     * the scheduler starts the page again when the turn comes, rather than this thread holding a slot
     * through the host's gap. Most often this is a host's first page, one gap after its robots.txt
     * was fetched.
     *
     * @return the scheduler-clock time the host's turn comes, or empty to go on now
     */
    private OptionalLong turnComesAt(Optional<RobotsRules> refusedBy) {
        if (parts.robots() == null || refusedBy.isPresent()) {
            return OptionalLong.empty(); // refused without a request: nothing to wait for
        }
        return parts.pacer().turnIfWaiting(task.host());
    }

    private Finished process(HttpUrl url, Optional<RobotsRules> refusedBy) throws InterruptedException {
        Instant startedAt = parts.clock().instant();
        long started = System.nanoTime();
        Optional<Previous> previous = parts.state().previous(task.url());
        if (refusedBy.isPresent()) {
            Page refused = new Page(url, null, null, null, 0, refusal(refusedBy.get()), Harvester.Harvest.EMPTY,
                    Validators.NONE, null, null);
            return refused.finished(task, startedAt, millisSince(started), lastmod(), previous, null, false,
                    checkOnly);
        }
        FetchResult result;
        if (checkOnly) {
            result = parts.fetcher().check(url, this::checkHop, Fetcher.MAX_HOPS, parts.scheduler());
        } else {
            // Only a page whose content is stored may be answered 304, or its record would be empty: one
            // last fetched before the state kept content (schema version 1) is fetched in full once.
            Validators conditional = previous.filter(Previous::hasContent)
                    .map(p -> new Validators(p.etag(), p.lastModified())).orElse(Validators.NONE);
            result = parts.fetcher().fetch(url, this::checkHop, parts.pageBody(), Fetcher.MAX_HOPS, conditional,
                    parts.scheduler());
        }
        Page page = checkOnly ? checked(result) : toPage(result);
        return page.finished(task, startedAt, millisSince(started), lastmod(), previous, result, parts.remembers(),
                checkOnly);
    }

    /**
     * Why robots.txt keeps the URL from being fetched. An unreachable robots.txt refuses the whole
     * site: say why, or the user cannot tell. But a checked link on a host that gave no answer at all
     * is broken for that reason, which is what a link checker must report.
     */
    private PageError refusal(RobotsRules rules) {
        if (checkOnly && rules.noAnswer().isPresent()) {
            return PageError.of(ErrorType.fromWireName(rules.noAnswer().get()),
                    "host did not answer: " + rules.unreachable().orElse("no answer"));
        }
        return PageError.of(ErrorType.ROBOTS, rules.unreachable()
                .map(why -> "robots.txt unreachable (" + why + "), so the site is off limits")
                .orElse("robots.txt disallows this URL"));
    }

    /**
     * Each redirect hop stays in scope (a seed's hops widen it), obeys robots.txt, and is fetched once
     * per crawl. A checked link's hops go wherever they lead, robots.txt permitting, since its status
     * is where they end; nothing they reach is claimed for the crawl.
     */
    private RedirectGate.HopDecision checkHop(HttpUrl from, HttpUrl target) throws InterruptedException {
        ScopePolicy scope = parts.scope();
        if (!checkOnly && !scope.inScope(target)) {
            if (task.depth() > 0) {
                return new RedirectGate.Stop();
            }
            scope.admit(target);
        }
        RobotsCache robots = parts.robots();
        if (robots != null && !robots.allows(target)) {
            return new RedirectGate.Refuse(PageError.of(ErrorType.ROBOTS, "robots.txt disallows " + target));
        }
        if (checkOnly) {
            return new RedirectGate.Follow();
        }
        Frontier frontier = parts.frontier();
        return frontier.claim(UrlNormalizer.key(target), task) ? new RedirectGate.Follow() : new RedirectGate.Stop();
    }

    /**
     * A checked link's answer: its status and type, nothing read, and nothing for the state to send
     * back next time (a 304 would have no stored content to stand for).
     */
    private Page checked(FetchResult result) throws InterruptedException {
        if (result instanceof FetchResult.Fetched fetched) {
            return new Page(fetched.finalUrl(), fetched.status(), fetched.contentType(), null, fetched.attempts(), null,
                    Harvester.Harvest.EMPTY, Validators.NONE, null, null);
        }
        return toPage(result);
    }

    private Page toPage(FetchResult result) throws InterruptedException {
        return switch (result) {
            case FetchResult.Fetched fetched -> fetched(fetched);
            case FetchResult.NotModified unchanged -> notModified(unchanged);
            case FetchResult.Redirected redirected -> new Page(redirected.finalUrl(), redirected.status(), null, null,
                    redirected.attempts(), null, Harvester.Harvest.EMPTY, Validators.NONE, null, null);
            case FetchResult.Failed failed -> new Page(failed.finalUrl(), failed.status(), failed.contentType(), null,
                    failed.attempts(), failed.error(), Harvester.Harvest.EMPTY, Validators.NONE, null, null);
        };
    }

    private Page fetched(FetchResult.Fetched fetched) throws InterruptedException {
        Long length = fetched.body() == null ? null : (long) fetched.body().length();
        Harvester.Harvest harvest = parts.harvester().harvest(fetched);
        if (!parts.remembers()) {
            return new Page(fetched.finalUrl(), fetched.status(), fetched.contentType(), length, fetched.attempts(),
                    null, harvest, fetched.validators(), null, null);
        }
        String hash = fetched.body() == null ? null : ChangeCheck.hash(fetched.body().bytes(), fetched.body().length());
        return new Page(fetched.finalUrl(), fetched.status(), fetched.contentType(), length, fetched.attempts(), null,
                harvest, fetched.validators(), hash, harvest.content(fetched.contentType(), length));
    }

    /**
     * A 304: the page is as its last full answer left it, so its record carries what that answer
     * gave, and its links are followed as they were then. The 304 was asked for only because that
     * content is stored.
     */
    private Page notModified(FetchResult.NotModified unchanged) {
        Optional<PageContent> stored = parts.state().content(task.url());
        Harvester.Harvest harvest = stored.map(parts.harvester()::harvest).orElse(Harvester.Harvest.EMPTY);
        return new Page(unchanged.finalUrl(), 304, stored.map(PageContent::contentType).orElse(null),
                stored.map(PageContent::contentLength).orElse(null), unchanged.attempts(), null, harvest,
                unchanged.validators(), null, null);
    }

    private String lastmod() {
        return parts.sitemapLastmod().apply(task.url());
    }

    private boolean recordInternalError(Throwable e) {
        PageError error = PageError.of(ErrorType.IO, "internal error: " + e);
        try {
            parts.sink().finish(withArchived(new Finished(task, new PageRecord(task.url(), task.url(), null,
                    task.depth(), task.parent(), null, List.of(), null, null, 0, 0, parts.clock().instant(), error),
                    List.<String>of(), Validators.NONE, null, null)));
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException again) {
            return false;
        }
    }

    /** The page with the WARC records its job held, when they are committed with it. */
    private Finished withArchived(Finished page) {
        if (parts.held() == null) {
            return page;
        }
        HttpUrl url = HttpUrl.parse(task.url()); // null only for the internal error of a URL that does not parse
        return page.withArchived(parts.held().release(url == null ? null : url.uri()));
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * What was learned about the URL, before it becomes a record.
     *
     * @param content what to store for a later 304's record: null without state, and for all but a 2xx
     */
    private record Page(HttpUrl finalUrl, Integer status, String contentType, Long contentLength, int attempts,
            PageError error, Harvester.Harvest harvest, Validators validators, String contentHash,
            PageContent content) {

        /**
         * @param remembers whether there is state to compare with; without it "changed" is unknown
         * @param checked   whether the URL was only checked
         */
        Finished finished(Task task, Instant fetchedAt, long elapsedMs, String sitemapLastmod,
                Optional<Previous> previous, FetchResult result, boolean remembers, boolean checked) {
            Boolean changed = !remembers ? null : checked ? ChangeCheck.statusChanged(previous, status)
                    : ChangeCheck.changed(previous, result, status, validators, contentHash);
            Integer previousStatus = previous.map(Previous::status).orElse(null);
            PageRecord record = new PageRecord(task.url(), UrlNormalizer.key(finalUrl), status, task.depth(),
                    task.parent(), harvest.title(), harvest.links(), contentType, contentLength, attempts, elapsedMs,
                    fetchedAt, error, harvest.canonical(), harvest.description(), harvest.robots().directives(),
                    sitemapLastmod, changed, previousStatus, checked, null);
            return new Finished(task, record, harvest.follow(), validators, contentHash, content, harvest.fragments(),
                    PageRecords.NONE);
        }
    }
}
