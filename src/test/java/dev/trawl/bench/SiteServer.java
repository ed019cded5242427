package dev.trawl.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The synthetic site served in-process on 127.0.0.1, as cheaply as possible so it leaves the CPU
 * to the crawler: a raw server socket, one virtual thread per connection (the latency is slept on
 * it, so a waiting response holds no platform thread), HTTP/1.1 keep-alive, only the request line
 * parsed, and each page rendered into the connection's reused buffer and sent in one write.
 */
final class SiteServer implements Site {
    /** Room left before the body for the status line and headers, so both go out in one write. */
    private static final int HEAD_ROOM = 128;
    private static final byte[] NOT_FOUND = response("404 Not Found", "text/plain; charset=utf-8", "404 page not found\n");
    private static final byte[] REDIRECT = ("HTTP/1.1 302 Found\r\nLocation: /p/0.html\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAD_REQUEST = response("431 Request Header Fields Too Large", "text/plain", "");

    private final SiteGraph site;
    private final long latencyNanos;
    private final ServerSocket listener;
    private final byte[] host;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicIntegerArray pageGets;
    private final AtomicInteger robots = new AtomicInteger();
    private final AtomicInteger other = new AtomicInteger();
    private final AtomicLong first = new AtomicLong();
    private final AtomicLong last = new AtomicLong();

    SiteServer(SiteGraph site, Duration latency) throws IOException {
        this.site = site;
        this.latencyNanos = latency.toNanos();
        this.pageGets = new AtomicIntegerArray(site.pages);
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        this.host = ("127.0.0.1:" + listener.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
        Thread.ofVirtual().name("site-accept").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public String startUrl() {
        return "http://127.0.0.1:" + port() + "/p/0.html";
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
        robots.set(0);
        other.set(0);
        first.set(0);
        last.set(0);
    }

    @Override
    public long clockNanos() {
        return System.nanoTime();
    }

    @Override
    public Counts counts() {
        int[] gets = new int[site.pages];
        for (int i = 0; i < gets.length; i++) {
            gets[i] = pageGets.get(i);
        }
        return new Counts(gets, robots.get(), other.get(), first.get(), last.get());
    }

    /** This whole JVM's CPU time: the server is nearly all the benchmark does while a crawl runs. */
    @Override
    public long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                // closed, or a connection that failed before we got it: go on until closed
            }
        }
    }

    private void serve(Socket socket) {
        byte[] in = new byte[16384];
        int have = 0;
        SiteGraph.PageBuffer out = new SiteGraph.PageBuffer(HEAD_ROOM + 16384);
        SiteGraph.PageBuffer head = new SiteGraph.PageBuffer(HEAD_ROOM);
        try (socket) {
            InputStream is = socket.getInputStream();
            OutputStream os = socket.getOutputStream();
            while (true) {
                int end;
                while ((end = headerEnd(in, have)) < 0) {
                    if (have == in.length) {
                        os.write(BAD_REQUEST);
                        return;
                    }
                    int r = is.read(in, have, in.length - have);
                    if (r < 0) {
                        return;
                    }
                    have += r;
                }
                long arrived = System.nanoTime();
                first.compareAndSet(0, arrived);
                if (latencyNanos > 0) {
                    Thread.sleep(Duration.ofNanos(latencyNanos));
                }
                respond(in, end, out, head, os);
                last.accumulateAndGet(System.nanoTime(), Math::max);
                // keep what a pipelining client already sent after this request
                System.arraycopy(in, end, in, 0, have - end);
                have -= end;
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server is closing
        } finally {
            open.remove(socket);
        }
    }

    /** Index just past the blank line that ends the request head, or -1 when it has not all arrived. */
    private static int headerEnd(byte[] b, int n) {
        for (int i = 3; i < n; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private void respond(byte[] in, int end, SiteGraph.PageBuffer out, SiteGraph.PageBuffer head, OutputStream os)
            throws IOException {
        int sp1 = indexOf(in, 0, end, (byte) ' ');
        int sp2 = sp1 < 0 ? -1 : indexOf(in, sp1 + 1, end, (byte) ' ');
        if (sp2 < 0) {
            other.incrementAndGet();
            os.write(NOT_FOUND);
            return;
        }
        boolean get = sp1 == 3 && in[0] == 'G' && in[1] == 'E' && in[2] == 'T';
        boolean headOnly = sp1 == 4 && in[0] == 'H' && in[1] == 'E' && in[2] == 'A' && in[3] == 'D';
        int from = sp1 + 1;
        int to = indexOf(in, from, sp2, (byte) '?');
        to = to < 0 ? sp2 : to;
        if (equals(in, from, to, "/robots.txt")) {
            robots.incrementAndGet(); // answered 404 (everything allowed) and never counted as a page
            os.write(NOT_FOUND);
            return;
        }
        if (equals(in, from, to, "/")) {
            other.incrementAndGet();
            os.write(REDIRECT);
            return;
        }
        int id = pageId(in, from, to);
        if (id < 0) {
            other.incrementAndGet();
            os.write(NOT_FOUND);
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

    /** The id in "/p/ID.html" for 0 <= ID < pages, written without leading zeros (as the Go server); else -1. */
    private int pageId(byte[] b, int from, int to) {
        int digitsFrom = from + 3;
        int digitsTo = to - 5;
        if (digitsTo <= digitsFrom || digitsTo - digitsFrom > 9 || !equals(b, from, digitsFrom, "/p/")
                || !equals(b, digitsTo, to, ".html") || (b[digitsFrom] == '0' && digitsTo - digitsFrom > 1)) {
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

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean equals(byte[] b, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] response(String status, String type, String body) {
        return ("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] PAGE_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF_CRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
}
