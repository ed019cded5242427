package dev.trawl.cli;

import dev.trawl.config.SharedDatabase;
import dev.trawl.postgres.SharedCrawl;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** What {@code trawl status} and {@code trawl export} share: the database they read, and how they fail. */
abstract class SharedStateCommand implements Callable<Integer> {
    @Option(names = "--state", paramLabel = "URL", required = true, converter = SharedDatabaseConverter.class,
            description = "The shared crawl's PostgreSQL database: postgresql://HOST[:PORT]/DB[?user=NAME] "
                    + "(password from PGPASSWORD or ~/.pgpass).")
    SharedDatabase database;

    private final PrintStream stderr;

    SharedStateCommand(PrintStream stderr) {
        this.stderr = stderr;
    }

    @Override
    public final Integer call() throws Exception {
        try (Connection db = SharedCrawl.connect(database)) {
            return run(db);
        } catch (SQLException e) {
            stderr.println("trawl: cannot read PostgreSQL at " + database.shown() + ": " + e.getMessage());
            return ExitStatus.FATAL;
        }
    }

    abstract int run(Connection db) throws Exception;

    void say(String message) {
        stderr.println("trawl: " + message);
    }

    /** Only a PostgreSQL URL: these commands have nothing to read in a state file. */
    static final class SharedDatabaseConverter extends FormatConverter<SharedDatabase> {
        @Override
        SharedDatabase parse(String text) {
            if (text == null || !SharedDatabase.isUrl(text)) {
                throw refuse("must be a PostgreSQL URL, postgresql://HOST[:PORT]/DB");
            }
            return SharedDatabase.parse(text);
        }
    }
}
