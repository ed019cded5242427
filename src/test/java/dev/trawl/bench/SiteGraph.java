package dev.trawl.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The shared lab's synthetic site ({@code site_server.go}), reproduced byte for byte so that
 * figures compare with the lab's: page i links to its tree children 2i+1 and 2i+2, then to
 * targets drawn by a PRNG seeded with (seed, i) from [0, min(N, 2i+3)), then repeats one earlier
 * target in another form. Extra links never point deeper than depth(i)+1, so every page is
 * reachable from page 0 and its breadth-first depth is floor(log2(i+1)).
 *
 * <p>Only the graph is kept in memory; a page's bytes are rendered on request into a reused
 * buffer (a few microseconds), so a large site costs the server no more memory than a small one.
 */
public final class SiteGraph {
    static final long DEFAULT_SEED = 42;
    /** Mean target size; site_server.go draws each page's target from 4096 + [0, 4096). */
    static final int DEFAULT_PAGE_SIZE = 6144;

    private static final String[] VOCABULARY = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do"
            + " eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud"
            + " exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in"
            + " reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint occaecat"
            + " cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum crawler"
            + " frontier queue fetch parse link anchor document index archive server latency throughput"
            + " benchmark network socket thread worker pool page site graph depth breadth search node edge"
            + " vertex random seed deterministic synthetic content section chapter table figure note").split(" ");
    private static final int FORMS = 5;

    final int pages;
    final int linksPerPage;
    final long seed;
    private final int[] sizes;
    private final int[][] targets;
    private final byte[][] forms;
    private final byte[][] fragments;
    private final byte[][] paragraphs;

    public SiteGraph(int pages, int linksPerPage) {
        this(pages, linksPerPage, DEFAULT_PAGE_SIZE, DEFAULT_SEED);
    }

    SiteGraph(int pages, int linksPerPage, int pageSize, long seed) {
        if (pages < 1 || linksPerPage < 2 || pageSize < 256) {
            throw new IllegalArgumentException("need pages >= 1, links >= 2, page size >= 256");
        }
        this.pages = pages;
        this.linksPerPage = linksPerPage;
        this.seed = seed;
        this.paragraphs = paragraphs(seed);
        // 6144 gives site_server.go's 4096 + [0, 4096); the draw is one PRNG step whatever its
        // range, so the page size never changes the link graph.
        int sizeFrom = pageSize - pageSize / 3;
        int sizeSpan = 2 * (pageSize / 3);
        this.sizes = new int[pages];
        this.targets = new int[pages][];
        this.forms = new byte[pages][];
        this.fragments = new byte[pages][];
        int k = linksPerPage;
        for (int i = 0; i < pages; i++) {
            Rng pr = new Rng(splitmix64(seed * 1000003 + i));
            sizes[i] = sizeFrom + pr.intn(sizeSpan);
            int[] t = new int[k + 1];
            byte[] f = new byte[k + 1];
            byte[] fr = new byte[k + 1];
            int n = 0;
            for (long child = 2L * i + 1; child <= 2L * i + 2; child++) {
                if (child < pages && n < k) {
                    t[n++] = (int) child;
                }
            }
            int limit = (int) Math.min(2L * i + 3, pages);
            int extra = k - n - (k >= 4 ? 1 : 0); // k >= 4 keeps a slot for the duplicate
            for (int e = 0; e < extra; e++) {
                t[n++] = pr.intn(limit);
            }
            for (int j = 0; j < n; j++) {
                f[j] = (byte) pr.intn(FORMS);
                if (pr.intn(4) == 0) {
                    fr[j] = (byte) (1 + pr.intn(9));
                }
            }
            if (k >= 4 && n > 0) {
                int d = pr.intn(n);
                t[n] = t[d];
                f[n] = (byte) ((f[d] + 1 + pr.intn(FORMS - 1)) % FORMS);
                fr[n] = (byte) pr.intn(3);
                n++;
            }
            targets[i] = Arrays.copyOf(t, n);
            forms[i] = Arrays.copyOf(f, n);
            fragments[i] = Arrays.copyOf(fr, n);
        }
    }

    /** The link targets of a page in document order, duplicates included (do not modify). */
    public int[] links(int page) {
        return targets[page];
    }

    static int depth(int page) {
        return 31 - Integer.numberOfLeadingZeros(page + 1);
    }

    /** Page {@code id}'s HTML on its own (the microbenchmarks' input); absolute links point at {@code host}. */
    public byte[] page(int id, String host) {
        PageBuffer out = new PageBuffer(sizes[id] + 1024);
        render(id, host.getBytes(StandardCharsets.US_ASCII), out);
        return Arrays.copyOf(out.bytes, out.length);
    }

    /** Appends page {@code id}'s HTML to {@code out}; absolute links point at {@code host} ("127.0.0.1:8080"). */
    void render(int id, byte[] host, PageBuffer out) {
        int start = out.length;
        Rng pr = new Rng(splitmix64(seed * 7919 + id));
        out.put(HEAD_TITLE).putInt(id).put(HEAD_DEPTH).putInt(depth(id)).put(HEAD_BODY).putInt(id).put(HEAD_END);
        int[] t = targets[id];
        int target = sizes[id] - 120 - 35 * t.length; // room for the footer and trailing links
        int li = 0;
        while (out.length - start < target || li < t.length) {
            if (out.length - start < target) {
                out.put(paragraphs[pr.intn(paragraphs.length)]);
            }
            if (li < t.length && (out.length - start >= target || pr.intn(3) == 0)) {
                out.put(LINK_OPEN);
                href(out, host, t[li], forms[id][li], fragments[id][li]);
                out.put(LINK_MIDDLE).putInt(t[li]).put(LINK_CLOSE);
                li++;
            }
        }
        out.put(FOOTER);
    }

    private static void href(PageBuffer out, byte[] host, int target, int form, int fragment) {
        switch (form) {
            case 0 -> out.putInt(target).put(HTML);
            case 1 -> out.put(P).putInt(target).put(HTML);
            case 2 -> out.put(HTTP).put(host).put(P).putInt(target).put(HTML);
            case 3 -> out.put(DOT_SLASH).putInt(target).put(HTML);
            default -> out.put(UP_P).putInt(target).put(HTML);
        }
        if (fragment > 0) {
            out.put(SEC).putInt(fragment);
        }
    }

    /** 256 lorem-style paragraphs of 150 to 650 bytes, as site_server.go draws them. */
    private static byte[][] paragraphs(long seed) {
        Rng r = new Rng(splitmix64(seed ^ 0xabcdef));
        byte[][] pool = new byte[256][];
        for (int p = 0; p < pool.length; p++) {
            int want = 150 + r.intn(500);
            StringBuilder b = new StringBuilder("<p>");
            boolean first = true;
            while (b.length() < want) {
                String w = VOCABULARY[r.intn(VOCABULARY.length)];
                if (b.length() > 3) {
                    b.append(' ');
                }
                if (first) {
                    w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
                    first = false;
                }
                b.append(w);
                if (r.intn(12) == 0) {
                    b.append('.');
                    first = true;
                }
            }
            pool[p] = b.append(".</p>\n").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return pool;
    }

    // Go's uint64 arithmetic is Java's long arithmetic; only the remainder must be unsigned.
    static long splitmix64(long x) {
        x += 0x9e3779b97f4a7c15L;
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }

    private static final class Rng {
        private long s;

        Rng(long s) {
            this.s = s;
        }

        int intn(int n) {
            s += 0x9e3779b97f4a7c15L;
            return (int) Long.remainderUnsigned(splitmix64(s), n);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static final byte[] HEAD_TITLE = ascii(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Page ");
    private static final byte[] HEAD_DEPTH = ascii("</title>\n<meta name=\"depth\" content=\"");
    private static final byte[] HEAD_BODY = ascii(
            "\">\n</head>\n<body>\n<div class=\"nav\"><a href=\"/p/0.html\">Home</a></div>\n<h1>Page ");
    private static final byte[] HEAD_END = ascii("</h1>\n");
    private static final byte[] LINK_OPEN = ascii("<p>See <a class=\"x\" href=\"");
    private static final byte[] LINK_MIDDLE = ascii("\">page ");
    private static final byte[] LINK_CLOSE = ascii("</a>.</p>\n");
    private static final byte[] FOOTER = ascii("<div class=\"footer\"><a href=\"mailto:webmaster@localhost\">contact</a>"
            + " <a href=\"#top\">top</a></div>\n</body>\n</html>\n");
    private static final byte[] HTML = ascii(".html");
    private static final byte[] P = ascii("/p/");
    private static final byte[] HTTP = ascii("http://");
    private static final byte[] DOT_SLASH = ascii("./");
    private static final byte[] UP_P = ascii("../p/");
    private static final byte[] SEC = ascii("#sec-");

    /** A growable byte buffer that is reset and reused, so serving a page allocates nothing. */
    static final class PageBuffer {
        byte[] bytes;
        int length;

        PageBuffer(int capacity) {
            bytes = new byte[capacity];
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        PageBuffer put(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
            return this;
        }

        PageBuffer putInt(int v) {
            int digits = 1;
            for (int x = v; x >= 10; x /= 10) {
                digits++;
            }
            room(digits);
            for (int at = length + digits - 1; at >= length; at--) {
                bytes[at] = (byte) ('0' + v % 10);
                v /= 10;
            }
            length += digits;
            return this;
        }
    }
}
