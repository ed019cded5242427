package dev.trawl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class RecordsTest {
    private static final String SITE = "http://127.0.0.1:8080";
    /** A tree's counts: two pages and a directory's index fetched, one of them a broken link's 404. */
    private static final Site.Counts COUNTS = new Site.Counts(new String[] {"/a.html", "/b.html", "/sub/", "/q?x=1"},
            new int[] {1, 1, 1, 1}, 1, 1, 1, 1, 2);

    @TempDir
    Path dir;

    private Records read(String... lines) throws Exception {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return Records.read(out, COUNTS);
    }

    private static String record(String url, String finalUrl, int status) {
        return "{\"url\":\"" + SITE + url + "\",\"final_url\":\"" + SITE + finalUrl + "\",\"status\":" + status
                + ",\"elapsed_ms\":" + status / 100 + "}";
    }

    @Test
    void recordsAreHeldAgainstTheRequestsTheServerSaw() throws Exception {
        Records r = read(record("/a.html", "/a.html", 200), record("/b.html", "/b.html", 404),
                record("/sub", "/sub/", 200), record("/q?x=1", "/q?x=1", 200));
        assertEquals(new Records(4, 3, 4, 0, 0, 2, 4), r, "the directory's record ends at the slash the server answered");
    }

    @Test
    void aRecordForAUrlNeverRequestedOrALineNotJsonIsCounted() throws Exception {
        Records r = read(record("/a.html", "/a.html", 200), record("/c.html", "/c.html", 200),
                record("/q", "/q", 200), "not json", "[1]");
        assertEquals(3, r.count());
        assertEquals(2, r.unrequested(), "/c.html and /q (the query is part of what was requested)");
        assertEquals(2, r.badLines());
    }

    @Test
    void noOutputFileIsNoRecords() throws Exception {
        Records r = Records.read(dir.resolve("none.jsonl"), COUNTS);
        assertEquals(0, r.count());
        assertEquals(Double.NaN, r.p50Ms());
    }

    @Test
    void theTargetIsThePathAndQuery() {
        assertEquals("/a/b.html?x=1", Records.target("http://127.0.0.1:8080/a/b.html?x=1"));
        assertEquals("/", Records.target("http://127.0.0.1:8080"));
    }
}
