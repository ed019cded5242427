package dev.trawl.fetch;

import dev.trawl.page.ErrorType;
import dev.trawl.page.PageError;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/**
 * Which failures are worth another attempt, and how long to wait first: exponential backoff with
 * full jitter (a uniformly random wait up to base·2ⁿ, capped), so that many fetchers failing at
 * once do not come back at once. A Retry-After header replaces the backoff; one longer than the
 * cap gives up at once, because waiting minutes for one page is worse than recording the error.
 */
public final class RetryPolicy {
    /** Statuses that say "try again later" rather than "no". */
    static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504);
    private static final Set<ErrorType> RETRYABLE_ERRORS = Set.of(ErrorType.TIMEOUT, ErrorType.CONNECT, ErrorType.IO);
    /** The longest backoff between two attempts, whatever the attempt number. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final int retries;
    private final Duration base;
    private final Duration maxRetryAfter;
    private final Clock clock;
    private final LongUnaryOperator random;

    /** What to do after an attempt. */
    public sealed interface Decision {
        /** The result stands (success, a final failure, or no attempts left). */
        record Accept() implements Decision {
        }

        /** Try again after this wait. */
        record Retry(Duration delay) implements Decision {
        }

        /** Stop now with this error instead of the attempt's result. */
        record GiveUp(PageError error) implements Decision {
        }
    }

    /**
     * @param random given a bound n &gt; 0, returns a uniform value in [0, n); injected for tests
     */
    public RetryPolicy(int retries, Duration base, Duration maxRetryAfter, Clock clock, LongUnaryOperator random) {
        this.retries = retries;
        this.base = base;
        this.maxRetryAfter = maxRetryAfter;
        this.clock = clock;
        this.random = random;
    }

    /** Decides after attempt number {@code attempt} (1 for the first) produced {@code result}. */
    public Decision decide(int attempt, AttemptResult result) {
        if (!retryable(result)) {
            return new Decision.Accept();
        }
        Optional<Duration> asked = result instanceof AttemptResult.Response response
                ? RetryAfter.parse(response.retryAfter(), clock.instant())
                : Optional.empty();
        if (asked.isPresent() && asked.get().compareTo(maxRetryAfter) > 0) {
            int status = ((AttemptResult.Response) result).status();
            return new Decision.GiveUp(PageError.of(ErrorType.HTTP, "HTTP " + status + "; Retry-After of "
                    + asked.get().toSeconds() + "s is longer than the cap of " + maxRetryAfter.toSeconds() + "s"));
        }
        if (attempt > retries) {
            return new Decision.Accept();
        }
        return new Decision.Retry(asked.orElseGet(() -> backoff(attempt)));
    }

    /** A uniformly random wait in [0, min(cap, base·2^(attempt-1))]. */
    Duration backoff(int attempt) {
        long ceiling = base.toMillis() << Math.min(attempt - 1, 20);
        ceiling = Math.min(Math.max(ceiling, 1), MAX_BACKOFF.toMillis());
        return Duration.ofMillis(random.applyAsLong(ceiling + 1));
    }

    private static boolean retryable(AttemptResult result) {
        return switch (result) {
            case AttemptResult.Response response -> RETRYABLE_STATUS.contains(response.status());
            case AttemptResult.Failure failure -> RETRYABLE_ERRORS.contains(failure.error().type());
        };
    }
}
