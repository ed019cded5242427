package dev.trawl.fetch;

import dev.trawl.page.ErrorType;
import dev.trawl.page.PageError;
import dev.trawl.url.UrlNormalizer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Fetches a URL: attempts with retries, and redirects followed one hop at a time so that each hop
 * can be checked (scope, robots.txt, seen set) and a loop stays a typed {@code redirect_loop}
 * rather than OkHttp's exception text. Thread-safe; one per crawl.
 */
public final class Fetcher implements AutoCloseable {
    /** Redirect hops followed for a page before giving up with {@code redirect_loop}. */
    public static final int MAX_HOPS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /** A link that is only checked: its status is wanted, not its body. */
    private static final BodyPolicy NO_BODY = new BodyPolicy(0, false, type -> false);

    private final OkHttpClient client;
    private final HttpAttempt attempt;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final RequestListener listener;
    private final RequestGate gate;
    private volatile boolean cancelled;

    public Fetcher(OkHttpClient client, String userAgent, RequestHeaders headers, RetryPolicy retryPolicy,
            Sleeper sleeper, RequestListener listener, RequestGate gate) {
        this.client = client;
        this.attempt = new HttpAttempt(client, userAgent, headers);
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
        this.listener = listener;
        this.gate = gate;
    }

    /** Fetches {@code start}, following at most {@code maxHops} redirects that the gate lets through. */
    public FetchResult fetch(HttpUrl start, RedirectGate gate, BodyPolicy body, int maxHops)
            throws InterruptedException {
        return fetch(start, gate, body, maxHops, Validators.NONE);
    }

    /**
     * The same, asking the server for {@code start} only if it changed since {@code conditional}
     * (If-None-Match, If-Modified-Since); a 304 gives {@link FetchResult.NotModified}. The
     * validators belong to {@code start}: redirect targets are fetched unconditionally.
     */
    public FetchResult fetch(HttpUrl start, RedirectGate gate, BodyPolicy body, int maxHops, Validators conditional)
            throws InterruptedException {
        return fetch(start, gate, body, maxHops, conditional, Idling.NONE);
    }

    /** The same, lending the caller's overall slot out while a request only waits ({@link Idling}). */
    public FetchResult fetch(HttpUrl start, RedirectGate gate, BodyPolicy body, int maxHops, Validators conditional,
            Idling idling) throws InterruptedException {
        return follow(Method.GET, start, gate, body, maxHops, conditional, idling);
    }

    /**
     * Checks a link: HEAD, following redirects the gate lets through, then GET when HEAD did not
     * tell (below). No body is read either way. Many servers answer HEAD wrongly: 405 or 501 when
     * they do not implement it, 403, 404 or 5xx from frameworks that route only GET, a broken
     * response. So an error status or a broken answer to HEAD is asked again with GET, and only
     * GET's answer is believed; a host that cannot be reached at all is not asked twice.
     *
     * @return the GET's result after a HEAD that did not tell, else the HEAD's; attempts count both
     *         methods when they ended at the same URL
     */
    public FetchResult check(HttpUrl start, RedirectGate gate, int maxHops, Idling idling) throws InterruptedException {
        FetchResult head = follow(Method.HEAD, start, gate, NO_BODY, maxHops, Validators.NONE, idling);
        if (!headDidNotTell(head)) {
            return head;
        }
        FetchResult get = follow(Method.GET, start, gate, NO_BODY, maxHops, Validators.NONE, idling);
        return get.finalUrl().equals(head.finalUrl()) ? get.withAttempts(get.attempts() + head.attempts()) : get;
    }

    /** The same rule for one HEAD attempt, which is then not retried: GET asks at once. */
    private static boolean headIsAskedAgain(AttemptResult result) {
        return switch (result) {
            case AttemptResult.Response response -> headDidNotTell(response.status(), null);
            case AttemptResult.Failure failure -> headDidNotTell(failure.status(), failure.error());
        };
    }

    private static boolean headDidNotTell(FetchResult head) {
        return head instanceof FetchResult.Failed failed && headDidNotTell(failed.status(), failed.error());
    }

    /** An error status, or a broken answer; not a host that is down. */
    private static boolean headDidNotTell(Integer status, PageError error) {
        return status != null ? status >= 400 : error != null && error.type() == ErrorType.IO;
    }

