package dev.trawl.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The synthetic site served in-process on 127.0.0.1 ({@link LoopbackServer}): each page is
 * rendered into the connection's reused buffer and sent in one write.
 */
final class SiteServer implements Site {
    /** Room left before the body for the status line and headers, so both go out in one write. */
    private static final int HEAD_ROOM = 128;
    private static final byte[] REDIRECT = ("HTTP/1.1 302 Found\r\nLocation: /p/0.html\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAGE_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF_CRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SiteGraph site;
    private final LoopbackServer server;
    private final byte[] host;
    private final String[] paths;
    private final AtomicIntegerArray pageGets;
    private final AtomicInteger other = new AtomicInteger();

    SiteServer(SiteGraph site, Duration latency) throws IOException {
        this.site = site;
        this.pageGets = new AtomicIntegerArray(site.pages);
        this.paths = new String[site.pages];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = "/p/" + i + ".html";
        }
        this.server = new LoopbackServer(latency, Page::new);
        this.host = ("127.0.0.1:" + server.port()).getBytes(StandardCharsets.US_ASCII);
    }

    int port() {
        return server.port();
    }

    @Override
    public String startUrl() {
        return server.origin() + "/p/0.html";
    }

    @Override
    public String describe() {
        return "in-process, " + startUrl();
    }

    /** Renders every page once so the JIT has compiled the renderer before the first crawl. */
    void warmUp() {
        SiteGraph.PageBuffer scratch = new SiteGraph.PageBuffer(16384);
        for (int i = 0; i < site.pages; i++) {
            scratch.length = 0;
            site.render(i, host, scratch);
        }
    }

    @Override
    public void reset() {
        for (int i = 0; i < site.pages; i++) {
            pageGets.set(i, 0);
        }
        other.set(0);
        server.reset();
    }

    @Override
    public Counts counts() {
        int[] gets = new int[site.pages];
        for (int i = 0; i < gets.length; i++) {
            gets[i] = pageGets.get(i);
        }
        return server.counts(paths, gets, 0, other.get());
    }

    @Override
    public void close() {
        server.close();
    }

    /** One connection's responses, in its own buffers. */
    private final class Page implements LoopbackServer.Exchange {
        private final SiteGraph.PageBuffer out = new SiteGraph.PageBuffer(HEAD_ROOM + 16384);
        private final SiteGraph.PageBuffer head = new SiteGraph.PageBuffer(HEAD_ROOM);

        @Override
        public void respond(byte[] in, int from, int to, int targetEnd, boolean get, boolean headOnly, OutputStream os)
                throws IOException {
            if (LoopbackServer.equals(in, from, to, "/")) {
                other.incrementAndGet();
                os.write(REDIRECT);
                return;
            }
            int id = pageId(in, from, to);
            if (id < 0) {
                other.incrementAndGet();
                os.write(LoopbackServer.NOT_FOUND);
                return;
            }
            if (get) {
                pageGets.incrementAndGet(id);
            } else {
                other.incrementAndGet();
            }
            out.length = HEAD_ROOM;
            site.render(id, host, out);
            int bodyLength = out.length - HEAD_ROOM;
            head.length = 0;
            head.put(PAGE_HEAD).putInt(bodyLength).put(CRLF_CRLF);
            int start = HEAD_ROOM - head.length;
            System.arraycopy(head.bytes, 0, out.bytes, start, head.length);
            os.write(out.bytes, start, headOnly ? head.length : head.length + bodyLength);
        }
    }

    /** The id in "/p/ID.html" for 0 <= ID < pages, written without leading zeros (as the Go server); else -1. */
    private int pageId(byte[] b, int from, int to) {
        int digitsFrom = from + 3;
        int digitsTo = to - 5;
        if (digitsTo <= digitsFrom || digitsTo - digitsFrom > 9 || !LoopbackServer.equals(b, from, digitsFrom, "/p/")
                || !LoopbackServer.equals(b, digitsTo, to, ".html") || (b[digitsFrom] == '0' && digitsTo - digitsFrom > 1)) {
            return -1;
        }
        int id = 0;
        for (int i = digitsFrom; i < digitsTo; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            id = id * 10 + (b[i] - '0');
        }
        return id < site.pages ? id : -1;
    }
}
