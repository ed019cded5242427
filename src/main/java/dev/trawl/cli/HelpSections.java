package dev.trawl.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The parts of {@code --help} that are not options: what the defaults add up to for a site, the value
 * formats, and examples, placed between the option groups and the exit statuses.
 */
final class HelpSections {
    /** Columns of {@code --help}: room for the examples' command lines. */
    static final int WIDTH = 100;

    /** The politeness group's heading: what its defaults mean together. */
    static final String POLITENESS = "%nPoliteness: by default trawl obeys robots.txt and its Crawl-delay (up to 30s), keeps at "
            + "most 4 requests in flight to one site and starts them at least 250ms apart (at most 4 a second, close "
            + "to what well-behaved crawlers do), waits out Retry-After up to 2m, retries with growing backoff, and "
            + "stays on the seeds' hosts. Go faster only on a site of your own: --delay=0 --per-host=32.%n";

    private static final List<String> VALUES = List.of(
            "",
            "DURATION: 500ms, 10s, 1.5s, 2m, 1h or 0. SIZE: 100B, 512KB, 10MB, 1GB (KB = 1024 bytes). RATE: 10/s,",
            "600/m, 2.5/s, 3600/h, or a number (per second). N|inf: a whole number, or inf for no limit.",
            "Settings: the defaults shown, replaced by the values of the --config file, replaced by flags typed.");

    private static final List<String> EXAMPLES = List.of(
            "",
            "Examples:",
            "  # A whole site to a file, however deep its pages are",
            "  trawl --max-depth=inf -o site.jsonl https://example.com/",
            "  # A gentle crawl: 2 requests at a time, a second between request starts",
            "  trawl --per-host=2 --delay=1s https://example.com/",
            "  # Only the docs, never the PDFs, at most 1000 pages",
            "  trawl --include='^https://example\\.com/docs/' --exclude='\\.pdf$' -n 1000 https://example.com/docs/",
            "  # Broken links and the pages that link to them",
            "  trawl https://example.com/ | jq -r 'select(.error.type == \"http\") | [.status,.url,.parent] | @tsv'",
            "  # Nightly from cron: resumes after a crash, writes only what changed, exits 3 on page errors",
            "  trawl -q --state=example.db --changed-only --fail-on-error -o changes.jsonl https://example.com/");

    private HelpSections() {
    }

    /** Adds the sections to the command's help, before the exit statuses. */
    static CommandLine addTo(CommandLine commandLine) {
        List<String> keys = new ArrayList<>(commandLine.getHelpSectionKeys());
        int exitStatus = keys.indexOf(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING);
        keys.addAll(exitStatus, List.of("values", "examples"));
        commandLine.getHelpSectionMap().put("values", help -> lines(VALUES));
        commandLine.getHelpSectionMap().put("examples", help -> lines(EXAMPLES));
        commandLine.setHelpSectionKeys(keys);
        // Wide enough for --max-retry-after=DURATION, so descriptions start on the option's line.
        commandLine.setUsageHelpLongOptionsMaxWidth(26);
        return commandLine;
    }

    private static String lines(List<String> lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }
}
