package dev.trawl.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private long now = 1_000_000_000L;
    private final List<Duration> waits = new ArrayList<>();

    @Test
    void spacesStartsEvenly() throws InterruptedException {
        RateLimiter limiter = RateLimiter.perSecond(4, () -> now, waits::add);

        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }

        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750)), waits);
    }

    @Test
    void anIdleSpellEarnsNoBurst() throws InterruptedException {
        RateLimiter limiter = RateLimiter.perSecond(10, () -> now, waits::add);
        limiter.acquire();
        now += Duration.ofSeconds(5).toNanos();

        limiter.acquire();
        limiter.acquire();

        assertEquals(List.of(Duration.ofMillis(100)), waits);
    }

    @Test
    void unlimitedNeverWaits() throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            RateLimiter.UNLIMITED.acquire();
        }
    }
}
