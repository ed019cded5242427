package dev.trawl.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A directory tree served in-process on 127.0.0.1 ({@link LoopbackServer}) as the lab's
 * {@code site_server -root DIR} serves it: files by path, symbolic links followed (the Debian doc
 * trees are made of them), {@code index.html} for a directory asked for with its slash, a 301 to
 * the slash without it, no listings, 404 for the rest; the Content-Type from the file name's
 * extension, text types in UTF-8 as Go's {@code mime} says. Each answer is kept in memory once
 * read, as the lab's server does. It counts GETs per request target, since a tree's pages are
 * whatever its links lead to.
 */
final class TreeSite implements Site {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("xml", "text/xml; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"), Map.entry("pdf", "application/pdf"), Map.entry("wasm", "application/wasm"),
            Map.entry("gz", "application/gzip"), Map.entry("zip", "application/zip"));

    private final Path root;
    private final String start;
    private final LoopbackServer server;
    /** Full 200 responses by cleaned path; 404s and redirects are looked up each time, as the lab's server does. */
    private final Map<String, Answer> cache = new ConcurrentHashMap<>();
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    private final AtomicInteger other = new AtomicInteger();

    /** A 200 response, head and body in one array so a GET is one write; a HEAD writes the head alone. */
    private record Answer(byte[] bytes, int headLength) {
    }

    /** A request target's GETs, and whether it was a file (200) or not (404). */
    private static final class Target {
        final long order;
        final AtomicInteger gets = new AtomicInteger();
        volatile boolean ok;

        Target(long order) {
            this.order = order;
        }
    }

    /**
     * Serves {@code root} (its real path, symbolic links resolved as the lab's {@code pwd -P}
     * does) and starts crawls at {@code start}, a path such as {@code /index.html}.
     */
    TreeSite(Path root, String start, Duration latency) throws IOException {
        this.root = root.toRealPath();
        this.start = start.startsWith("/") ? start : "/" + start;
        this.server = new LoopbackServer(latency, () -> this::respond);
    }

    int port() {
        return server.port();
    }

    @Override
    public String startUrl() {
        return server.origin() + start;
    }

    @Override
    public String describe() {
        return "in-process, " + root + " at " + startUrl();
    }

    @Override
    public boolean pagesKnown() {
        return false;
    }

    /**
     * Reads every file under the root into memory before the first crawl, so every run is served
     * from memory, not only those after the first; returns how many files and bytes.
     */
    long[] warmUp() throws IOException {
        long[] filesAndBytes = new long[2];
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    StringBuilder path = new StringBuilder();
                    root.relativize(file).forEach(name -> path.append('/').append(name));
                    Answer a = lookup(path.toString());
                    if (a != null) {
                        filesAndBytes[0]++;
                        filesAndBytes[1] += a.bytes().length - a.headLength();
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // a dangling link or a loop: the server answers 404 there too
            }
        });
        return filesAndBytes;
    }

    @Override
    public void reset() {
        targets.clear();
        order.set(0);
        other.set(0);
        server.reset();
    }

    @Override
    public Counts counts() {
        List<Map.Entry<String, Target>> seen = new ArrayList<>(targets.entrySet());
        seen.sort(Comparator.comparingLong(e -> e.getValue().order));
        String[] pages = new String[seen.size()];
        int[] gets = new int[seen.size()];
        int failed = 0;
        for (int i = 0; i < pages.length; i++) {
            pages[i] = seen.get(i).getKey();
            gets[i] = seen.get(i).getValue().gets.get();
            failed += seen.get(i).getValue().ok ? 0 : 1;
        }
        return server.counts(pages, gets, failed, other.get());
    }

    @Override
    public void close() {
        server.close();
    }

    private void respond(byte[] in, int from, int pathEnd, int targetEnd, boolean get, boolean head, OutputStream os)
            throws IOException {
        String rawPath = new String(in, from, pathEnd - from, StandardCharsets.ISO_8859_1);
        String path = decode(rawPath);
        String clean = clean(path);
        Answer answer = lookup(clean);
        if (answer == null && !path.endsWith("/") && Files.isDirectory(file(clean))) {
            other.incrementAndGet();
            os.write(("HTTP/1.1 301 Moved Permanently\r\nLocation: " + rawPath + "/\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        if (get) {
            String target = new String(in, from, targetEnd - from, StandardCharsets.ISO_8859_1);
            boolean ok = answer != null;
            // in one step, so that the counts never see a target without its GET
            targets.compute(target, (k, seen) -> {
                Target t = seen == null ? new Target(order.getAndIncrement()) : seen;
                t.gets.incrementAndGet();
                t.ok = ok;
                return t;
            });
        } else {
            other.incrementAndGet();
        }
        if (answer == null) {
            os.write(LoopbackServer.NOT_FOUND);
        } else {
            os.write(answer.bytes(), 0, head ? answer.headLength() : answer.bytes().length);
        }
    }

    /** The 200 answer for a cleaned path ("/dir/" for a directory's index.html), or null for none. */
    private Answer lookup(String clean) throws IOException {
        Answer cached = cache.get(clean);
        if (cached != null) {
            return cached;
        }
        Path file = file(clean);
        if (Files.isDirectory(file)) {
            if (!clean.endsWith("/")) {
                return null; // redirected to the slash by the caller
            }
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        byte[] headBytes = ("HTTP/1.1 200 OK\r\nContent-Type: " + contentType(file.getFileName().toString(), body)
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(body, 0, bytes, headBytes.length, body.length);
        Answer answer = new Answer(bytes, headBytes.length);
        cache.put(clean, answer);
        return answer;
    }

    private Path file(String clean) {
        return clean.equals("/") ? root : root.resolve(clean.substring(1));
    }

    /**
     * The type Go's {@code mime.TypeByExtension} gives for the common extensions; otherwise the
     * JDK's table, and for a name neither knows, text or bytes as Go's sniffing would tell them
     * apart (an extension-less {@code element-list} is text).
     */
    static String contentType(String name, byte[] body) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type != null) {
            return type;
        }
        type = URLConnection.guessContentTypeFromName(name);
        if (type == null) {
            type = looksBinary(body) ? "application/octet-stream" : "text/plain";
        }
        return type.startsWith("text/") && !type.contains("charset") ? type + "; charset=utf-8" : type;
    }

    private static boolean looksBinary(byte[] body) {
        for (int i = 0; i < Math.min(512, body.length); i++) {
            int b = body[i] & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) {
                return true;
            }
        }
        return false;
    }

    /** The path percent-decoded as UTF-8, as Go's {@code URL.Path}; an invalid escape stays as written. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int hi = c == '%' && i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
            if (lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Go's {@code path.Clean} of a rooted path, so ".." never climbs above the root, with the
     * trailing slash kept as the lab's server keeps it.
     */
    static String clean(String path) {
        List<String> kept = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
            } else {
                kept.add(segment);
            }
        }
        String clean = "/" + String.join("/", kept);
        return path.endsWith("/") && !clean.equals("/") ? clean + "/" : clean;
    }
}
