package dev.trawl.fetch;

import java.time.Duration;

/** How the crawl waits between attempts; a dependency so tests can record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
