package dev.trawl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class RecordGraphTest {
    private static final String SITE = "http://127.0.0.1:8080";

    @TempDir
    Path dir;

    private static String record(String url, String... links) {
        StringBuilder l = new StringBuilder();
        for (String link : links) {
            l.append(l.isEmpty() ? "" : ",").append('"').append(link.startsWith("/") ? SITE + link : link).append('"');
        }
        return "{\"url\":\"" + SITE + url + "\",\"status\":200,\"links\":[" + l + "]}";
    }

    @Test
    void theIdealCrawlFollowsTheLinksOfTheRecords() throws Exception {
        Path out = dir.resolve("out.jsonl");
        // /index.html links to two pages, each to /d.html; the other host, the 8081 port and the
        // page without a record are not part of the site's graph
        Files.writeString(out, String.join("\n",
                record("/index.html", "/b.html", "/c.html", "http://example.com/x.html", "http://127.0.0.1:8081/y.html"),
                record("/b.html", "/d.html", "/index.html", "/never.html"),
                record("/c.html", "/d.html"),
                record("/d.html?q=1"),
                record("/d.html", "/d.html?q=1")) + "\n", StandardCharsets.UTF_8);
        RecordGraph graph = RecordGraph.read(out);
        assertEquals(5, graph.pages());
        // one at a time: every page one latency
        assertEquals(new IdealCrawl.Result(50, 5), graph.ideal("/index.html", 1, 10));
        // two at a time: index; b and c; d; d?q=1
        assertEquals(new IdealCrawl.Result(40, 5), graph.ideal("/index.html", 2, 10));
        // from /c.html, /index.html and /b.html are never reached
        assertEquals(new IdealCrawl.Result(30, 3), graph.ideal("/c.html", 2, 10));
        assertThrows(IllegalArgumentException.class, () -> graph.ideal("/none.html", 2, 10));
    }
}
