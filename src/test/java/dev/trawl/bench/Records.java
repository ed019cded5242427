package dev.trawl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What a crawl's JSON Lines output says, held against the server's counts: how many records,
 * how many with status 200, for how many distinct URLs, how many for a URL the server got no GET
 * for, and the records' elapsed_ms percentiles.
 */
record Records(int count, int ok200, int distinctUrls, int unrequested, int badLines, double p50Ms, double p99Ms) {
    /** A crawler that writes no records: the server's counts are all there is to check. */
    static final Records NONE = new Records(-1, 0, 0, 0, 0, Double.NaN, Double.NaN);

    static Records read(Path out, Site.Counts counts) throws IOException {
        Set<String> requested = new HashSet<>();
        for (int i = 0; i < counts.pages().length; i++) {
            if (counts.pageGets()[i] > 0) {
                requested.add(counts.pages()[i]);
            }
        }
        int records = 0;
        int ok = 0;
        int bad = 0;
        int unrequested = 0;
        Set<String> urls = new HashSet<>();
        long[] elapsed = new long[16];
        if (Files.exists(out)) {
            ObjectMapper json = new ObjectMapper(); // trawl's own Jackson, shaded into trawl.jar
            try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                    JsonNode record;
                    try {
                        record = json.readTree(line);
                    } catch (IOException e) {
                        bad++;
                        continue;
                    }
                    if (record == null || !record.isObject()) {
                        bad++;
                        continue;
                    }
                    if (records == elapsed.length) {
                        elapsed = Arrays.copyOf(elapsed, records * 2);
                    }
                    elapsed[records++] = record.path("elapsed_ms").asLong(-1);
                    ok += record.path("status").asInt(-1) == 200 ? 1 : 0;
                    urls.add(record.path("url").asText());
                    // where redirects ended is what the server answered: a directory's slash, say
                    JsonNode fetched = record.path("final_url").isTextual() ? record.path("final_url") : record.path("url");
                    unrequested += requested.contains(target(fetched.asText())) ? 0 : 1;
                }
            }
        }
        long[] sorted = Arrays.copyOf(elapsed, records);
        Arrays.sort(sorted);
        return new Records(records, ok, urls.size(), unrequested, bad, CrawlRun.percentile(sorted, 0.50),
                CrawlRun.percentile(sorted, 0.99));
    }

    /** The request target of an absolute URL: its path and query, "/" when it has no path. */
    static String target(String url) {
        int authority = url.indexOf("://");
        int path = authority < 0 ? -1 : url.indexOf('/', authority + 3);
        return path < 0 ? "/" : url.substring(path);
    }
}