    private FetchResult follow(Method method, HttpUrl start, RedirectGate gate, BodyPolicy body, int maxHops,
            Validators conditional, Idling idling) throws InterruptedException {
        HttpUrl current = start;
        Set<String> visited = new HashSet<>();
        visited.add(UrlNormalizer.key(start));
        for (int hop = 0; ; hop++) {
            Validators asked = hop == 0 ? conditional : Validators.NONE;
            Attempts outcome = withRetries(method, current, body, asked, idling);
            int attempts = outcome.count();
            switch (outcome.last()) {
                case AttemptResult.Failure failure -> {
                    return new FetchResult.Failed(current, failure.status(), failure.contentType(), failure.error(),
                            attempts);
                }
                case AttemptResult.Response response when REDIRECTS.contains(response.status())
                        && response.location() != null -> {
                    Optional<HttpUrl> target = UrlNormalizer.resolve(current, response.location());
                    if (target.isEmpty()) {
                        return new FetchResult.Failed(current, response.status(), response.contentType(),
                                PageError.of(ErrorType.INVALID_URL, "redirect to a URL that is not http(s): "
                                        + abbreviate(response.location())), attempts);
                    }
                    HttpUrl next = target.get();
                    if (!visited.add(UrlNormalizer.key(next)) || hop + 1 > maxHops) {
                        String why = hop + 1 > maxHops ? "more than " + maxHops + " redirects" : "redirect loop";
                        return new FetchResult.Failed(next, response.status(), response.contentType(),
                                PageError.of(ErrorType.REDIRECT_LOOP, why + " at " + next), attempts);
                    }
                    switch (gate.check(current, next)) {
                        case RedirectGate.Follow follow -> current = next;
                        case RedirectGate.Stop stop -> {
                            return new FetchResult.Redirected(next, response.status(), attempts);
                        }
                        case RedirectGate.Refuse refuse -> {
                            return new FetchResult.Failed(next, response.status(), response.contentType(),
                                    refuse.error(), attempts);
                        }
                    }
                }
                case AttemptResult.Response response when response.status() >= 200 && response.status() < 300 -> {
                    return new FetchResult.Fetched(current, response.status(), response.contentType(),
                            response.charsetHint(), response.body(), attempts, response.robotsTags(),
                            response.validators());
                }
                case AttemptResult.Response response when response.status() == 304 && !asked.isEmpty() -> {
                    return new FetchResult.NotModified(current, attempts, response.validators());
                }
                case AttemptResult.Response response -> {
                    return new FetchResult.Failed(current, response.status(), response.contentType(),
                            PageError.of(ErrorType.HTTP, "HTTP " + response.status()), attempts);
                }
            }
        }
    }

    /** Cancels every request in flight and refuses new ones: fetches end promptly, without retrying. */
    public void cancelAll() {
        cancelled = true;
        client.dispatcher().cancelAll();
    }

    @Override
    public void close() {
        cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private record Attempts(AttemptResult last, int count) {
    }

    private Attempts withRetries(Method method, HttpUrl url, BodyPolicy body, Validators conditional, Idling idling)
            throws InterruptedException {
        for (int number = 1; ; number++) {
            if (cancelled) {
                return new Attempts(new AttemptResult.Failure(null, null, PageError.of(ErrorType.IO, "cancelled")),
                        number - 1);
            }
            RequestGate.Permit permit = gate.acquire(url, idling);
            long started = System.nanoTime();
            AttemptResult result;
            try {
                result = attempt.execute(url, method, body, conditional);
            } catch (Error e) {
                // A body the heap cannot hold (OutOfMemoryError): the page job records it, but the
                // host's permit must go back first, or each such page leaks one of the host's
                // --per-host places until the crawl waits for them for ever.
                permit.release(null);
                throw e;
            }
            permit.release(result);
            listener.requested(url, number, result, Duration.ofNanos(System.nanoTime() - started));
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("fetch cancelled");
            }
            if (cancelled) {
                return new Attempts(result, number); // no retry after cancelAll()
            }
            if (method == Method.HEAD && headIsAskedAgain(result)) {
                return new Attempts(result, number); // GET asks at once; retrying HEAD would only wait
            }
            switch (retryPolicy.decide(number, result)) {
                case RetryPolicy.Decision.Accept accept -> {
                    return new Attempts(result, number);
                }
                case RetryPolicy.Decision.GiveUp giveUp -> {
                    AttemptResult.Response response = (AttemptResult.Response) result; // only responses carry Retry-After
                    return new Attempts(new AttemptResult.Failure(response.status(), response.contentType(),
                            giveUp.error()), number);
                }
                case RetryPolicy.Decision.Retry retry -> {
                    idling.idle();
                    try {
                        sleeper.sleep(retry.delay());
                    } finally {
                        idling.busy();
                    }
                }
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
