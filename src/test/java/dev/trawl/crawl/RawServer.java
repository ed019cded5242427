package dev.trawl.crawl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;

/**
 * An HTTP server for what MockWebServer cannot script: each path's handler gets the connection as a
 * {@link RawExchange} and writes any bytes at all (a broken status line, a header that never ends,
 * a body dripped a byte at a time, a reset), or stalls until the server closes. One connection is
 * one request: after reading the request head the handler answers, then the connection is closed.
 *
 * <p>Listens on a loopback address, port 0. Every connection has its own virtual thread; the
 * server owns them all: {@link #close()} closes the sockets, interrupts the threads and waits for
 * each, and fails if one is still alive, so no thread of it outlives a test. Its threads are named
 * {@code raw-server-...}, not {@code trawl-...}, so they never count as the crawl's.
 */
public final class RawServer implements AutoCloseable {
    private static final Duration JOIN_BOUND = Duration.ofSeconds(10);
    private static final int MAX_HEAD = 64 * 1024;

    /** What a path answers. It may throw: a client that hung up ends the handler with an IOException. */
    @FunctionalInterface
    public interface Handler {
        void answer(RawExchange exchange) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;
    private volatile Handler onConnect;

    /** A server on 127.0.0.1. */
    public RawServer() {
        this(InetAddress.getLoopbackAddress());
    }

    /** A server on the given local address (e.g. ::1). */
    public RawServer(InetAddress address) {
        try {
            listener = new ServerSocket(0, 50, address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
        acceptor = Thread.ofVirtual().name("raw-server-" + listener.getLocalPort() + "-accept").start(this::accept);
    }

    /** Answers requests for {@code path} (with its query, if any) with {@code handler}; unknown paths are 404. */
    public RawServer route(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    /**
     * Answers every connection at once with {@code handler}, before and without reading a request
     * (its path is null): for clients that must hear from the server first, as in a TLS handshake.
     */
    public RawServer onConnect(Handler handler) {
        onConnect = handler;
        return this;
    }

    /** An ordinary UTF-8 HTML page with a title and links. */
    public RawServer page(String path, String title, String... links) {
        return route(path, exchange -> exchange.respond(200, "text/html; charset=utf-8", html(title, links)));
    }

    public HttpUrl url(String path) {
        return HttpUrl.get("http://" + authority() + path);
    }

    /** The same server under https: it still speaks plain HTTP, so a TLS client fails its handshake. */
    public HttpUrl httpsUrl(String path) {
        return HttpUrl.get("https://" + authority() + path);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Requests whose target was {@code path} (an absolute URL when the server is used as a proxy). */
    public int hits(String path) {
        synchronized (requests) {
            return (int) requests.stream().filter(path::equals).count();
        }
    }

    /** The request targets, in arrival order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Connections accepted, whether or not they sent a request. */
    public int connections() {
        return connections.get();
    }

    /** A whole HTML page as UTF-8 bytes. */
    public static byte[] html(String title, String... links) {
        StringBuilder body = new StringBuilder("<!doctype html><html><head><title>").append(title)
                .append("</title></head><body>\n");
        for (String link : links) {
            body.append("<a href=\"").append(link).append("\">").append(link).append("</a>\n");
        }
        return body.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private String authority() {
        InetAddress address = listener.getInetAddress();
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return host + ":" + port();
    }

    private void accept() {
        while (closed.getCount() > 0) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.incrementAndGet();
            sockets.add(socket);
            Thread thread = Thread.ofVirtual().name("raw-server-" + port() + "-conn").unstarted(() -> serve(socket));
            threads.add(thread);
            thread.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Handler first = onConnect;
            if (first != null) {
                first.answer(new RawExchange(socket, null, closed));
                return;
            }
            String path = readRequestPath(socket.getInputStream());
            if (path == null) {
                return;
            }
            requests.add(path);
            Handler handler = routes.get(path);
            RawExchange exchange = new RawExchange(socket, path, closed);
            if (handler == null) {
                exchange.respond(404, "text/plain", "not found".getBytes(StandardCharsets.US_ASCII));
            } else {
                handler.answer(exchange);
            }
        } catch (IOException e) {
            // The client hung up, or the server is closing: either way this connection is over.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is closing
        } finally {
            sockets.remove(socket);
            threads.remove(Thread.currentThread());
        }
    }

    /** The request target of the request line, after reading the whole head; null if the client sent none. */
    private static String readRequestPath(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0; // of "\r\n\r\n"
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEAD) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String requestLine = head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        String[] parts = requestLine.split(" ");
        return parts.length >= 2 ? parts[1] : null;
    }

    /** Stops accepting, closes every connection, interrupts and waits for every thread. */
    @Override
    public void close() {
        closed.countDown();
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        boolean interrupted = false;
        List<Thread> alive = new ArrayList<>();
        try {
            acceptor.join(JOIN_BOUND); // after this no connection thread is added
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            threads.forEach(Thread::interrupt);
            long deadline = System.nanoTime() + JOIN_BOUND.toNanos();
            for (Thread thread : List.copyOf(threads)) {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (acceptor.isAlive()) {
            alive.add(acceptor);
        }
        threads.stream().filter(Thread::isAlive).forEach(alive::add);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!alive.isEmpty()) {
            throw new IllegalStateException("raw server threads still alive after close: " + alive);
        }
    }
}
