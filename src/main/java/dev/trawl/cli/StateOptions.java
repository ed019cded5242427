package dev.trawl.cli;

import dev.trawl.config.SharedDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The state kept between runs, for crawls that resume after a crash and recrawls from cron. */
final class StateOptions {
    @Option(names = "--state", paramLabel = "FILE|URL", converter = StateConverter.class,
            description = "SQLite file holding the crawl's state, so that a crawl killed at any moment resumes where it "
                    + "stopped and the next run after a finished one is an incremental recrawl. A second trawl on the "
                    + "same file exits 75. Or a PostgreSQL database, postgresql://HOST[:PORT]/DB[?user=NAME] (password "
                    + "from PGPASSWORD or ~/.pgpass), whose crawl every trawl started with it shares. "
                    + "Default: none, nothing is kept between runs.")
    Optional<StateConverter.Target> target = Optional.empty();

    Optional<Path> file() {
        return target.flatMap(t -> t instanceof StateConverter.Target.File file ? Optional.of(file.path()) : Optional.empty());
    }

    Optional<SharedDatabase> shared() {
        return target.flatMap(t -> t instanceof StateConverter.Target.Shared shared ? Optional.of(shared.database())
                : Optional.empty());
    }

    @Option(names = "--crawl", paramLabel = "NAME", defaultValue = "default", converter = CrawlNameConverter.class,
            description = "With a PostgreSQL --state: which crawl of the database this trawl joins, so that one "
                    + "database holds crawls with different seeds or options apart. Default: ${DEFAULT-VALUE}.")
    String crawlName;

    @Option(names = "--worker-timeout", paramLabel = "DURATION", defaultValue = "1m",
            converter = DurationConverter.WorkerTimeout.class,
            description = "With a PostgreSQL --state: a worker whose heartbeat has been silent this long (kill -9, a lost "
                    + "machine) is taken for dead, and its URLs go to the others. Default: ${DEFAULT-VALUE}.")
    Duration workerTimeout;

    @Option(names = "--changed-only", converter = SwitchConverter.class,
            description = "Write only the records of new or changed pages, so a scheduled recrawl yields just the "
                    + "delta. Needs --state. Default: off, every page is written.")
    boolean changedOnly;

    @Option(names = "--recrawl-after", paramLabel = "DURATION", converter = DurationConverter.RecrawlAfter.class,
            description = "On a recrawl, skip URLs fetched more recently than this (0 skips none). Needs --state. "
                    + "Default: none, every known URL is fetched again.")
    Duration recrawlAfter;
}
