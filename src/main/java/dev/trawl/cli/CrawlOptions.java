package dev.trawl.cli;

import dev.trawl.url.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** What to crawl: the seed list, how far from the seeds, how many pages, which links. */
final class CrawlOptions {
    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "Seed list, one URL a line; - reads stdin; blank lines and lines starting with # are skipped.")
    String input;

    @Option(names = {"-d", "--max-depth"}, paramLabel = "N|inf", defaultValue = "3", converter = MaxDepthConverter.class,
            description = "Link hops followed from the seeds: 0 fetches the seeds only, inf follows links however deep "
                    + "(a long archive, a whole site). Default: ${DEFAULT-VALUE}, which reaches most of a site's pages "
                    + "from its home page without wandering into endless calendars.")
    OptionalInt maxDepth;

    @Option(names = {"-n", "--max-pages"}, paramLabel = "N|inf", converter = LimitConverter.class,
            description = "Stop after N pages have been recorded. Default: unlimited.")
    OptionalLong maxPages = OptionalLong.empty();

    @Option(names = "--scope", paramLabel = "host|domain|any", defaultValue = "host", converter = ScopeConverter.class,
            description = "Which discovered links are followed: those on a seed's host, on its registrable domain "
                    + "(www. and docs. together), or any. Default: ${DEFAULT-VALUE}.")
    Scope scope;

    @Option(names = "--include", paramLabel = "REGEX", converter = RegexConverter.class, split = "\n",
            splitSynopsisLabel = "",
            description = "Follow only links matching one of these, anywhere in the normalized URL (repeatable; "
                    + "replaces the settings file's).")
    List<Pattern> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "REGEX", converter = RegexConverter.class, split = "\n",
            splitSynopsisLabel = "",
            description = "Do not follow links matching any of these (repeatable; replaces the settings file's).")
    List<Pattern> exclude = new ArrayList<>();

    @Option(names = "--sitemaps", converter = SwitchConverter.class,
            description = "Also seed the crawl from each seed host's sitemaps (robots.txt Sitemap: lines, else "
                    + "/sitemap.xml). Default: off, since a sitemap can list far more pages than you asked for.")
    boolean sitemaps;

    @Option(names = "--check-links", converter = SwitchConverter.class,
            description = "Also check every link the crawl does not follow (out of scope, filtered out, beyond "
                    + "--max-depth), once each: HEAD, or GET when HEAD is refused, without reading or following it. "
                    + "Its record says \"checked\": true. Default: off.")
    boolean checkLinks;

    @Option(names = "--check-fragments", converter = SwitchConverter.class,
            description = "Report links whose #fragment names no id (or <a name>) on the crawled page they point "
                    + "to, in the linking page's \"missing_fragments\". Not with --state (yet). Default: off.")
    boolean checkFragments;
}
