package dev.trawl.crawl;

import dev.trawl.fetch.Sleeper;
import dev.trawl.output.Terminal;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * What a crawl takes from the world besides its configuration: time, waiting, randomness and
 * what the standard streams are. Tests replace the parts they need to control.
 *
 * @param clock    wall-clock time (fetched_at, Retry-After dates)
 * @param sleeper  how backoff waits
 * @param random   given n &gt; 0, a uniform value in [0, n) (backoff jitter)
 * @param terminal whether stderr is a terminal and stdout a pipe
 */
public record CrawlEnvironment(Clock clock, Sleeper sleeper, LongUnaryOperator random, Terminal terminal) {

    public static CrawlEnvironment system() {
        return new CrawlEnvironment(Clock.systemUTC(), Sleeper.SYSTEM,
                bound -> ThreadLocalRandom.current().nextLong(bound), Terminal.detect());
    }
}
