package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.config.CrawlConfig;
import dev.trawl.output.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/** Runs a crawl in-process against a local server and parses what it wrote. */
final class CrawlRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a crawl produced. */
    record Result(CrawlOutcome outcome, List<JsonNode> records, String stderr, List<Duration> sleeps) {

        Map<String, JsonNode> byUrl() {
            return byUrlOf(records);
        }

        /** Records keyed by URL; fails when a URL has more than one. */
        static Map<String, JsonNode> byUrlOf(List<JsonNode> records) {
            Map<String, JsonNode> map = new LinkedHashMap<>();
            for (JsonNode record : records) {
                map.put(record.get("url").asText(), record);
            }
            assertEquals(records.size(), map.size(), "one record per URL");
            return map;
        }

        JsonNode record(HttpUrl url) {
            JsonNode record = byUrl().get(url.toString());
            if (record == null) {
                throw new AssertionError("no record for " + url + " in " + urls());
            }
            return record;
        }

        Set<String> urls() {
            return records.stream().map(r -> r.get("url").asText()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static Result crawl(CrawlConfig config, HttpUrl... seeds) {
        return crawl(config, Clock.systemUTC(), seeds);
    }

    static Result crawl(CrawlConfig config, Clock clock, HttpUrl... seeds) {
        return crawl(config, clock, line -> { }, seeds);
    }

    /** Also tells {@code onLine} about each line as the crawler writes it, from the writer's thread. */
    static Result crawl(CrawlConfig config, Clock clock, Consumer<String> onLine, HttpUrl... seeds) {
        LineWatchingStream out = new LineWatchingStream(onLine);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        CrawlEnvironment environment = new CrawlEnvironment(clock, sleeps::add, bound -> bound - 1,
                new Terminal(false, false));
        Crawler crawler = new Crawler(config, out, new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> uncaught.add(failure));
        CrawlOutcome outcome;
        try {
            outcome = crawler.run(Arrays.asList(seeds).iterator());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertEquals(List.of(), uncaught, "exceptions escaped the crawl's threads");
        assertNoCrawlThreadsLeft();
        return new Result(outcome, parse(out.toString(StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8),
                List.copyOf(sleeps));
    }

    /** Collects output and reports each complete line. */
    private static final class LineWatchingStream extends ByteArrayOutputStream {
        private final Consumer<String> onLine;
        private int reported;

        LineWatchingStream(Consumer<String> onLine) {
            this.onLine = onLine;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            super.write(bytes, offset, length);
            for (int i = reported; i < count; i++) {
                if (buf[i] == '\n') {
                    onLine.accept(new String(buf, reported, i - reported, StandardCharsets.UTF_8));
                    reported = i + 1;
                }
            }
        }
    }

    static List<JsonNode> parse(String jsonLines) {
        List<JsonNode> records = new ArrayList<>();
        if (jsonLines.isEmpty()) {
            return records;
        }
        assertTrue(jsonLines.endsWith("\n"), "output ends with a complete line");
        for (String line : jsonLines.split("\n")) {
            try {
                records.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }
        return records;
    }

    /** Every thread a crawl starts is owned and joined by it: none may be alive afterwards. */
    static void assertNoCrawlThreadsLeft() {
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("trawl-"))
                .toList();
        assertEquals(List.of(), left, "threads left running after the crawl");
    }
}
