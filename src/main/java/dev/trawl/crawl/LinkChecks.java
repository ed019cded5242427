package dev.trawl.crawl;

import dev.trawl.config.CrawlConfig;
import dev.trawl.frontier.Task;
import java.util.OptionalInt;

/**
 * {@code --check-links}: the links a crawl does not follow are still asked for their status, once
 * each. They go through the frontier like any link, so the seen set checks each once, robots.txt
 * and every per-host limit apply, and a state keeps them across a crash; which of the URLs handed
 * out are only checked is decided again when each is handed out, from its depth and the follow
 * rules, so no backend needs to store it.
 */
final class LinkChecks {
    private final boolean enabled;
    private final OptionalInt maxDepth;
    private final FollowPolicy followPolicy;

    LinkChecks(CrawlConfig config, FollowPolicy followPolicy) {
        this.enabled = config.checkLinks();
        this.maxDepth = config.maxDepth();
        this.followPolicy = followPolicy;
    }

    /**
     * How deep the frontier queues: one hop past {@code --max-depth} when links are checked, since
     * the links of the deepest pages crawled are checked there.
     */
    static OptionalInt frontierDepth(CrawlConfig config) {
        OptionalInt maxDepth = config.maxDepth();
        if (!config.checkLinks() || maxDepth.isEmpty() || maxDepth.getAsInt() == Integer.MAX_VALUE) {
            return maxDepth;
        }
        return OptionalInt.of(maxDepth.getAsInt() + 1);
    }

    boolean enabled() {
        return enabled;
    }

    /** Whether a URL handed out is only checked: beyond {@code --max-depth}, or a link the rules do not follow. Never a seed. */
    boolean checksOnly(Task task) {
        if (!enabled || task.depth() == 0) {
            return false;
        }
        return maxDepth.isPresent() && task.depth() > maxDepth.getAsInt() || !followPolicy.follows(task.url());
    }
}
