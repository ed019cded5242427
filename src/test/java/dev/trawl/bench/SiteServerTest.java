package dev.trawl.bench;

import static dev.trawl.bench.RawHttp.read;
import static dev.trawl.bench.RawHttp.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SiteServerTest {
    @Test
    void answersKeptAliveAndPipelinedRequestsAndCountsPageGets() throws Exception {
        SiteGraph site = new SiteGraph(50, 10);
        try (SiteServer server = new SiteServer(site, Duration.ZERO);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
            send(socket, "GET /p/3.html HTTP/1.1\r\n" + host + "User-Agent: test\r\n\r\n");
            RawHttp.Response first = read(in, true);
            assertEquals(200, first.status());
            SiteGraph.PageBuffer expected = new SiteGraph.PageBuffer(64);
            site.render(3, ("127.0.0.1:" + server.port()).getBytes(StandardCharsets.US_ASCII), expected);
            assertArrayEquals(Arrays.copyOf(expected.bytes, expected.length), first.body());

            // on the same connection, several requests in one write
            send(socket, "GET /p/3.html?x=1 HTTP/1.1\r\n" + host + "\r\n"
                    + "GET /robots.txt HTTP/1.1\r\n" + host + "\r\n"
                    + "GET /p/50.html HTTP/1.1\r\n" + host + "\r\n"
                    + "GET /p/03.html HTTP/1.1\r\n" + host + "\r\n"
                    + "HEAD /p/4.html HTTP/1.1\r\n" + host + "\r\n"
                    + "GET /p/49.html HTTP/1.1\r\n" + host + "\r\n");
            assertEquals(200, read(in, true).status());
            assertEquals(404, read(in, true).status());
            assertEquals(404, read(in, true).status());
            assertEquals(404, read(in, true).status());
            RawHttp.Response head = read(in, false);
            assertEquals(200, head.status());
            assertTrue(head.head().contains("Content-Length: "));
            assertEquals(200, read(in, true).status());

            Site.Counts counts = server.counts();
            assertEquals(2, counts.pageGets()[3]);
            assertEquals(1, counts.pageGets()[49]);
            assertEquals(0, counts.pageGets()[4], "a HEAD is not a page fetch");
            assertEquals(1, counts.robots());
            assertEquals(3, counts.other());
            assertEquals(48, counts.missing());
            assertEquals(1, counts.duplicates());
            assertTrue(counts.firstNs() != 0 && counts.lastNs() >= counts.firstNs());

            server.reset();
            Site.Counts zero = server.counts();
            assertEquals(50, zero.missing());
            assertEquals(0, zero.robots() + zero.other());
            assertEquals(0, zero.firstNs());
        }
    }

    @Test
    void sleepsTheLatencyBeforeEachResponse() throws Exception {
        try (SiteServer server = new SiteServer(new SiteGraph(10, 4), Duration.ofMillis(30));
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            long start = System.nanoTime();
            send(socket, "GET /p/1.html HTTP/1.1\r\nHost: x\r\n\r\nGET /p/2.html HTTP/1.1\r\nHost: x\r\n\r\n");
            read(in, true);
            read(in, true);
            assertTrue(System.nanoTime() - start >= 60_000_000L, "two responses on one connection, 30 ms each");
            // The server notes a response's end after sending it, so the second may not be noted yet;
            // it closes the connection after ours only once it is done with both.
            socket.shutdownOutput();
            assertEquals(-1, in.read(), "the server closed the connection");
            assertTrue(server.counts().lastNs() - server.counts().firstNs() >= 60_000_000L);
        }
    }
}
