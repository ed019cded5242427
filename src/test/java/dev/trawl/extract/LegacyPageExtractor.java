package dev.trawl.extract;

import dev.trawl.url.UrlNormalizer;
import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Test oracle: {@link PageExtractor} as it was before it streamed, verbatim but for names. It parses
 * the whole body into one jsoup Document and walks it once, so its memory grows with the element
 * count; the streaming extractor is compared against it for results ({@link StreamingEquivalenceTest})
 * and speed ({@link ExtractorSpeed}). Fragments, added since, are read from the same whole tree: every
 * element's id and every HTML {@code <a>}'s name.
 */
final class LegacyPageExtractor {
    private final boolean fragments;

    LegacyPageExtractor() {
        this(false);
    }

    /** @param fragments whether extractions report the page's {@link Fragments} */
    LegacyPageExtractor(boolean fragments) {
        this.fragments = fragments;
    }

    Extraction extract(byte[] body, int length, String contentType, HttpUrl pageUrl, String productToken) {
        Objects.requireNonNull(pageUrl, "pageUrl");
        Objects.checkFromIndexSize(0, length, body.length);
        Objects.requireNonNull(productToken, "productToken");
        if (productToken.isBlank()) {
            throw new IllegalArgumentException("productToken must not be blank");
        }
        // A new parser per call: a jsoup Parser holds its tree builder's state.
        Document document = Parser.htmlParser().parseInput(decode(body, length, contentType), pageUrl.toString());
        OldScan scan = new OldScan(productToken.strip());
        NodeTraversor.traverse(scan, document);

        // As in browsers, the first <base href> applies to every link, even those before it; one
        // that is not an http(s) URL is ignored rather than dropping every relative link.
        HttpUrl base = scan.baseHref() == null ? pageUrl
                : UrlNormalizer.resolve(pageUrl, scan.baseHref()).orElse(pageUrl);
        Set<String> links = new LinkedHashSet<>();
        Set<String> nofollowOnly = new LinkedHashSet<>();
        Set<String> followable = scan.anyNofollow() ? new HashSet<>() : null;
        Set<String> fragmentLinks = new LinkedHashSet<>();
        // Resolving dominates once a page has many links, and pages repeat the same href text
        // (menus, pagers, the million copies of a hostile page): each distinct text resolves once.
        for (Map.Entry<String, Boolean> href : scan.hrefs().entrySet()) {
            Optional<HttpUrl> url = UrlNormalizer.resolve(base, beforeFragment(href.getKey()));
            if (url.isEmpty()) {
                continue;
            }
            String key = UrlNormalizer.key(url.get());
            links.add(key);
            String fragment = PageExtractor.fragment(href.getKey());
            if (!fragment.isEmpty()) {
                fragmentLinks.add(key + "#" + fragment);
            }
            if (href.getValue()) {
                nofollowOnly.add(key);
            } else if (followable != null) {
                followable.add(key);
            }
        }
        // Two href texts can name one URL ("/a" and "http://host/a"): one followable text is enough.
        if (followable != null) {
            nofollowOnly.removeAll(followable);
        }
        String canonical = scan.canonicalHref() == null ? null
                : UrlNormalizer.resolve(base, scan.canonicalHref()).map(UrlNormalizer::key).orElse(null);
        String description = scan.description() == null ? null
                : CollapsedText.of(scan.description(), PageExtractor.MAX_DESCRIPTION_LENGTH);
        return new Extraction(title(scan.title()), List.copyOf(links), nofollowOnly, scan.robots(), canonical,
                description, fragments ? new Fragments(targets(document), List.copyOf(fragmentLinks)) : null);
    }

    /** Every id in the tree, and every HTML {@code <a>}'s name. */
    private static FragmentTargets targets(Document document) {
        Elements elements = document.getAllElements();
        long[] hashes = new long[elements.size() * 2];
        int count = 0;
        for (Element element : elements) {
            List<String> values = element.elementIs("a", Parser.NamespaceHtml)
                    ? List.of(element.attr("id"), element.attr("name")) : List.of(element.attr("id"));
            for (String value : values) {
                if (!value.isEmpty()) {
                    hashes[count++] = FragmentTargets.hash(value);
                }
            }
        }
        return FragmentTargets.of(hashes, count);
    }

    /** The title element's text, collapsed and capped; reading stops at the cap. */
    private static String title(Element title) {
        if (title == null) {
            return null;
        }
        // A title's content is raw text (RCDATA), so its children are text nodes only.
        CollapsedText text = new CollapsedText(PageExtractor.MAX_TITLE_LENGTH, PageExtractor.MAX_TITLE_LENGTH);
        for (Node child : title.childNodes()) {
            if (child instanceof TextNode textNode && !text.append(textNode.getWholeText())) {
                break;
            }
        }
        return text.toString();
    }

