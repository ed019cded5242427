package dev.trawl.config;

import dev.trawl.url.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Everything a crawl is told, each value checked as it was read (the command's converters) and the
 * rules between them by {@link ConfigRules}. Immutable; "unlimited" is an empty optional, never a
 * sentinel.
 *
 * @param maxDepth        link hops followed from the seeds; 0 fetches the seeds only; empty for no limit
 * @param maxPages        stop after this many records; empty for no limit
 * @param concurrency     requests in flight, all hosts together
 * @param perHost         requests in flight to one host
 * @param delay           least gap between two request starts to one host
 * @param timeout         deadline of one attempt: connect, headers and the whole body
 * @param retries         extra attempts after a transient failure
 * @param retryBackoff    base of the exponential backoff between attempts (full jitter)
 * @param maxRetryAfter   longest Retry-After trawl waits for; a longer one fails the page
 * @param scope           which discovered links are followed
 * @param include         a link is followed only if it matches one of these (when any are given)
 * @param exclude         a link matching any of these is not followed
 * @param maxBytes        largest body read, after decompression; larger is {@code too_large}
 * @param userAgent       the User-Agent header; its product token is the robots.txt agent
 * @param ignoreRobots    skip robots.txt entirely
 * @param frontierMemory  queued URLs held in memory; more are spilled to a temporary file
 * @param output          JSON Lines file; empty for stdout
 * @param verbosity       how much is said on stderr
 * @param maxCrawlDelay   longest robots.txt Crawl-delay obeyed; a longer one is clamped to this
 * @param rate            most request starts per second, all hosts together; empty for no ceiling
 * @param sitemaps        seed the crawl from each seed host's sitemaps too
 * @param followNofollow  follow links that robots meta, X-Robots-Tag or rel="nofollow" ask not to follow
 * @param request         extra headers, cookie, proxy, TLS leniency
 * @param traps           limits against infinite URL spaces
 * @param state           SQLite file holding the crawl's state across runs (resume, recrawls); empty for none
 * @param changedOnly     write only the records of new or changed pages (needs state to know)
 * @param recrawlAfter    on a recrawl, skip URLs fetched more recently than this; empty refetches all
 * @param failOnError     exit 3 when a finished crawl recorded page errors other than robots refusals
 * @param sharedState     a PostgreSQL database holding a crawl shared by many trawl processes; empty for none
 * @param workerTimeout   with a shared state: how long a worker may be silent before it is taken for dead
 * @param crawlName       with a shared state: the crawl of the database this process joins
 * @param warc            a WARC file that archives every HTTP exchange; empty for none
 * @param warcMaxSize     roll the WARC over to numbered files at this size; empty for one file
 * @param checkLinks      also check, once each, the links the crawl does not follow (HEAD, else GET)
 * @param checkFragments  report links whose #fragment is missing on the crawled page they point to
 */
public record CrawlConfig(
        OptionalInt maxDepth,
        OptionalLong maxPages,
        int concurrency,
        int perHost,
        Duration delay,
        Duration timeout,
        int retries,
        Duration retryBackoff,
        Duration maxRetryAfter,
        Scope scope,
        List<Pattern> include,
        List<Pattern> exclude,
        long maxBytes,
        String userAgent,
        boolean ignoreRobots,
        int frontierMemory,
        Optional<Path> output,
        Verbosity verbosity,
        Duration maxCrawlDelay,
        OptionalDouble rate,
        boolean sitemaps,
        boolean followNofollow,
        RequestOptions request,
        TrapLimits traps,
        Optional<Path> state,
        boolean changedOnly,
        Optional<Duration> recrawlAfter,
        boolean failOnError,
        Optional<SharedDatabase> sharedState,
        Duration workerTimeout,
        String crawlName,
        Optional<Path> warc,
        OptionalLong warcMaxSize,
        boolean checkLinks,
        boolean checkFragments) {

    public CrawlConfig {
        Objects.requireNonNull(maxDepth, "maxDepth");
        Objects.requireNonNull(maxPages, "maxPages");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(verbosity, "verbosity");
        Objects.requireNonNull(maxCrawlDelay, "maxCrawlDelay");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(traps, "traps");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(recrawlAfter, "recrawlAfter");
        Objects.requireNonNull(sharedState, "sharedState");
        Objects.requireNonNull(workerTimeout, "workerTimeout");
        Objects.requireNonNull(crawlName, "crawlName");
        Objects.requireNonNull(warc, "warc");
        Objects.requireNonNull(warcMaxSize, "warcMaxSize");
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** The robots.txt product token: the User-Agent up to its first '/' or space, e.g. {@code trawl}. */
    public String productToken() {
        String token = userAgent.strip().split("[/\\s]", 2)[0];
        return token.isEmpty() ? "trawl" : token;
    }
}
