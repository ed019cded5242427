package dev.trawl.crawl;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * One connection of a {@link RawServer}, as a handler sees it: raw bytes out, a drip, a stall, a
 * reset. Writes throw once the client has hung up, which ends the handler.
 */
public final class RawExchange {
    private final Socket socket;
    private final OutputStream out;
    private final String path;
    private final CountDownLatch closed;

    RawExchange(Socket socket, String path, CountDownLatch closed) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.path = path;
        this.closed = closed;
    }

    /** The request target as the request line had it, or null for an {@link RawServer#onConnect} handler. */
    public String path() {
        return path;
    }

    /** Writes the text as ISO-8859-1 bytes (one byte per char) and flushes. */
    public RawExchange write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawExchange write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** A status line and headers, then the blank line; each header is "Name: value". */
    public RawExchange head(String statusLine, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(statusLine).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return write(head.append("\r\n").toString());
    }

    /** A complete HTTP/1.1 response with Content-Length, then the connection closes. */
    public void respond(int status, String contentType, byte[] body) throws IOException {
        head("HTTP/1.1 " + status + " " + (status == 200 ? "OK" : "Status"), "Content-Type: " + contentType,
                "Content-Length: " + body.length, "Connection: close");
        write(body);
    }

    /** Writes {@code chunk} over and over until {@code total} bytes are written or the client hangs up. */
    public void repeat(byte[] chunk, long total) throws IOException {
        long left = total;
        while (left > 0) {
            int n = (int) Math.min(chunk.length, left);
            out.write(chunk, 0, n);
            left -= n;
        }
        out.flush();
    }

    /** Writes one byte at a time with {@code gap} between them, each flushed: a drip. */
    public void drip(byte[] bytes, Duration gap) throws IOException, InterruptedException {
        for (byte b : bytes) {
            out.write(b);
            out.flush();
            Thread.sleep(gap);
        }
    }

    /** Writes nothing more until the server closes. */
    public void stall() throws InterruptedException {
        closed.await();
    }

    /** Aborts the connection: SO_LINGER 0 makes close send a TCP reset instead of a clean end. */
    public void reset() throws IOException {
        out.flush();
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
