package dev.trawl.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules between settings, checked once every value is in: each value alone was checked when it
 * was read, but only the whole config shows that {@code changed-only} came without {@code state}.
 * An error names where the offending value came from, so a flag is a usage error and a line of the
 * settings file names that line.
 */
public final class ConfigRules {
    private ConfigRules() {
    }

    /**
     * @param origins where the value of a setting (by settings-file key) came from: a flag, a line of
     *                the settings file, or the built-in default
     */
    public static void check(CrawlConfig config, Function<String, Origin> origins) throws ConfigException {
        if (config.state().isPresent() && config.output().isPresent()) {
            Path state = config.state().get().toAbsolutePath().normalize();
            if (state.equals(config.output().get().toAbsolutePath().normalize())) {
                throw new ConfigException(origins.apply("state"), "must not be the output file " + config.output().get());
            }
        }
        if (config.warcMaxSize().isPresent() && config.warc().isEmpty()) {
            throw new ConfigException(origins.apply("warc-max-size"), "needs --warc=FILE");
        }
        if (config.warc().isPresent()) {
            Path warc = config.warc().get().toAbsolutePath().normalize();
            Map<String, Optional<Path>> others = Map.of("output", config.output(), "state", config.state());
            for (Map.Entry<String, Optional<Path>> other : others.entrySet()) {
                if (other.getValue().map(file -> file.toAbsolutePath().normalize().equals(warc)).orElse(false)) {
                    throw new ConfigException(origins.apply("warc"), "must not be the " + other.getKey() + " file "
                            + other.getValue().get());
                }
            }
        }
        if (config.sharedState().isEmpty() && origins.apply("crawl").commandLine()) {
            throw new ConfigException(origins.apply("crawl"), "needs a PostgreSQL --state (a state file holds one crawl)");
        }
        // changed-only and recrawl-after compare this run with an earlier one, which only a state remembers:
        // without it every page is new, so asking for either is a mistake worth stopping for, not a silent no-op.
        if (config.changedOnly() && config.state().isEmpty() && config.sharedState().isEmpty()) {
            throw new ConfigException(origins.apply("changed-only"), "needs " + stateOption(origins.apply("changed-only"))
                    + " (without state every page is new)");
        }
        if (config.recrawlAfter().isPresent() && config.state().isEmpty() && config.sharedState().isEmpty()) {
            throw new ConfigException(origins.apply("recrawl-after"), "needs " + stateOption(origins.apply("recrawl-after"))
                    + " (without state no page has been fetched before)");
        }
        // --check-fragments holds a page's record in memory until the pages its links point to are crawled;
        // a state commits each record with its page in one transaction, so there it could not wait.
        if (config.checkFragments() && (config.state().isPresent() || config.sharedState().isPresent())) {
            throw new ConfigException(origins.apply("check-fragments"), "cannot be used with --state yet"
                    + " (a state commits each record with its page, so a record cannot wait for the pages it links to)");
        }
    }

    // Names the state setting the way the user named the one that needs it: a flag, or a key of the settings file.
    private static String stateOption(Origin needing) {
        return needing.commandLine() ? "--state=FILE" : "state = FILE (or --state=FILE)";
    }
}
