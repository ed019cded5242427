package dev.trawl.bench;

import static dev.trawl.bench.RawHttp.read;
import static dev.trawl.bench.RawHttp.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class TreeSiteTest {
    @TempDir
    Path dir;
    private Path root;
    private Path elsewhere;

    /** The site and the files its links lead to outside it, in one temporary directory so links are deleted quietly. */
    @BeforeEach
    void makeDirectories() throws Exception {
        root = Files.createDirectory(dir.resolve("site"));
        elsewhere = Files.createDirectory(dir.resolve("outside"));
    }

    private void write(String path, String content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Test
    void servesFilesIndexPagesAndSymbolicLinksAsTheLabsStaticServer() throws Exception {
        write("index.html", "<title>home</title>");
        write("sub/index.html", "<title>sub</title>");
        write("sub/page.htm", "<p>é</p>");
        write("a b.html", "spaced");
        write("style.css", "p{}");
        write("element-list", "module:java.base\njava.lang\n");
        Files.write(root.resolve("blob"), new byte[] {0, 1, 2, 3});
        Files.writeString(elsewhere.resolve("target.html"), "linked file");
        Files.createDirectories(elsewhere.resolve("dir"));
        Files.writeString(elsewhere.resolve("dir/inner.html"), "linked dir");
        Files.createSymbolicLink(root.resolve("link.html"), elsewhere.resolve("target.html"));
        Files.createSymbolicLink(root.resolve("linkdir"), elsewhere.resolve("dir"));
        Files.createSymbolicLink(root.resolve("dangling.html"), elsewhere.resolve("gone.html"));

        try (TreeSite site = new TreeSite(root, "/index.html", Duration.ZERO);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), site.port())) {
            assertEquals("http://127.0.0.1:" + site.port() + "/index.html", site.startUrl());
            assertFalse(site.pagesKnown());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            RawHttp.Response home = get(socket, in, "/index.html");
            assertEquals(200, home.status());
            assertEquals("text/html; charset=utf-8", home.header("Content-Type"));
            assertEquals("<title>home</title>", home.text());

            assertEquals("<title>sub</title>", get(socket, in, "/sub/").text(), "a directory's index.html");
            RawHttp.Response toSlash = get(socket, in, "/sub");
            assertEquals(301, toSlash.status());
            assertEquals("/sub/", toSlash.header("Location"));
            RawHttp.Response htm = get(socket, in, "/sub/page.htm");
            assertEquals("text/html; charset=utf-8", htm.header("Content-Type"));
            assertEquals("<p>é</p>", htm.text());
            assertEquals("spaced", get(socket, in, "/a%20b.html").text());
            assertEquals("text/css; charset=utf-8", get(socket, in, "/style.css").header("Content-Type"));
            assertEquals("text/plain; charset=utf-8", get(socket, in, "/element-list").header("Content-Type"));
            assertEquals("application/octet-stream", get(socket, in, "/blob").header("Content-Type"));

            assertEquals("linked file", get(socket, in, "/link.html").text());
            assertEquals("linked dir", get(socket, in, "/linkdir/inner.html").text());
            assertEquals(404, get(socket, in, "/dangling.html").status());
            assertEquals(404, get(socket, in, "/missing.html").status());
            assertEquals("<title>home</title>", get(socket, in, "/../../index.html").text(), "never above the root");
            assertEquals(404, get(socket, in, "/robots.txt").status());
            assertEquals(200, get(socket, in, "/index.html?v=2").status());
            assertEquals(200, get(socket, in, "/index.html").status());
            send(socket, "HEAD /style.css HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response head = read(in, false);
            assertEquals(200, head.status());
            assertEquals("3", head.header("Content-Length"));

            Site.Counts counts = site.counts();
            assertEquals(List.of("/index.html", "/sub/", "/sub/page.htm", "/a%20b.html", "/style.css", "/element-list",
                    "/blob", "/link.html", "/linkdir/inner.html", "/dangling.html", "/missing.html", "/../../index.html",
                    "/index.html?v=2"), List.of(counts.pages()), "every GET target but robots.txt and the redirect");
            assertEquals(2, counts.pageGets()[0]);
            assertEquals(1, counts.duplicates());
            assertEquals(13, counts.fetched());
            assertEquals(2, counts.failed(), "the dangling link and the missing page");
            assertEquals(11, counts.ok());
            assertEquals(0, counts.missing(), "a tree's pages are those asked for");
            assertEquals(1, counts.robots());
            assertEquals(2, counts.other(), "the redirect and the HEAD");
            assertTrue(counts.firstNs() != 0 && counts.lastNs() >= counts.firstNs());

            site.reset();
            Site.Counts zero = site.counts();
            assertEquals(0, zero.pages().length);
            assertEquals(0, zero.robots() + zero.other());
            assertEquals(0, zero.firstNs());
        }
    }

    @Test
    void readsEveryFileIntoMemoryBeforeTheRuns() throws Exception {
        write("index.html", "12345");
        write("sub/a.html", "123");
        Files.writeString(elsewhere.resolve("target.html"), "1234567");
        Files.createSymbolicLink(root.resolve("link.html"), elsewhere.resolve("target.html"));
        try (TreeSite site = new TreeSite(root, "index.html", Duration.ZERO)) {
            assertArrayEquals(new long[] {3, 15}, site.warmUp());
            Files.delete(root.resolve("sub/a.html"));
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), site.port())) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                assertEquals("123", get(socket, in, "/sub/a.html").text(), "served from memory");
            }
        }
    }

    @Test
    void sleepsTheLatencyBeforeEachResponse() throws Exception {
        write("a.html", "a");
        try (TreeSite site = new TreeSite(root, "/a.html", Duration.ofMillis(30));
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), site.port())) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            long start = System.nanoTime();
            send(socket, "GET /a.html HTTP/1.1\r\nHost: x\r\n\r\nGET /b.html HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, read(in, true).status());
            assertEquals(404, read(in, true).status());
            assertTrue(System.nanoTime() - start >= 60_000_000L, "two responses on one connection, 30 ms each");
        }
    }

    @Test
    void pathsAreDecodedAndCleanedAsGoDoes() {
        assertEquals("/a b/é.html", TreeSite.decode("/a%20b/%C3%A9.html"));
        assertEquals("/100%/x%zz", TreeSite.decode("/100%/x%zz"));
        assertEquals("/", TreeSite.clean("/"));
        assertEquals("/", TreeSite.clean("/.."));
        assertEquals("/b.html", TreeSite.clean("/a/../../b.html"));
        assertEquals("/a/", TreeSite.clean("/a/./"));
        assertEquals("/a/b", TreeSite.clean("//a//b"));
    }

    private static RawHttp.Response get(Socket socket, InputStream in, String target) throws Exception {
        send(socket, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        return read(in, true);
    }
}
