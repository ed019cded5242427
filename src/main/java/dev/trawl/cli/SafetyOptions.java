package dev.trawl.cli;

import dev.trawl.config.TrapLimits;
import java.util.OptionalLong;
import picocli.CommandLine.Option;

/**
 * Limits that keep a crawl bounded whatever the sites do: body size, infinite URL spaces (a link that
 * breaks a guard is not followed, and is counted in the summary), private addresses, memory.
 */
final class SafetyOptions {
    @Option(names = "--max-bytes", paramLabel = "SIZE", defaultValue = "10MB", converter = SizeConverter.class,
            description = "Largest body read, after decompression; larger is error too_large. Default: ${DEFAULT-VALUE}.")
    long maxBytes;

    @Option(names = "--max-url-length", paramLabel = "N", defaultValue = "2048",
            converter = CountConverter.MaxUrlLength.class,
            description = "Longest URL followed, in characters. Default: ${DEFAULT-VALUE}, the sitemaps protocol's "
                    + "limit and what browsers have long agreed on, so real pages fit.")
    int maxUrlLength;

    @Option(names = "--max-repeated-segments", paramLabel = "N", defaultValue = "3",
            converter = CountConverter.MaxRepeatedSegments.class,
            description = "Most times one path segment may appear in a URL followed (/a/b/a/b/a/b/ has a three "
                    + "times). Default: ${DEFAULT-VALUE}: relative-link loops stop after a few rounds, /2024/01/01/ "
                    + "is left alone.")
    int maxRepeatedSegments;

    @Option(names = "--max-query-variants", paramLabel = "N", defaultValue = "500",
            converter = CountConverter.MaxQueryVariants.class,
            description = "Most distinct query strings followed for one path. Default: ${DEFAULT-VALUE}: faceted "
                    + "search and calendars stop multiplying, every page of a long forum thread stays reachable.")
    int maxQueryVariants;

    @Option(names = "--max-pages-per-host", paramLabel = "N|inf", converter = LimitConverter.class,
            description = "Most URLs taken from one host. Default: unlimited, since depth and the other guards bound "
                    + "a crawl; set it to cap what one site can cost.")
    OptionalLong maxPagesPerHost = OptionalLong.empty();

    @Option(names = "--allow-private", converter = SwitchConverter.class,
            description = "Fetch loopback, link-local and private-network addresses (127.0.0.1, 10.x, 192.168.x, "
                    + "fe80::...) on hosts other than the seeds' own. Default: off, so a link or a redirect cannot "
                    + "steer the crawl into your own network; a seed's own host is always fetched.")
    boolean allowPrivate;

    @Option(names = "--frontier-memory", paramLabel = "N", defaultValue = "100000",
            converter = CountConverter.FrontierMemory.class,
            description = "Queued URLs held in memory (about 130 bytes each); more are spilled to a temporary file. "
                    + "Default: ${DEFAULT-VALUE}.")
    int frontierMemory;

    TrapLimits traps() {
        return new TrapLimits(maxUrlLength, maxRepeatedSegments, maxPagesPerHost, maxQueryVariants);
    }
}
