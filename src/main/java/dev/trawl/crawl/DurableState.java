package dev.trawl.crawl;

import dev.trawl.frontier.Frontier;
import dev.trawl.output.RunRecords;
import dev.trawl.page.ErrorType;
import dev.trawl.state.PageContent;
import dev.trawl.state.Previous;
import dev.trawl.state.RecordCounts;
import dev.trawl.state.RunStart;
import dev.trawl.state.StateStore;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A crawl with {@code --state}: the frontier, the seen set, the fetch history and the committed
 * lengths of the output and the WARC archive live in the {@link StateStore}, so a crawl killed at
 * any instant resumes where its last commit left it, and a later run recrawls with conditional
 * requests.
 */
final class DurableState implements CrawlState {
    private final StateStore store;
    private final RunStart run;
    private final Frontier frontier;
    private final boolean changedOnly;
    private final Consumer<IOException> outputFailed;

    /** @param changedOnly write only the records of new or changed pages */
    DurableState(StateStore store, RunStart run, Frontier frontier, boolean changedOnly,
            Consumer<IOException> outputFailed) {
        this.store = store;
        this.run = run;
        this.frontier = frontier;
        this.changedOnly = changedOnly;
        this.outputFailed = outputFailed;
    }

    @Override
    public Frontier frontier() {
        return frontier;
    }

    @Override
    public PageSink sink(Ledger ledger, Runnable maxPagesReached) {
        return new StateSink(store, ledger, changedOnly, maxPagesReached);
    }

    @Override
    public Optional<Previous> previous(String url) {
        return store.previous(url);
    }

    @Override
    public Optional<PageContent> content(String url) {
        return store.content(url);
    }

    @Override
    public boolean remembers() {
        return true;
    }

    @Override
    public Optional<RunRecords> recordedBefore() {
        // A new run, or one resumed before it recorded anything: this process does it all.
        return runRecords(run.run(), store.recordedBefore());
    }

    /** A run's records as a state counted them; empty when there are none. */
    static Optional<RunRecords> runRecords(long run, RecordCounts counts) {
        if (counts.records() == 0) {
            return Optional.empty();
        }
        Map<ErrorType, Long> errors = new EnumMap<>(ErrorType.class);
        counts.errors().forEach((type, count) -> errors.put(ErrorType.fromWireName(type), count));
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        return Optional.of(new RunRecords(run, counts.records(), counts.records() - failed, errors));
    }

    @Override
    public Set<String> admittedHosts() {
        return run.admittedHosts();
    }

    @Override
    public void admitHost(String host) {
        store.admitHost(host);
    }

    @Override
    public void end(boolean drained) {
        try {
            store.endRun(drained);
        } catch (IOException e) {
            outputFailed.accept(e);
        }
    }

    @Override
    public long spilled() {
        return 0; // the state file is the frontier: nothing "spills"
    }

    @Override
    public void close() {
        store.close();
    }
}
