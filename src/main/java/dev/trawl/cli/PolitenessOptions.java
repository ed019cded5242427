package dev.trawl.cli;

import java.time.Duration;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/** How hard trawl presses a site, and whose wishes it obeys. The group's heading says what the defaults add up to. */
final class PolitenessOptions {
    @Option(names = "--per-host", paramLabel = "N", defaultValue = "4", converter = CountConverter.Connections.class,
            description = "Requests in flight to one host. Default: ${DEFAULT-VALUE}, so a slow site never has more "
                    + "than a handful of trawl's requests at once. For your own site raise both: --delay=0 "
                    + "--per-host=32.")
    int perHost;

    @Option(names = "--delay", paramLabel = "DURATION", defaultValue = "250ms", converter = DurationConverter.Wait.class,
            description = "Least gap between two request starts to one host. Default: ${DEFAULT-VALUE}. The default "
                    + "means at most 4 starts a second to one site, close to what well-behaved crawlers do; raise it "
                    + "for small or fragile sites, 0 for your own.")
    Duration delay;

    @Option(names = "--max-crawl-delay", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.Wait.class,
            description = "Longest robots.txt Crawl-delay obeyed; a longer one is clamped to this and reported once; "
                    + "0 ignores Crawl-delay. Default: ${DEFAULT-VALUE}: at 30s, 120 pages already take an hour.")
    Duration maxCrawlDelay;

    @Option(names = "--rate", paramLabel = "RATE", converter = RateConverter.class,
            description = "Most request starts per second, all hosts together, for when you must promise a budget: "
                    + "10/s, 600/m, 2.5/s, 3600/h. Default: no ceiling; the per-host pacing still applies.")
    OptionalDouble rate = OptionalDouble.empty();

    @Option(names = "--ignore-robots", converter = SwitchConverter.class,
            description = "Do not fetch or obey robots.txt; only for sites you own. Default: obey.")
    boolean ignoreRobots;

    @Option(names = "--follow-nofollow", converter = SwitchConverter.class,
            description = "Also follow links marked nofollow (meta robots, X-Robots-Tag, rel=nofollow). Default: off: "
                    + "site owners mark with nofollow the links they do not want crawled.")
    boolean followNofollow;
}
