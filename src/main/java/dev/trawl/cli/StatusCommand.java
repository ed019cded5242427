package dev.trawl.cli;

import dev.trawl.postgres.CrawlStatus;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import picocli.CommandLine.Command;

/** {@code trawl status --state URL}: one screen on a shared crawl, from any machine. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows a shared crawl: its URLs queued, leased and done, its workers and their last heartbeat, "
                + "its busiest hosts. Reads only.")
final class StatusCommand extends SharedStateCommand {
    private final OutputStream stdout;

    StatusCommand(OutputStream stdout, PrintStream stderr) {
        super(stderr);
        this.stdout = stdout;
    }

    @Override
    int run(Connection db) throws Exception {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
        if (!CrawlStatus.print(db, out)) {
            say("no trawl crawl in " + database.shown());
        }
        return ExitStatus.OK;
    }
}
