package dev.trawl.cli;

import dev.trawl.config.SharedDatabase;
import java.nio.file.Path;

/** {@code --state}: a SQLite file, or a PostgreSQL URL for a crawl shared by many processes. */
final class StateConverter extends FormatConverter<StateConverter.Target> {
    sealed interface Target {
        record File(Path path) implements Target {
        }

        record Shared(SharedDatabase database) implements Target {
        }
    }

    private final FileConverter files = new FileConverter();

    @Override
    Target parse(String text) {
        if (text != null && SharedDatabase.isUrl(text)) {
            return new Target.Shared(SharedDatabase.parse(text));
        }
        return new Target.File(files.parse(text));
    }
}
