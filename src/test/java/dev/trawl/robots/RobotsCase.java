package dev.trawl.robots;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Named;

/**
 * One robots.txt of a conformance suite and what trawl must answer for it, as data: a case per file,
 * a check per question. URLs go through OkHttp and {@link RobotsCache#pathAndQuery} as a crawl's do;
 * a check may also give a bare path. A check where trawl answers unlike the suite says so and why
 * ({@link Builder#differs}), so that every deliberate difference is written next to its case.
 */
record RobotsCase(String name, byte[] body, List<Check> checks) {

    /** One question about the file; its {@code toString} names the test. */
    sealed interface Check {
        void verify(byte[] body);
    }

    /** Whether {@code agent} (a product token) may fetch {@code target} (an absolute URL or a path). */
    record Access(String agent, String target, boolean allowed, String difference) implements Check {
        @Override
        public void verify(byte[] body) {
            assertEquals(allowed, RobotsRules.parse(body, agent).allows(pathOf(target)), this::toString);
        }

        @Override
        public String toString() {
            return agent + (allowed ? " may fetch " : " may not fetch ") + target
                    + (difference == null ? "" : " (trawl differs: " + difference + ")");
        }
    }

    /** The Crawl-delay that applies to {@code agent}, if any. */
    record Delay(String agent, Optional<Duration> delay, String difference) implements Check {
        @Override
        public void verify(byte[] body) {
            assertEquals(delay, RobotsRules.parse(body, agent).crawlDelay(), this::toString);
        }

        @Override
        public String toString() {
            return "Crawl-delay for " + agent + ": " + delay.map(Duration::toString).orElse("none")
                    + (difference == null ? "" : " (trawl differs: " + difference + ")");
        }
    }

    /** The file's Sitemap lines. */
    record Sitemaps(List<String> sitemaps) implements Check {
        @Override
        public void verify(byte[] body) {
            assertEquals(sitemaps, RobotsRules.parse(body, "trawl").sitemaps(), this::toString);
        }

        @Override
        public String toString() {
            return "sitemaps " + sitemaps;
        }
    }

    static String pathOf(String target) {
        return target.startsWith("http") ? RobotsCache.pathAndQuery(HttpUrl.get(target)) : target;
    }

    static Builder file(String name, String body) {
        return new Builder(name, body.getBytes(UTF_8));
    }

    static Builder file(String name, byte[] body) {
        return new Builder(name, body);
    }

    /** The checks of all cases, each named by its case and question, for a {@code @MethodSource}. */
    static Stream<Named<Runnable>> checks(List<RobotsCase> cases) {
        return cases.stream().flatMap(c -> c.checks().stream()
                .map(check -> Named.<Runnable>of(c.name() + ": " + check, () -> check.verify(c.body()))));
    }

    static final class Builder {
        private final String name;
        private final byte[] body;
        private final List<Check> checks = new ArrayList<>();
        // Where the checks of the last allows, disallows or delay call start.
        private int lastCall;

        private Builder(String name, byte[] body) {
            this.name = name;
            this.body = body;
        }

        Builder allows(String agent, String... targets) {
            lastCall = checks.size();
            for (String target : targets) {
                checks.add(new Access(agent, target, true, null));
            }
            return this;
        }

        Builder disallows(String agent, String... targets) {
            lastCall = checks.size();
            for (String target : targets) {
                checks.add(new Access(agent, target, false, null));
            }
            return this;
        }

        Builder delay(String agent, Duration delay) {
            lastCall = checks.size();
            checks.add(new Delay(agent, Optional.ofNullable(delay), null));
            return this;
        }

        Builder sitemaps(String... sitemaps) {
            lastCall = checks.size();
            checks.add(new Sitemaps(List.of(sitemaps)));
            return this;
        }

        /** The checks of the last call are trawl's answers, not the suite's: say why. */
        Builder differs(String why) {
            for (int i = lastCall; i < checks.size(); i++) {
                checks.set(i, switch (checks.get(i)) {
                    case Access a -> new Access(a.agent(), a.target(), a.allowed(), why);
                    case Delay d -> new Delay(d.agent(), d.delay(), why);
                    case Sitemaps s -> throw new IllegalStateException("no difference on sitemaps");
                });
            }
            return this;
        }

        RobotsCase build() {
            return new RobotsCase(name, body, List.copyOf(checks));
        }
    }
}
