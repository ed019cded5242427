package dev.trawl.jmh;

import dev.trawl.bench.SiteGraph;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic inputs for the benchmarks: HTML pages as bytes, and the link graph of the synthetic
 * benchmark site. Same bytes on every run and every machine, so figures can be compared.
 */
final class Pages {
    private Pages() {
    }

    /** A page body and the URL it was fetched from. */
    record Page(String name, String url, byte[] body) {
    }

    /** The pages {@link ExtractBench} parses, by its {@code page} parameter. */
    static Page named(String name) {
        return switch (name) {
            case "typical" -> new Page(name, TYPICAL_URL, utf8(typical(TYPICAL_BYTES)));
            case "benchsite" -> new Page(name, siteUrl(BENCHSITE_PAGE),
                    new SiteGraph(20_000, 10).page(BENCHSITE_PAGE, SITE_HOST));
            case "large" -> new Page(name, LARGE_URL, utf8(typical(LARGE_BYTES)));
            default -> throw new IllegalArgumentException("no page " + name);
        };
    }

    static final String TYPICAL_URL = "https://blog.example.com/2024/05/connection-pooling";
    static final String LARGE_URL = "https://docs.example.com/reference/all-in-one.html";
    /** A page in the middle of the default site (n=20000), depth 10. */
    static final int BENCHSITE_PAGE = 1234;
    /** One article section makes the typical page: about 10 KB. */
    static final int TYPICAL_BYTES = 10_000;
    static final int LARGE_BYTES = 1 << 20;

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A blog article as CMSs write them: a head with charset, viewport, title, description, robots,
     * canonical, style sheets, scripts and JSON-LD; a navigation bar, the article with inline links
     * (relative, root-relative, absolute, other hosts, queries, fragments, a few rel=nofollow), a
     * related-posts list and a footer (mailto, tel, social links, #top): about 10 KB and 50 links with
     * one article section. Sections (each with its own links) are added until the page has about
     * {@code bytes} chars, so a long page has the same mix, five links per KB.
     */
    static String typical(int bytes) {
        SplittableRandom random = new SplittableRandom(20240501L);
        StringBuilder html = new StringBuilder(bytes + 10_000);
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Connection pooling in HTTP clients &mdash; what it saves and what it costs | Example Engineering</title>
                <meta name="description" content="How HTTP clients reuse connections, why a pool of idle keep-alive \
                connections saves a TLS handshake per request, and when it bites: stale sockets, per-host limits and DNS.">
                <meta name="robots" content="index, follow, max-image-preview:large">
                <meta property="og:title" content="Connection pooling in HTTP clients">
                <meta property="og:type" content="article">
                <link rel="canonical" href="https://blog.example.com/2024/05/connection-pooling">
                <link rel="stylesheet" href="/assets/css/site.3f9a1c.css">
                <link rel="alternate" type="application/rss+xml" title="Example Engineering" href="/feed.xml">
                <link rel="icon" href="/favicon.ico">
                <script src="/assets/js/site.77b2e0.js" defer></script>
                <script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting",\
                "headline":"Connection pooling in HTTP clients","datePublished":"2024-05-14T09:00:00Z",\
                "author":{"@type":"Person","name":"A. Writer"}}</script>
                </head>
                <body>
                <a id="top"></a>
                <header class="site-header"><nav><ul>
                """);
        String[] nav = {"/", "/archive/", "/tags/", "/tags/networking/", "/tags/java/", "/about/", "/talks/",
            "/jobs/", "/feed.xml", "/search?q="};
        for (String href : nav) {
            html.append("<li class=\"nav-item\"><a class=\"nav-link\" href=\"").append(href).append("\">")
                    .append(words(random, 1)).append("</a></li>\n");
        }
        html.append("</ul></nav></header>\n<main class=\"content\">\n");
        int footerLength = 800;
        for (int section = 0; section == 0 || html.length() + footerLength < bytes; section++) {
            article(html, random, section);
        }
        html.append("</main>\n<footer class=\"site-footer\"><ul>\n");
        String[] footer = {"mailto:editors@example.com", "tel:+15555550100", "https://twitter.com/example",
            "https://github.com/example", "https://www.linkedin.com/company/example", "/privacy/", "/imprint/",
            "/feed.xml", "https://status.example.com/", "#top"};
        for (String href : footer) {
            html.append("<li><a href=\"").append(href).append("\">").append(words(random, 1)).append("</a></li>\n");
        }
        html.append("</ul><p class=\"copyright\">&copy; 2024 Example Inc.</p></footer>\n</body>\n</html>\n");
        return html.toString();
    }

    /** One article section: 20 paragraphs, 20 inline links and a related-posts list of 10. */
    private static void article(StringBuilder html, SplittableRandom random, int section) {
        html.append("<article class=\"post\" id=\"post-").append(section).append("\">\n<h1 class=\"post-title\">")
                .append(words(random, 6)).append("</h1>\n<p class=\"meta\">Posted <time datetime=\"2024-05-14\">")
                .append("May 14, 2024</time> in <a href=\"/tags/networking/\">networking</a></p>\n");
        for (int paragraph = 0; paragraph < 20; paragraph++) {
            html.append("<p>").append(words(random, 20 + random.nextInt(16)));
            html.append(" <a href=\"").append(inlineHref(section, paragraph)).append('"');
            if (paragraph % 7 == 6) {
                html.append(" rel=\"nofollow ugc\"");
            }
            html.append('>').append(words(random, 3)).append("</a> ")
                    .append(words(random, 8 + random.nextInt(8))).append(".</p>\n");
            if (paragraph % 5 == 4) {
                html.append("<pre><code class=\"language-java\">OkHttpClient client = new OkHttpClient.Builder()\n")
                        .append("    .connectionPool(new ConnectionPool(5, 5, TimeUnit.MINUTES))\n")
                        .append("    .build();</code></pre>\n");
            }
        }
        html.append("<aside class=\"related\"><h2>Related posts</h2><ul>\n");
        for (int related = 0; related < 10; related++) {
            html.append("<li><a href=\"../../").append(2019 + related % 5).append("/")
                    .append(String.format("%02d", 1 + (section * 10 + related) % 12)).append("/post-")
                    .append(section).append('-').append(related).append("\">").append(words(random, 5))
                    .append("</a></li>\n");
        }
        html.append("</ul></aside>\n</article>\n");
    }

    private static String inlineHref(int section, int paragraph) {
        String id = section + "-" + paragraph;
        return switch (paragraph % 10) {
            case 0 -> "/2024/04/keep-alive-" + id;
            case 1 -> "https://datatracker.ietf.org/doc/html/rfc9112#section-9." + paragraph;
            case 2 -> "../03/tls-handshakes-" + id;
            case 3 -> "https://square.github.io/okhttp/features/connections/?s=" + id;
            case 4 -> "/tags/java/?page=" + (2 + paragraph) + "&amp;sort=new&amp;ref=" + id;
            case 5 -> "connection-pooling/comments-" + id;
            case 6 -> "https://news.example.net/item?id=" + (40_000_000 + section * 100 + paragraph);
            case 7 -> "#footnote-" + id;
            case 8 -> "https://en.wikipedia.org/wiki/HTTP_persistent_connection?x=" + id;
            default -> "//cdn.example.com/media/diagram-" + id + ".svg";
        };
    }

    private static final String[] WORDS = ("connection pool socket request response latency handshake server "
            + "client keep alive idle timeout host stream frame header body cache proxy route address retry the a "
            + "of to and in is that it for with as on when each every which").split(" ");

    private static String words(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    /** Host of the synthetic benchmark site's absolute links. */
    static final String SITE_HOST = "127.0.0.1:8080";

    /** The URL of page {@code id} of the synthetic benchmark site ({@link SiteGraph}). */
    static String siteUrl(int id) {
        return "http://" + SITE_HOST + "/p/" + id + ".html";
    }
}
