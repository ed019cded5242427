package dev.trawl.archive;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.netpreserve.jwarc.WarcRecord;

/**
 * The archive of a crawl whose state commits it with its pages ({@code --state FILE}): each
 * exchange's records are built as it ends, on the thread that fetched it, and held for the page that
 * thread is working on, so that they reach the WARC file with the page's commit, and a page fetched
 * again after a crash is archived once. The records name no warcinfo: which file they go to is
 * decided when they are written. Exchanges of no page (robots.txt, sitemaps) go to {@code loose}
 * at once, to be written with the next commit.
 *
 * <p>Each page job runs on a thread of its own (a virtual thread per page), so what a page holds is
 * kept per thread; what an abandoned page held goes away with its thread.
 */
public final class HeldRecords implements Consumer<Exchange> {
    private final boolean gzip;
    private final Consumer<byte[]> loose;
    private final ThreadLocal<List<Held>> page = new ThreadLocal<>();

    private record Held(URI uri, byte[] records, ResponseRecord payload) {
    }

    /**
     * @param gzip  each record its own gzip member
     * @param loose takes the records of exchanges that belong to no page
     */
    public HeldRecords(boolean gzip, Consumer<byte[]> loose) {
        this.gzip = gzip;
        this.loose = loose;
    }

    @Override
    public void accept(Exchange exchange) {
        WarcRecords records = new WarcRecords(exchange);
        List<WarcRecord> built = records.build(null);
        byte[] bytes = WarcRecords.bytes(built, gzip);
        List<Held> held = page.get();
        if (held == null) {
            loose.accept(bytes);
        } else {
            held.add(new Held(exchange.uri(), bytes, records.payloadRecord(built.getLast())));
        }
    }

    /** From now on this thread's exchanges are the page's, until {@link #release}. */
    public void hold() {
        page.set(new ArrayList<>());
    }

    /**
     * The records this thread held since {@link #hold} (none when it did not hold), which it holds no
     * more; the payload is that of the last exchange for {@code pageUri} itself (not a redirect
     * target's, nor a robots.txt fetched on the way) that has one.
     */
    public PageRecords release(URI pageUri) {
        List<Held> held = page.get();
        page.remove();
        if (held == null) {
            return PageRecords.NONE;
        }
        List<byte[]> exchanges = new ArrayList<>(held.size());
        ResponseRecord payload = null;
        for (Held exchange : held) {
            exchanges.add(exchange.records());
            if (exchange.uri().equals(pageUri) && exchange.payload() != null) {
                payload = exchange.payload();
            }
        }
        return new PageRecords(exchanges, payload);
    }
}
