package dev.trawl.crawl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.trawl.archive.PageRecords;
import dev.trawl.extract.Fragments;
import dev.trawl.extract.PageExtractor;
import dev.trawl.fetch.Validators;
import dev.trawl.frontier.Task;
import dev.trawl.page.PageRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The verdicts of {@link FragmentCheck}, with the frontier's view of what is still to come set by hand. */
class FragmentCheckTest {
    private static final PageExtractor EXTRACTOR = new PageExtractor(true);
    /** URLs queued or in flight. */
    private final Set<String> toCome = new HashSet<>();
    private final FragmentCheck check = new FragmentCheck(toCome::contains);

    @Test
    void aRecordWaitingForTwoPagesIsReleasedOnceByTheLastInDocumentOrder() {
        toCome.addAll(List.of("http://t.test/a", "http://t.test/b"));
        Finished root = parsed("http://t.test/", "<a href=/b#gone><a href=/a#x><a href=/a#y><a href=/b#here>");
        assertEquals(List.of(), check.register(root));
        assertNull(check.judge(root), "held");

        assertEquals(List.of(), check.register(parsed("http://t.test/a", "<p id=x>")));
        List<PageRecord> released = check.register(parsed("http://t.test/b", "<p id=here>"));

        assertEquals(1, released.size());
        assertEquals(List.of("http://t.test/b#gone", "http://t.test/a#y"), released.getFirst().missingFragments());
        assertEquals(List.of(), check.release());
    }

    @Test
    void releasingGivesEachHeldRecordOnceWithWhatIsKnownAndHoldsNoMore() {
        toCome.addAll(List.of("http://t.test/a", "http://t.test/never"));
        Finished root = parsed("http://t.test/", "<a href=/a#gone><a href=/never#gone><a href=/never#x>");
        check.register(root);
        assertNull(check.judge(root));
        assertEquals(List.of(), check.register(parsed("http://t.test/a", "<p id=x>")));

        List<PageRecord> released = check.release();

        assertEquals(1, released.size());
        assertEquals(List.of("http://t.test/a#gone"), released.getFirst().missingFragments());
        Finished late = parsed("http://t.test/late", "<a href=/never#gone>");
        check.register(late);
        assertEquals(List.of(), check.judge(late).missingFragments(), "decided at once after the release");
    }

    @Test
    void aPageNotParsedCannotBeCheckedAndKeepsNull() {
        toCome.add("http://t.test/file.pdf");
        Finished root = parsed("http://t.test/", "<a href=/file.pdf#page=2>");
        check.register(root);
        assertNull(check.judge(root));

        Finished pdf = notParsed("http://t.test/file.pdf", "http://t.test/file.pdf");
        List<PageRecord> released = check.register(pdf);

        assertEquals(List.of(), released.getFirst().missingFragments());
        assertNull(check.judge(pdf).missingFragments());
    }

    @Test
    void aRedirectNotFollowedSaysNothingAboutItsTarget() {
        check.register(parsed("http://t.test/target", "<p id=x>"));
        check.register(notParsed("http://t.test/moved", "http://t.test/target"));

        Finished root = parsed("http://t.test/", "<a href=/target#x><a href=/target#y><a href=/moved#x>");
        check.register(root);

        assertEquals(List.of("http://t.test/target#y"), check.judge(root).missingFragments());
    }

    private static Finished parsed(String url, String html) {
        byte[] body = html.getBytes(UTF_8);
        Fragments fragments = EXTRACTOR.extract(body, body.length, "text/html", HttpUrl.get(url)).fragments();
        return new Finished(task(url), record(url, url), List.of(), Validators.NONE, null, null, fragments,
                PageRecords.NONE);
    }

    private static Finished notParsed(String url, String finalUrl) {
        return new Finished(task(url), record(url, finalUrl), List.of(), Validators.NONE, null, null);
    }

    private static Task task(String url) {
        return new Task(url, HttpUrl.get(url).host(), 1, null);
    }

    private static PageRecord record(String url, String finalUrl) {
        return new PageRecord(url, finalUrl, 200, 1, null, null, List.of(), "text/html", 0L, 1, 0, Instant.EPOCH, null);
    }
}
