package dev.trawl.crawl;

import dev.trawl.url.ScopePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which of a page's links the crawl follows: those in scope that match an {@code --include}
 * (when any is given) and no {@code --exclude}. Depth is the frontier's business.
 */
final class FollowPolicy {
    private final ScopePolicy scope;
    private final List<Pattern> include;
    private final List<Pattern> exclude;

    FollowPolicy(ScopePolicy scope, List<Pattern> include, List<Pattern> exclude) {
        this.scope = scope;
        this.include = include;
        this.exclude = exclude;
    }

    List<String> select(List<String> links) {
        List<String> followed = new ArrayList<>(links.size());
        for (String link : links) {
            if (follows(link)) {
                followed.add(link);
            }
        }
        return followed;
    }

    boolean follows(String link) {
        if (!scope.inScope(link)) {
            return false;
        }
        if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(link).find())) {
            return false;
        }
        return exclude.stream().noneMatch(p -> p.matcher(link).find());
    }
}