    /**
     * The href up to its first '#'. The fragment always starts there and is dropped anyway; cutting
     * it from the text spares UrlNormalizer from building each such URL twice.
     */
    private static String beforeFragment(String href) {
        int hash = href.indexOf('#');
        return hash < 0 ? href : href.substring(0, hash);
    }

    /** The body as text, BOM stripped; malformed bytes become U+FFFD (String's decoder never throws). */
    static String decode(byte[] body, int length, String contentType) {
        Charset charset = CharsetDetector.detect(contentType, body, length);
        // The detector puts a BOM first, so a BOM present is always the chosen charset's own.
        int skip = ByteOrderMark.sniff(body, length).map(ByteOrderMark::length).orElse(0);
        return new String(body, skip, length - skip, charset);
    }

    private static final class OldScan implements NodeVisitor {
        private final String productToken;
        private String baseHref;
        private Element title;
        /** Distinct href texts in document order → whether every occurrence so far had rel=nofollow. */
        private final Map<String, Boolean> hrefs = new LinkedHashMap<>();
        private boolean anyNofollow;
        /** The document's head element once reached; headLeft once the traversal is past its end. */
        private Element head;
        private boolean headLeft;
        private String headCanonical;
        private String otherCanonical;
        private String description;
        private DirectiveParser robots;

        /** @param productToken the name whose {@code <meta name>} addresses trawl besides {@code robots} */
        OldScan(String productToken) {
            this.productToken = productToken;
        }

        @Override
        public void head(Node node, int depth) {
            if (!(node instanceof Element element)) {
                return;
            }
            switch (element.normalName()) {
                case "a", "area" -> link(element);
                // The HTML namespace test keeps an inline <svg><title> (a tooltip) from being taken
                // for the page title; tree order puts a <title> in <head> before any in <body>.
                case "title" -> {
                    if (title == null && inHtmlNamespace(element)) {
                        title = element;
                    }
                }
                case "base" -> {
                    if (baseHref == null && inHtmlNamespace(element) && element.hasAttr("href")) {
                        baseHref = element.attr("href");
                    }
                }
                case "meta" -> {
                    if (inHtmlNamespace(element)) {
                        meta(element);
                    }
                }
                // <link> is no breakout tag, so <svg><link rel=canonical> stays SVG and does not count.
                case "link" -> {
                    if (inHtmlNamespace(element)) {
                        canonical(element);
                    }
                }
                case "head" -> {
                    if (head == null && inHtmlNamespace(element)) {
                        head = element;
                    }
                }
                default -> {
                    // Other elements carry nothing extract reports.
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node == head) {
                headLeft = true;
            }
        }

        private void link(Element element) {
            if (element.hasAttr("href")) {
                boolean nofollow = hasToken(element.attr("rel"), "nofollow");
                anyNofollow |= nofollow;
                hrefs.merge(element.attr("href"), nofollow, Boolean::logicalAnd);
            }
        }

        private void meta(Element element) {
            String name = element.attr("name").strip();
            if (name.isEmpty() || !element.hasAttr("content")) {
                return;
            }
            if (name.equalsIgnoreCase("robots") || name.equalsIgnoreCase(productToken)) {
                if (robots == null) {
                    robots = new DirectiveParser(null);
                }
                robots.add(element.attr("content"));
            } else if (description == null && name.equalsIgnoreCase("description")) {
                description = element.attr("content");
            }
        }

        private void canonical(Element element) {
            if (!hasToken(element.attr("rel"), "canonical")) {
                return;
            }
            String href = element.attr("href");
            if (href.isBlank()) {
                return;
            }
            boolean inHead = head != null && !headLeft;
            if (inHead && headCanonical == null) {
                headCanonical = href;
            } else if (!inHead && otherCanonical == null) {
                otherCanonical = href;
            }
        }

        String baseHref() {
            return baseHref;
        }

        Element title() {
            return title;
        }

        Map<String, Boolean> hrefs() {
            return hrefs;
        }

        /** Whether any a/area href had rel=nofollow. */
        boolean anyNofollow() {
            return anyNofollow;
        }

        /** The href of the first canonical link in the head, else of the first elsewhere; null if none. */
        String canonicalHref() {
            return headCanonical != null ? headCanonical : otherCanonical;
        }

        String description() {
            return description;
        }

        RobotsDirectives robots() {
            return robots == null ? RobotsDirectives.NONE : robots.result();
        }

        /** Whether a space-separated token list (a rel value) holds token, compared ignoring ASCII case. */
        private static boolean hasToken(String list, String token) {
            int n = list.length();
            int i = 0;
            while (i < n) {
                while (i < n && isSpace(list.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !isSpace(list.charAt(i))) {
                    i++;
                }
                if (i - start == token.length() && list.regionMatches(true, start, token, 0, token.length())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
        }

        private static boolean inHtmlNamespace(Element element) {
            return Parser.NamespaceHtml.equals(element.tag().namespace());
        }
    }
}
