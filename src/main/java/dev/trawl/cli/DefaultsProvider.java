package dev.trawl.cli;

import dev.trawl.config.CrawlConfig;
import dev.trawl.config.CrawlConfigBuilder;
import dev.trawl.config.DurationFormat;
import dev.trawl.config.ScopeFormat;
import dev.trawl.config.SizeFormat;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Shows the built-in defaults in {@code --help}, taken from {@link CrawlConfigBuilder} so they are
 * written down once. Options whose default is "none" or "off" ({@code --max-pages}, {@code --rate},
 * {@code --max-pages-per-host}, {@code --cookie}, {@code --proxy}, the switches) say so in their
 * description instead. Picocli also puts them in the option fields, but {@link TrawlCommand} only
 * reads a field whose option was typed, so the config file can still override a default.
 */
final class DefaultsProvider implements IDefaultValueProvider {
    private static final CrawlConfig DEFAULTS = CrawlConfigBuilder.defaults();

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        CrawlConfig d = DEFAULTS;
        return switch (option.longestName()) {
            case "--max-depth" -> Integer.toString(d.maxDepth());
            case "--concurrency" -> Integer.toString(d.concurrency());
            case "--per-host" -> Integer.toString(d.perHost());
            case "--delay" -> DurationFormat.format(d.delay());
            case "--max-crawl-delay" -> DurationFormat.format(d.maxCrawlDelay());
            case "--timeout" -> DurationFormat.format(d.timeout());
            case "--retries" -> Integer.toString(d.retries());
            case "--retry-backoff" -> DurationFormat.format(d.retryBackoff());
            case "--max-retry-after" -> DurationFormat.format(d.maxRetryAfter());
            case "--scope" -> ScopeFormat.format(d.scope());
            case "--max-url-length" -> Integer.toString(d.traps().maxUrlLength());
            case "--max-repeated-segments" -> Integer.toString(d.traps().maxRepeatedSegments());
            case "--max-query-variants" -> Integer.toString(d.traps().maxQueryVariants());
            case "--max-bytes" -> SizeFormat.format(d.maxBytes());
            case "--user-agent" -> d.userAgent();
            case "--frontier-memory" -> Integer.toString(d.frontierMemory());
            default -> null;
        };
    }
}
