package dev.trawl.state;

import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A process for {@link StateProcessTest} to lock and kill (not a test: the name does not end in Test).
 * {@code hold STATE}: opens the state, prints {@code locked}, holds it until stdin closes.
 * {@code crawl STATE OUT GRAPH_SEED NODES MAX_DEPTH WORK_MICROS}: crawls a {@link LinkGraph} with four
 * workers through a state, one line per page, each page taking WORK_MICROS; prints {@code running}
 * once the run has begun; exits 0 when the run is finished.
 * {@code crash STATE OUT GRAPH_SEED NODES MAX_DEPTH WORK_MICROS COMMIT WRITTEN}: the same crawl, which
 * dies ({@code Runtime.halt}, as abruptly as a kill) in its COMMIT-th commit of lines, after the
 * transaction, having written WRITTEN percent of the lines to OUT: 0 before the write, 100 after it.
 */
public final class StateChild {
    private StateChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        switch (args[0]) {
            case "hold" -> {
                StateStore store = StateStore.open(Path.of(args[1]));
                try {
                    stdout.println("locked");
                    while (System.in.read() >= 0) {
                        // wait for the parent to close stdin
                    }
                } finally {
                    store.close();
                }
            }
            case "crawl" -> crawl(StateStore.open(Path.of(args[1])), Path.of(args[2]), Long.parseLong(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Long.parseLong(args[6]), stdout);
            case "crash" -> crawl(StateStore.open(Path.of(args[1]), Duration.ofMillis(StateStore.COMMIT_INTERVAL_MILLIS),
                    dieIn(Integer.parseInt(args[7]), Integer.parseInt(args[8]), Path.of(args[2]))), Path.of(args[2]),
                    Long.parseLong(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Long.parseLong(args[6]), stdout);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** Dies in the {@code commit}-th commit of lines, after its transaction, with {@code percent} of them written. */
    private static CommitHook dieIn(int commit, int percent, Path out) {
        AtomicInteger commits = new AtomicInteger();
        return lines -> {
            if (commits.incrementAndGet() < commit) {
                return;
            }
            try {
                Files.write(out, Arrays.copyOf(lines, lines.length * percent / 100), StandardOpenOption.APPEND);
            } catch (IOException e) {
                e.printStackTrace();
            }
            Runtime.getRuntime().halt(137);
        };
    }

    private static void crawl(StateStore opened, Path out, long graphSeed, int nodes, int maxDepth, long workMicros,
            PrintStream stdout) throws Exception {
        LinkGraph graph = new LinkGraph(graphSeed, nodes, 6);
        try (StateStore store = opened) {
            store.beginRun(Optional.of(out), Optional.empty(), Clock.systemUTC());
            store.output(out);
            store.onOutputFailure(e -> {
                e.printStackTrace();
                Runtime.getRuntime().halt(2);
            });
            Frontier frontier = store.frontier(maxDepth, 20, Admission.ALL);
            for (int s : graph.seeds) {
                frontier.addSeed(graph.urls[s]);
            }
            stdout.println("running");
            Object monitor = new Object();
            int[] inFlight = {0};
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(Thread.ofPlatform().name("worker-" + w).start(() -> {
                    while (true) {
                        Task task;
                        synchronized (monitor) {
                            task = frontier.poll(host -> true);
                            if (task == null && inFlight[0] == 0 && frontier.waiting() == 0) {
                                return;
                            }
                            if (task != null) {
                                inFlight[0]++;
                            }
                        }
                        if (task == null) {
                            LockSupport.parkNanos(100_000);
                            continue;
                        }
                        LockSupport.parkNanos(workMicros * 1000);
                        byte[] line = ("{\"url\":\"" + task.url() + "\"}\n").getBytes(StandardCharsets.UTF_8);
                        store.finish(task, graph.linksOf(task.url()),
                                new FetchFacts(200, null, null, null, Instant.now(), null), line);
                        synchronized (monitor) {
                            inFlight[0]--;
                        }
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            try {
                store.endRun(true);
            } catch (IOException e) {
                e.printStackTrace();
                System.exit(2);
            }
        }
        stdout.println("finished");
    }
}
