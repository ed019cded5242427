package dev.trawl.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.page.ErrorType;
import dev.trawl.page.PageError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final LongUnaryOperator LONGEST = bound -> bound - 1;
    private static final LongUnaryOperator SHORTEST = bound -> 0;
    private static final RetryPolicy.Decision ACCEPT = new RetryPolicy.Decision.Accept();

    private static RetryPolicy policy(int retries) {
        return new RetryPolicy(retries, Duration.ofSeconds(1), Duration.ofSeconds(60), CLOCK, LONGEST);
    }

    private static AttemptResult response(int status) {
        return response(status, null);
    }

    private static AttemptResult response(int status, String retryAfter) {
        return new AttemptResult.Response(status, "text/html", "text/html", null, retryAfter, null);
    }

    private static AttemptResult failure(ErrorType type) {
        return new AttemptResult.Failure(null, null, PageError.of(type, "boom"));
    }

    private static RetryPolicy.Decision retry(Duration delay) {
        return new RetryPolicy.Decision.Retry(delay);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void retriesStatusesThatMeanTryAgainLater(int status) {
        assertEquals(retry(Duration.ofSeconds(1)), policy(3).decide(1, response(status)));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 204, 301, 302, 304, 400, 401, 403, 404, 410, 451, 501, 505, 599})
    void acceptsOtherStatuses(int status) {
        assertEquals(ACCEPT, policy(3).decide(1, response(status)));
    }

    @ParameterizedTest
    @EnumSource(value = ErrorType.class, names = {"TIMEOUT", "CONNECT", "IO"})
    void retriesBrokenConnectionsAndTimeouts(ErrorType type) {
        assertEquals(retry(Duration.ofSeconds(1)), policy(3).decide(1, failure(type)));
    }

    @ParameterizedTest
    @EnumSource(value = ErrorType.class, names = {"TIMEOUT", "CONNECT", "IO"}, mode = EnumSource.Mode.EXCLUDE)
    void doesNotRetryFailuresThatWouldFailAgain(ErrorType type) {
        assertEquals(ACCEPT, policy(3).decide(1, failure(type)));
    }

    @Test
    void tooLargeIsNeverRetried() {
        AttemptResult tooLarge = new AttemptResult.Failure(200, "text/html",
                PageError.of(ErrorType.TOO_LARGE, "body larger than 10 bytes"));
        assertEquals(ACCEPT, policy(10).decide(1, tooLarge));
    }

    @Test
    void retriesUpToTheLimitThenAccepts() {
        RetryPolicy policy = policy(2);
        assertEquals(retry(Duration.ofSeconds(1)), policy.decide(1, response(503)));
        assertEquals(retry(Duration.ofSeconds(2)), policy.decide(2, response(503)));
        assertEquals(ACCEPT, policy.decide(3, response(503)));
        assertEquals(ACCEPT, policy(0).decide(1, failure(ErrorType.TIMEOUT)));
    }

    @Test
    void backoffDoublesUpToThirtySeconds() {
        RetryPolicy policy = policy(100);
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            waits.add(((RetryPolicy.Decision.Retry) policy.decide(attempt, response(500))).delay());
        }
        assertEquals(List.of(1, 2, 4, 8, 16, 30, 30, 30).stream().map(s -> Duration.ofSeconds(s)).toList(), waits);
        assertEquals(retry(Duration.ofSeconds(30)), policy.decide(64, response(500)), "no overflow for late attempts");
        assertEquals(retry(Duration.ofSeconds(30)), policy.decide(99, response(500)));
    }

    @Test
    void jitterIsUniformFromZeroToTheCeilingInclusive() {
        List<Long> bounds = new ArrayList<>();
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(250), Duration.ofSeconds(60), CLOCK, bound -> {
            bounds.add(bound);
            return 0;
        });
        for (int attempt = 1; attempt <= 9; attempt++) {
            assertEquals(retry(Duration.ZERO), policy.decide(attempt, failure(ErrorType.CONNECT)));
        }
        assertEquals(List.of(251L, 501L, 1001L, 2001L, 4001L, 8001L, 16001L, 30001L, 30001L), bounds);
    }

    @Test
    void zeroBaseStillWaitsAtMostOneMillisecond() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(60), CLOCK, LONGEST);
        assertEquals(retry(Duration.ofMillis(1)), policy.decide(1, response(503)));
        RetryPolicy shortest = new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(60), CLOCK, SHORTEST);
        assertEquals(retry(Duration.ZERO), shortest.decide(3, response(503)));
    }

    @Test
    void retryAfterSecondsReplacesTheBackoff() {
        assertEquals(retry(Duration.ofSeconds(7)), policy(3).decide(1, response(429, "7")));
        assertEquals(retry(Duration.ZERO), policy(3).decide(1, response(503, "0")));
        // longer than the backoff cap but within --max-retry-after: waited as asked
        assertEquals(retry(Duration.ofSeconds(45)), policy(3).decide(1, response(503, "45")));
        assertEquals(retry(Duration.ofSeconds(60)), policy(3).decide(1, response(503, "60")), "exactly the cap");
    }

    @Test
    void retryAfterHttpDateIsMeasuredFromTheClock() {
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atOffset(ZoneOffset.UTC));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(3600).atOffset(ZoneOffset.UTC));
        assertEquals(retry(Duration.ofSeconds(30)), policy(3).decide(1, response(503, in30s)));
        assertEquals(retry(Duration.ZERO), policy(3).decide(1, response(503, past)));
    }

    @Test
    void unreadableRetryAfterFallsBackToTheBackoff() {
        assertEquals(retry(Duration.ofSeconds(2)), policy(3).decide(2, response(503, "soon")));
        assertEquals(retry(Duration.ofSeconds(2)), policy(3).decide(2, response(503, "-5")));
    }

    @Test
    void retryAfterBeyondTheCapGivesUpWithAnHttpError() {
        assertEquals(new RetryPolicy.Decision.GiveUp(PageError.of(ErrorType.HTTP,
                "HTTP 503; Retry-After of 3600s is longer than the cap of 60s")), policy(3).decide(1, response(503, "3600")));
        String tomorrow = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(86_400).atOffset(ZoneOffset.UTC));
        assertEquals(new RetryPolicy.Decision.GiveUp(PageError.of(ErrorType.HTTP,
                "HTTP 429; Retry-After of 86400s is longer than the cap of 60s")), policy(3).decide(1, response(429, tomorrow)));
    }

    @Test
    void retryAfterBeyondTheCapGivesUpEvenOnTheLastAttempt() {
        assertEquals(new RetryPolicy.Decision.GiveUp(PageError.of(ErrorType.HTTP,
                "HTTP 503; Retry-After of 61s is longer than the cap of 60s")), policy(0).decide(1, response(503, "61")));
    }

    @Test
    void retryAfterOnAStatusNotRetriedIsIgnored() {
        assertEquals(ACCEPT, policy(3).decide(1, response(301, "3600")));
        assertEquals(ACCEPT, policy(3).decide(1, response(200, "5")));
    }

    @Test
    void absurdRetryAfterGivesUpRatherThanOverflowing() {
        RetryPolicy.Decision decision = policy(3).decide(1, response(503, "99999999999999999999999"));
        assertEquals(RetryPolicy.Decision.GiveUp.class, decision.getClass());
        assertEquals(ErrorType.HTTP, ((RetryPolicy.Decision.GiveUp) decision).error().type());
    }
}
