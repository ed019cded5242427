package dev.trawl.cli;

import dev.trawl.postgres.RecordExport;
import dev.trawl.postgres.SharedCrawl;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trawl export --state URL}: a shared crawl's records, as JSON Lines on stdout. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes the records of a shared crawl, every worker's, as JSON Lines to stdout, "
                + "in the order they were committed.")
final class ExportCommand extends SharedStateCommand {
    @Option(names = "--crawl", paramLabel = "NAME", defaultValue = SharedCrawl.DEFAULT_NAME,
            converter = CrawlNameConverter.class, description = "The crawl to export. Default: ${DEFAULT-VALUE}.")
    String crawlName;

    private final OutputStream stdout;

    ExportCommand(OutputStream stdout, PrintStream stderr) {
        super(stderr);
        this.stdout = stdout;
    }

    @Override
    int run(Connection db) throws Exception {
        RecordExport.write(db, crawlName, stdout);
        return ExitStatus.OK;
    }
}
