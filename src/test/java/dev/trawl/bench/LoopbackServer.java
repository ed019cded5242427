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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The HTTP/1.1 side of the in-process sites, as cheap as possible so it leaves the CPU to the
 * crawler: a raw server socket on 127.0.0.1, one virtual thread per connection (the latency is
 * slept on it, so a waiting response holds no platform thread), keep-alive and pipelining, only
 * the request line parsed. It answers /robots.txt itself (404: everything allowed) and notes the
 * first request's arrival and the last response's end; the site answers everything else.
 */
final class LoopbackServer implements AutoCloseable {
    static final byte[] NOT_FOUND = response("404 Not Found", "text/plain; charset=utf-8", "404 page not found\n");
    private static final byte[] BAD_REQUEST = response("431 Request Header Fields Too Large", "text/plain", "");

    /** Answers one request; made once per connection, so it may keep buffers of its own. */
    interface Exchange {
        /**
         * Writes the response to one request: its target is {@code in[from..targetEnd)}, the path
         * alone (without the query) {@code in[from..pathEnd)}; {@code get} and {@code head} tell
         * the method.
         */
        void respond(byte[] in, int from, int pathEnd, int targetEnd, boolean get, boolean head, OutputStream os)
                throws IOException;
    }

    private final long latencyNanos;
    private final Supplier<Exchange> exchanges;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger robots = new AtomicInteger();
    private final AtomicInteger malformed = new AtomicInteger();
    private final AtomicLong first = new AtomicLong();
    private final AtomicLong last = new AtomicLong();

    LoopbackServer(Duration latency, Supplier<Exchange> exchanges) throws IOException {
        this.latencyNanos = latency.toNanos();
        this.exchanges = exchanges;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        Thread.ofVirtual().name("site-accept").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    String origin() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * The site's counts of its pages and of its other requests, with what the server counted:
     * robots.txt, requests without a readable request line (as other requests), and the times.
     */
    Site.Counts counts(String[] pages, int[] pageGets, int failed, int other) {
        return new Site.Counts(pages, pageGets, failed, robots.get(), other + malformed.get(), first.get(), last.get());
    }

    void reset() {
        robots.set(0);
        malformed.set(0);
        first.set(0);
        last.set(0);
    }

    /** This whole JVM's CPU time, or -1 when it cannot be told. */
    static long cpuNanos() {
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
        Exchange exchange = exchanges.get();
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
                respond(in, end, exchange, os);
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

    private void respond(byte[] in, int end, Exchange exchange, OutputStream os) throws IOException {
        int sp1 = indexOf(in, 0, end, (byte) ' ');
        int sp2 = sp1 < 0 ? -1 : indexOf(in, sp1 + 1, end, (byte) ' ');
        if (sp2 < 0) {
            malformed.incrementAndGet();
            os.write(NOT_FOUND);
            return;
        }
        boolean get = sp1 == 3 && in[0] == 'G' && in[1] == 'E' && in[2] == 'T';
        boolean head = sp1 == 4 && in[0] == 'H' && in[1] == 'E' && in[2] == 'A' && in[3] == 'D';
        int from = sp1 + 1;
        int to = indexOf(in, from, sp2, (byte) '?');
        to = to < 0 ? sp2 : to;
        if (equals(in, from, to, "/robots.txt")) {
            robots.incrementAndGet(); // never counted as a page
            os.write(NOT_FOUND);
            return;
        }
        exchange.respond(in, from, to, sp2, get, head, os);
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

    static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    static boolean equals(byte[] b, int from, int to, String s) {
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

    static byte[] response(String status, String type, String body) {
        return ("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }
}
