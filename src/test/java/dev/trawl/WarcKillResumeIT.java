package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.archive.WholeArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's process test of the archive: the built jar crawling a site with {@code --state}, {@code
 * -o} and {@code --warc crawl.warc.gz} rolling over at 1 MB, killed with SIGKILL at several moments
 * and started again each time with the same command, leaves an archive in which every record reads
 * to its end (digests checked), every file begins with its warcinfo, and every page's response is
 * exactly once: as many as the lines of the output, which has every page once.
 *
 * <p>The moments are events, as {@link KillResumeIT}'s are: a number of requests reaching the site
 * in this run (anywhere between commits, pages in flight abandoned), the archive growing by a number
 * of bytes (right after a commit wrote its records, before or after its transaction), the output
 * growing (right after a commit's transaction). Targets are drawn from what is left to crawl, seeded
 * ({@code -Dtrawl.killSeed=N} replays another plan).
 */
class WarcKillResumeIT {
    private static final long SITE_SEED = 2028;
    private static final int PAGES = 2000;
    private static final int CROSS_LINKS = 2;
    private static final int MAX_DELAY_MILLIS = 3;
    private static final int MAX_DEPTH = 100;
    private static final int KILLS = 6;
    /** Before a run has measured them: rough sizes of a page's records and line, small so that early targets stay small. */
    private static final long GUESSED_RECORD_BYTES = 400;
    private static final long GUESSED_LINE_BYTES = 300;

    @StartStop
    private final MockWebServer server = NoDelayServerSockets.server();

    @TempDir
    private Path dir;

    private enum Trigger { REQUESTS, ARCHIVE_BYTES, OUTPUT_BYTES }

    @Test
    void crawlKilledAtSeveralMomentsArchivesEveryPageOnceInRecordsThatReadToTheEnd() throws Exception {
        RandomSite site = new RandomSite(SITE_SEED, PAGES, CROSS_LINKS, MAX_DELAY_MILLIS);
        server.setDispatcher(site);
        assertTrue(site.maxDistance() <= MAX_DEPTH, "every page within --max-depth: " + site.maxDistance());
        Path out = dir.resolve("out.jsonl");
        String[] command = {"-q", "--state", dir.resolve("crawl.db").toString(), "--delay=0", "--per-host=8", "-c", "8",
            "--max-depth=" + MAX_DEPTH, "-o", out.toString(), "--warc", dir.resolve("crawl.warc.gz").toString(),
            "--warc-max-size=1MB", server.url("/").toString()};
        Random plan = new Random(Long.getLong("trawl.killSeed", 46));
        List<String> kills = new ArrayList<>();

        for (int run = 1; run <= KILLS; run++) {
            long lines = KillResumeIT.lines(out);
            long archived = archiveBytes();
            long outputBytes = KillResumeIT.size(out);
            long recordBytes = lines > 0 ? Math.max(1, archived / lines) : GUESSED_RECORD_BYTES;
            long lineBytes = lines > 0 ? Math.max(1, outputBytes / lines) : GUESSED_LINE_BYTES;
            long remaining = PAGES - lines;
            // This run's part of what is left, at most half of it, so the crawl is never about to end at the kill.
            long pages = 1 + plan.nextInt((int) Math.max(1, Math.min(remaining / 2, 2 * remaining / (KILLS - run + 2))));
            Trigger trigger = Trigger.values()[(run + plan.nextInt(2)) % Trigger.values().length];
            BooleanSupplier moment = switch (trigger) {
                case REQUESTS -> () -> site.requestsThisRun() >= pages;
                case ARCHIVE_BYTES -> () -> archiveBytes() >= archived + pages * recordBytes;
                case OUTPUT_BYTES -> () -> sizeNow(out) >= outputBytes + pages * lineBytes;
            };
            site.beginRun(run);
            RecrawlKillResumeIT.killWhen(command, run, moment);
            kills.add(String.format("run %d: %-13s %4d pages' worth, lines before %4d, archive %8d -> %8d bytes", run,
                    trigger, pages, lines, archived, archiveBytes()));
        }
        site.beginRun(KILLS + 1);
        try (JarProcess trawl = JarProcess.start(command)) {
            assertEquals(0, trawl.waitForExit(Duration.ofSeconds(120)), trawl::stderr);
            assertEquals("", trawl.stderr(), "-q: nothing on stderr");
        }

        Map<String, Integer> responses = new HashMap<>();
        WholeArchive.responses(archive()).forEach(target -> responses.merge(target, 1, Integer::sum));
        Set<String> expected = IntStream.range(0, PAGES).mapToObj(page -> server.url(RandomSite.path(page)).toString())
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, Integer> pages = new HashMap<>(responses);
        pages.remove(server.url("/robots.txt").toString()); // fetched by every process: no page's
        assertEquals(expected, new TreeSet<>(pages.keySet()), "every page archived");
        pages.forEach((url, count) -> assertEquals(1, count, () -> url + " archived " + count + " times\n"
                + String.join("\n", kills)));
        assertEquals(PAGES, Records.parse(Files.readString(out)).size(), "every page once in the output");
        assertEquals(KillResumeIT.lines(out), pages.size(), "as many responses as lines");
        assertTrue(archive().size() >= 2, "the archive rolled over: " + archive());
        System.out.printf("WarcKillResumeIT: %d pages archived once across %d files after %d kills%n%s%n", PAGES,
                archive().size(), KILLS, String.join("\n", kills));
    }

    /** The archive's files in order: crawl-00000.warc.gz, crawl-00001.warc.gz, ... */
    private List<Path> archive() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().matches("crawl-\\d{5}\\.warc\\.gz")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private long archiveBytes() {
        return archive().stream().mapToLong(WarcKillResumeIT::sizeNow).sum();
    }

    private static long sizeNow(Path file) {
        try {
            return KillResumeIT.size(file);
        } catch (IOException e) {
            return 0; // deleted by a resume as we looked
        }
    }
}
