package dev.trawl.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.Warcinfo;

/**
 * The files of a {@code --warc} archive: their names (FILE, or FILE-00000.warc.gz, FILE-00001.warc.gz,
 * ... as wget names them, once it rolls over or goes on after earlier files), when one is full, and
 * the {@code warcinfo} record each begins with. A name ending in {@code .gz} gets each record as its
 * own gzip member, so readers can seek to any record.
 */
public final class WarcFiles {
    private final Path base;
    private final OptionalLong maxSize;
    private final Map<String, List<String>> info;
    private final Clock clock;

    /**
     * @param maxSize a file this large is closed and the next one begun; empty: one file, named FILE
     * @param fields  the warcinfo's fields (software, format, the crawl's options, ...), in order
     */
    public WarcFiles(Path base, OptionalLong maxSize, Map<String, String> fields, Clock clock) {
        this.base = base.toAbsolutePath().normalize(); // a state records its files by absolute name
        this.maxSize = maxSize;
        this.info = new LinkedHashMap<>();
        fields.forEach((name, value) -> info.put(name, List.of(value)));
        this.clock = clock;
    }

    /** The name given with {@code --warc}. */
    public Path base() {
        return base;
    }

    public boolean gzip() {
        return base.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** Whether a file of this many bytes is full: the next record goes to the next file. */
    public boolean full(long length) {
        return maxSize.isPresent() && length >= maxSize.getAsLong();
    }

    /** The index-th file: FILE itself when the archive does not roll over, else numbered. */
    Path file(int index) {
        return maxSize.isEmpty() && index == 0 ? base : numbered(base, index);
    }

    /** The first file that does not exist yet: where an archive that keeps its earlier files begins. */
    public Path firstFree() {
        return file(freeIndex());
    }

    /** The last of the files there are, or null when there is none. */
    Path last() {
        int free = freeIndex();
        return free == 0 ? null : file(free - 1);
    }

    private int freeIndex() {
        int index = 0;
        while (Files.exists(file(index))) {
            index++;
        }
        return index;
    }

    /**
     * The file a roll-over goes on in after {@code file}, one of the archive {@code base} names:
     * "crawl-00001.warc.gz" after "crawl.warc.gz" or "crawl-00000.warc.gz". Static, for the files of an
     * archive named differently before.
     */
    public static Path next(Path base, Path file) {
        String name = file.getFileName().toString();
        if (name.equals(base.getFileName().toString())) {
            return numbered(base, 1);
        }
        Name parts = Name.of(base);
        String index = name.startsWith(parts.stem() + "-") && name.endsWith(parts.extension())
                ? name.substring(parts.stem().length() + 1, name.length() - parts.extension().length()) : "";
        if (index.length() < 5 || !index.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(file + " is not a file of the archive " + base);
        }
        return numbered(base, Integer.parseInt(index) + 1);
    }

    /** The file a roll-over numbers: "crawl.warc.gz" gives "crawl-00001.warc.gz", as wget names them. */
    static Path numbered(Path base, int index) {
        Name parts = Name.of(base);
        return base.resolveSibling(String.format(Locale.ROOT, "%s-%05d%s", parts.stem(), index, parts.extension()));
    }

    /** A name cut where the number goes: before ".warc" ("crawl" and ".warc.gz"), else at its end. */
    private record Name(String stem, String extension) {
        static Name of(Path file) {
            String name = file.getFileName().toString();
            int dot = name.toLowerCase(Locale.ROOT).indexOf(".warc");
            return dot < 0 ? new Name(name, "") : new Name(name.substring(0, dot), name.substring(dot));
        }
    }

    /** The warcinfo record that begins {@code file}: trawl's version, the options, the file's own name. */
    Warcinfo warcinfo(Path file) {
        return new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(clock.instant())
                .filename(file.getFileName().toString()).fields(info).build();
    }

    /** The warcinfo record that begins {@code file}, as stored (a gzip member of its own when the archive is gzip). */
    public byte[] header(Path file) {
        return WarcRecords.bytes(List.of(warcinfo(file)), gzip());
    }

    /**
     * Cuts a record that a killed process left torn at the end of {@code file}: the file then ends
     * after its last whole record. A file that does not exist is left alone.
     */
    void cutTornTail(Path file) throws IOException {
        if (Files.exists(file)) {
            TornTail.cut(file, gzip());
        }
    }
}
