package dev.trawl.cli;

import dev.trawl.postgres.RecordExport;
import dev.trawl.postgres.SharedCrawl;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trawl export --state URL}: a shared crawl's records, as JSON Lines on stdout. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes the records of a shared crawl's run, every worker's, as JSON Lines to stdout, "
                + "in the order they were committed.")
final class ExportCommand extends SharedStateCommand {
    @Option(names = "--crawl", paramLabel = "NAME", defaultValue = SharedCrawl.DEFAULT_NAME,
            converter = CrawlNameConverter.class, description = "The crawl to export. Default: ${DEFAULT-VALUE}.")
    String crawlName;

    @Option(names = "--run", paramLabel = "N", description = "The run to export (1 is the first crawl, "
            + "2 its first recrawl, ...). Default: the current run.")
    Long run;

    private final OutputStream stdout;

    ExportCommand(OutputStream stdout, PrintStream stderr) {
        super(stderr);
        this.stdout = stdout;
    }

    @Override
    int run(Connection db) throws Exception {
        try {
            if (RecordExport.write(db, crawlName, run == null ? OptionalLong.empty() : OptionalLong.of(run), stdout) < 0) {
                say("no crawl named '" + crawlName + "' in " + database.shown());
                return ExitStatus.FATAL;
            }
            stdout.flush();
            return ExitStatus.OK;
        } catch (UncheckedIOException e) {
            say("cannot write the records: " + e.getCause().getMessage());
            return ExitStatus.FATAL;
        }
    }
}
