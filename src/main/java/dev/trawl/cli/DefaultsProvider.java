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
 * written down once. Picocli also puts them in the option fields, but {@link TrawlCommand} only
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
            case "--timeout" -> DurationFormat.format(d.timeout());
            case "--retries" -> Integer.toString(d.retries());
            case "--retry-backoff" -> DurationFormat.format(d.retryBackoff());
            case "--max-retry-after" -> DurationFormat.format(d.maxRetryAfter());
            case "--scope" -> ScopeFormat.format(d.scope());
            case "--max-bytes" -> SizeFormat.format(d.maxBytes());
            case "--user-agent" -> d.userAgent();
            case "--frontier-memory" -> Integer.toString(d.frontierMemory());
            default -> null;
        };
    }
}
