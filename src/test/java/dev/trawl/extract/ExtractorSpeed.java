package dev.trawl.extract;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Not a test: prints how long {@link LegacyPageExtractor} and the streaming {@link PageExtractor} take
 * per page, on a typical page (about 10 KB, 50 links) and on the 10 MB page of a million links that
 * HostileSiteIT crawls. Timings depend on the machine and its load, so nothing asserts on them. Run
 * after {@code ./mvnw test-compile} with
 * {@code target/java -Xmx1g -cp target/classes:target/test-classes:<dependencies> dev.trawl.extract.ExtractorSpeed}.
 */
public final class ExtractorSpeed {
    private static final HttpUrl PAGE = HttpUrl.get("https://www.example.com/news/2026/article.html");

    private ExtractorSpeed() {
    }

    public static void main(String[] args) {
        byte[] typical = typicalPage().getBytes(UTF_8);
        byte[] million = millionLinks().getBytes(UTF_8);
        System.out.printf(Locale.ROOT, "typical page: %,d bytes; million-link page: %,d bytes%n", typical.length, million.length);
        for (int round = 1; round <= 3; round++) {
            System.out.printf(Locale.ROOT, "round %d%n", round);
            compare("  typical", typical, 20_000);
            compare("  million", million, 5);
        }
    }

    private static void compare(String name, byte[] page, int times) {
        long legacy = nanosPerPage(page, times, true);
        long streaming = nanosPerPage(page, times, false);
        System.out.printf(Locale.ROOT, "%s  legacy %,15d ns/page   streaming %,15d ns/page   (x%.2f)%n", name, legacy, streaming,
                (double) streaming / legacy);
    }

    private static long nanosPerPage(byte[] page, int times, boolean legacy) {
        LegacyPageExtractor old = new LegacyPageExtractor();
        PageExtractor streaming = new PageExtractor(0, false, false);
        int links = 0;
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            Extraction extraction = legacy ? old.extract(page, page.length, "text/html; charset=utf-8", PAGE, "trawl")
                    : streaming.extract(page, page.length, "text/html; charset=utf-8", PAGE, "trawl");
            links += extraction.links().size();
        }
        long elapsed = System.nanoTime() - start;
        if (links == 0) {
            throw new AssertionError("no links extracted");
        }
        return elapsed / times;
    }

    /** A news article page as sites serve them: head metadata, scripts and styles, navigation, text, 50 links. */
    static String typicalPage() {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>City council approves the new harbour plan | Example News</title>
                <meta name="description" content="After two years of debate the council voted for the harbour plan.">
                <meta name="robots" content="index, follow, max-image-preview:large">
                <link rel="canonical" href="https://www.example.com/news/2026/article.html">
                <link rel="stylesheet" href="/static/site.css">
                <style>body{font-family:sans-serif;margin:0}.nav a{padding:4px 8px}.story p{line-height:1.5}</style>
                <script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>
                </head>
                <body>
                <header class="site"><div class="nav">
                """);
        for (int i = 0; i < 15; i++) {
            html.append("<a href=\"/section/").append(i).append("\">Section ").append(i).append("</a>\n");
        }
        html.append("</div></header>\n<main><article class=\"story\">\n<h1>City council approves the new harbour plan</h1>\n");
        for (int i = 0; i < 20; i++) {
            html.append("<p>Paragraph ").append(i).append(" of the story, with enough words in it to look like real text: "
                    + "the council met on Tuesday evening, heard residents, and voted after a long debate about costs, "
                    + "traffic and the old warehouses. <a href=\"/news/2026/related-").append(i).append(".html\">Related story ")
                    .append(i).append("</a> and more words after the link.</p>\n");
        }
        html.append("<table class=\"figures\"><tr><th>Year</th><th>Cost</th></tr>");
        for (int i = 0; i < 5; i++) {
            html.append("<tr><td>").append(2026 + i).append("</td><td><a href=\"/data/").append(i).append("\">")
                    .append(i * 12).append(" M</a></td></tr>");
        }
        html.append("</table>\n</article></main>\n<footer>");
        for (int i = 0; i < 10; i++) {
            html.append("<a href=\"https://partner").append(i).append(".example.org/\" rel=\"nofollow\">Partner ").append(i)
                    .append("</a> ");
        }
        return html.append("<p>&copy; 2026 Example News</p></footer>\n</body>\n</html>\n").toString();
    }

    /** As {@code Attacks.millionLinks()}: a million {@code <a>} elements cycling through 36 hrefs. */
    static String millionLinks() {
        String names = "0123456789abcdefghijklmnopqrstuvwxyz";
        StringBuilder html = new StringBuilder(10_000_200).append("<!doctype html><title>A million links</title>");
        for (int i = 0; i < 1_000_008; i++) {
            html.append("<a href=").append(names.charAt(i % names.length())).append('>');
        }
        return html.toString();
    }
}
