package dev.trawl;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A site of linked pages on a real server socket on 127.0.0.1, for process tests of several workers
 * crawling one host. Page i is {@code /p/i}; it links to its children in a tree ({@code fanout} each,
 * so every page is reachable from {@code /p/0}), to its parent and to one page picked by a fixed
 * formula, so most pages are found several times over. Every answer waits {@code latency}, so that
 * requests overlap. {@code /robots.txt} and unknown paths are 404.
 *
 * <p>The server counts what the politeness rules are about, as the host sees them: the requests for
 * each path, the most requests in flight at once (from the arrival of a request's head to the last
 * byte of its answer written; MockWebServer cannot see the end of an answer), and each request's
 * arrival. One virtual thread per connection, keep-alive, {@code TCP_NODELAY} (an answer is one
 * write, but a client's next request must not wait on Nagle's algorithm either).
 */
final class LinkedSite implements AutoCloseable {
    /** One request's arrival at the server, in {@link System#nanoTime()}. */
    record Arrival(long nanos, String path) {
    }

    private final int pages;
    private final int fanout;
    private final Duration latency;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    LinkedSite(int pages, int fanout, Duration latency) throws IOException {
        this.pages = pages;
        this.fanout = fanout;
        this.latency = latency;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        Thread.ofVirtual().name("linked-site-accept").start(this::accept);
    }

    /** Where the crawl starts: page 0. */
    String seed() {
        return url(0);
    }

    /** Page i's URL as trawl records it. */
    String url(int page) {
        return "http://127.0.0.1:" + listener.getLocalPort() + path(page);
    }

    /** Every page's URL. */
    List<String> urls() {
        return IntStream.range(0, pages).mapToObj(this::url).toList();
    }

    /** How many requests the page's path had. */
    int hits(int page) {
        AtomicInteger count = hits.get(path(page));
        return count == null ? 0 : count.get();
    }

    /** The paths requested that are not pages (robots.txt, anything unknown). */
    Set<String> otherPaths() {
        Set<String> other = new TreeSet<>(hits.keySet());
        IntStream.range(0, pages).mapToObj(LinkedSite::path).forEach(other::remove);
        return other;
    }

    /** The most requests in flight at once so far. */
    int mostInFlight() {
        return mostInFlight.get();
    }

    /** Every request's arrival so far, in order. */
    List<Arrival> arrivals() {
        return arrivals.stream().sorted(Comparator.comparingLong(Arrival::nanos)).toList();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    private static String path(int page) {
        return "/p/" + page;
    }

    private byte[] answer(String path) {
        int page = pageOf(path);
        if (page < 0) {
            return "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        }
        StringBuilder body = new StringBuilder("<!doctype html><title>page ").append(page).append("</title>\n");
        for (int child = fanout * page + 1; child <= fanout * page + fanout && child < pages; child++) {
            body.append("<a href=\"").append(path(child)).append("\">child</a>\n");
        }
        body.append("<a href=\"").append(path(page == 0 ? 0 : (page - 1) / fanout)).append("\">parent</a>\n");
        body.append("<a href=\"").append(path((int) ((page * 7919L + 13) % pages))).append("\">elsewhere</a>\n");
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + bytes.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] whole = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(bytes, 0, whole, head.length, bytes.length);
        return whole;
    }

    /** The page of "/p/N" for 0 <= N < pages, written without leading zeros; else -1. */
    private int pageOf(String path) {
        if (!path.matches("/p/(0|[1-9][0-9]{0,8})")) {
            return -1;
        }
        int page = Integer.parseInt(path.substring(3));
        return page < pages ? page : -1;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                Thread.ofVirtual().name("linked-site").start(() -> serve(socket));
            } catch (IOException e) {
                // closed, or a connection lost before it was accepted: go on until closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (String path = readRequest(in); path != null; path = readRequest(in)) {
                arrivals.add(new Arrival(System.nanoTime(), path));
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                    Thread.sleep(latency);
                    out.write(answer(path));
                    out.flush();
                } finally {
                    // Also when the client went away (a killed worker): that request is over too.
                    inFlight.decrementAndGet();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the site is closing
        } finally {
            open.remove(socket);
        }
    }

    /**
     * Reads one request's head (a GET has no body); returns its path without the query, or null when
     * the client closed the connection.
     */
    private static String readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
            // headers are not needed
        }
        String[] parts = requestLine.split(" ");
        String target = parts.length > 1 ? parts[1] : "";
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
