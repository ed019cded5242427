package dev.trawl.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The state kept between runs, for crawls that resume after a crash and recrawls from cron. */
final class StateOptions {
    @Option(names = "--state", paramLabel = "FILE", converter = FileConverter.class,
            description = "SQLite file holding the crawl's state, so that a crawl killed at any moment resumes where it "
                    + "stopped and the next run after a finished one is an incremental recrawl. A second trawl on the "
                    + "same file exits 75. Default: none, nothing is kept between runs.")
    Optional<Path> file = Optional.empty();

    @Option(names = "--changed-only", converter = SwitchConverter.class,
            description = "Write only the records of new or changed pages, so a scheduled recrawl yields just the "
                    + "delta. Needs --state. Default: off, every page is written.")
    boolean changedOnly;

    @Option(names = "--recrawl-after", paramLabel = "DURATION", converter = DurationConverter.RecrawlAfter.class,
            description = "On a recrawl, skip URLs fetched more recently than this (0 skips none). Needs --state. "
                    + "Default: none, every known URL is fetched again.")
    Duration recrawlAfter;
}
