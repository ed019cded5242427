package dev.trawl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The link graph of a directory tree as a crawl's records give it (each record's URL and its
 * {@code links}), so that a tree, whose graph the benchmark does not compute, still gets an ideal
 * crawl to compare with. Every record is a page to fetch, a broken link's 404 included; links to
 * other hosts or to URLs without a record are left out. It is as right as the run it is read
 * from, so it is read from one the benchmark found exact.
 */
final class RecordGraph {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<List<String>> links = new ArrayList<>();

    private RecordGraph() {
    }

    static RecordGraph read(Path out) throws IOException {
        RecordGraph graph = new RecordGraph();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode record = json.readTree(line);
                String url = record.path("url").asText();
                String origin = url.substring(0, url.length() - Records.target(url).length());
                List<String> targets = new ArrayList<>();
                for (JsonNode link : record.path("links")) {
                    String l = link.asText();
                    if (l.startsWith(origin) && Records.target(l).length() == l.length() - origin.length()) {
                        targets.add(Records.target(l));
                    }
                }
                graph.ids.putIfAbsent(Records.target(url), graph.links.size());
                graph.links.add(targets);
            }
        }
        return graph;
    }

    int pages() {
        return links.size();
    }

    /** The ideal crawl of this graph from {@code start} (a request target such as /index.html). */
    IdealCrawl.Result ideal(String start, int concurrency, long latencyNanos) {
        Integer from = ids.get(start);
        if (from == null) {
            throw new IllegalArgumentException("no record for the start page " + start);
        }
        int[][] edges = new int[links.size()][];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = links.get(i).stream().map(ids::get).filter(id -> id != null).mapToInt(Integer::intValue).toArray();
        }
        return IdealCrawl.crawl(edges.length, i -> edges[i], from, concurrency, latencyNanos);
    }
}
