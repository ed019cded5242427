package dev.trawl.state;

import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.FrontierFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/** Makes each frontier in a state file of its own, in a temporary directory deleted on close. */
final class SqliteFrontierFactory implements FrontierFactory {
    private final Path dir;
    private final Map<Frontier, StateStore> stores = new IdentityHashMap<>();
    private int opened;

    SqliteFrontierFactory() {
        try {
            dir = Files.createTempDirectory("trawl-state-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Frontier create(OptionalInt maxDepth, int capacity, Admission admission) {
        StateStore store;
        try {
            store = StateStore.open(dir.resolve("state-" + opened++ + ".db"));
            store.beginRun(Optional.empty(), Optional.empty(), Clock.systemUTC());
        } catch (StateLockedException | StateException e) {
            throw new IllegalStateException(e);
        }
        try {
            Frontier frontier = store.frontier(maxDepth, capacity, admission);
            stores.put(frontier, store);
            return frontier;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public long known(Frontier frontier) {
        return stores.get(frontier).knownForTest();
    }

    @Override
    public void close() {
        stores.values().forEach(StateStore::close);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
