package dev.trawl.extract;

import dev.trawl.url.LinkResolver;
import dev.trawl.url.UrlNormalizer;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;

/**
 * Title, links, nofollow links, meta robots directives, canonical URL and description of an HTML
 * body, all from one pass. Stateless, so one instance serves every fetcher thread.
 *
 * <p>A body up to {@link #SCAN_UP_TO} is read straight from its markup ({@link MarkupScan}), no
 * tree built, unless the scan cannot settle it (foreign content, content a table would move...):
 * that page, and every larger one, is parsed by jsoup, whose tree is the reference the scan is
 * tested against. Both fill one {@link Findings}, resolved here the same way.
 *
 * <p>Hostile pages are safe by construction: jsoup's tree builder and the walk over its tree are
 * iterative, and jsoup's HTML parser caps the element depth (512 by default; deeper elements become
 * siblings, so their links are still found), so no nesting can overflow the stack. The tree is
 * dropped as it is read ({@link StreamingScan}), so the memory a page takes beyond its body is that
 * of its open elements and of the distinct strings it yields, not of its element count: a million
 * copies of a link cost what one does. Time is linear in the body, which the fetcher bounds with
 * {@code --max-bytes}. Text that goes into every record is capped, so no page can make its record
 * large: an unclosed {@code <title>} swallows the rest of the page as its text, which could be megabytes.
 */
public final class PageExtractor {
    /** The product token the four-argument {@link #extract(byte[], int, String, HttpUrl)} uses. */
    public static final String DEFAULT_PRODUCT_TOKEN = "trawl";
    /** Longest title kept, in chars; a longer one is cut. */
    public static final int MAX_TITLE_LENGTH = 1024;
    /**
     * Longest description kept, in chars; a longer one is cut. Descriptions go into every record, and
     * search engines show about 160 chars, so 1024 loses nothing real while bounding what a page that
     * stuffs its meta tag can add to the output.
     */
    public static final int MAX_DESCRIPTION_LENGTH = 1024;
    /**
     * Bodies up to this many bytes are scanned, or parsed into one document and walked where the
     * scan cannot settle them; larger ones are streamed. All give the same result
     * (StreamingEquivalenceTest); streaming bounds memory by the open elements, but its position
     * tracking makes it about 1.5 times slower, and a whole document of a page this size is a few
     * megabytes of heap.
     */
    static final int STREAM_ABOVE = 1 << 20;
    /**
     * Bodies up to this many bytes are scanned first, whatever their size: the scan holds the decoded
     * text (one or two bytes a char) and no tree, so a big page costs its text once more for as long as
     * one of the few parse threads scans it, and it is read several times faster than jsoup streams it.
     * This covers the default {@code --max-bytes}; larger bodies, which a user allowed, go straight to
     * the streaming parser, which never holds their text whole.
     */
    static final int SCAN_UP_TO = 16 << 20;

    private final int streamAbove;
    private final boolean scanMarkup;
    private final boolean fragments;

    /** An extractor that does not report fragments. */
    public PageExtractor() {
        this(false);
    }

    /**
     * @param fragments whether extractions also report the page's {@link Fragments} ({@code --check-fragments});
     *                  without, no id is read and {@link Extraction#fragments()} is null
     */
    public PageExtractor(boolean fragments) {
        this(STREAM_ABOVE, true, fragments);
    }

    /**
     * @param streamAbove bodies longer than this many bytes are streamed (0: all of them)
     * @param scanMarkup  whether bodies not streamed are scanned without a tree first ({@link MarkupScan}),
     *                    the tree built only for a page the scan cannot settle
     * @param fragments   whether extractions report the page's {@link Fragments}
     */
    PageExtractor(int streamAbove, boolean scanMarkup, boolean fragments) {
        this.streamAbove = streamAbove;
        this.scanMarkup = scanMarkup;
        this.fragments = fragments;
    }

    /** Whether a Content-Type is parsed for title and links; parameters are ignored. */
    public static boolean isHtml(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return essence.equalsIgnoreCase("text/html") || essence.equalsIgnoreCase("application/xhtml+xml");
    }

    /** {@link #extract(byte[], int, String, HttpUrl, String)} for the product token {@code trawl}. */
    public Extraction extract(byte[] body, int length, String contentType, HttpUrl pageUrl) {
        return extract(body, length, contentType, pageUrl, DEFAULT_PRODUCT_TOKEN);
    }

    /**
     * Parses body[0..length) as HTML. XHTML is parsed as HTML too: real-world XHTML survives that,
     * while an XML parser misreads the many such pages that are not well-formed and knows no HTML
     * entities such as {@code &eacute;}.
     *
     * <p>What counts, besides title and links (see {@link Extraction}):
     * <ul>
     *   <li>Robots: every {@code <meta name="robots">} and {@code <meta name="<productToken>">}
     *       (name compared ignoring case), in the head or the body as Google accepts both, merged.
     *       The content is a comma-separated directive list spelled as in {@link RobotsTagHeader#parse},
     *       but without agent prefixes: the meta's name says whom it addresses.</li>
     *   <li>Nofollow: an {@code <a>}/{@code <area>} whose {@code rel} token list holds
     *       {@code nofollow}, ignoring case. {@code ugc} and {@code sponsored} are not treated as
     *       nofollow: Google reads all three as hints, and only {@code nofollow} asks crawlers not to
     *       follow. One occurrence of a URL without nofollow makes it followable.</li>
     *   <li>Canonical: the first {@code <link>} with {@code canonical} in its rel token list and a
     *       non-blank href in the head, else the first elsewhere; resolved against the base like links.
     *       Null when that href is not an http(s) URL: a later one is not tried, since a page with a
     *       broken canonical has no canonical the site vouches for.</li>
     *   <li>Description: the first {@code <meta name="description">} with a content attribute.</li>
     *   <li>Fragments, when asked for: the {@code id} of every element and the {@code name} of every
     *       HTML {@code <a>}, and the links (those of {@code links}) whose fragment is not empty.</li>
     * </ul>
     *
     * @param contentType  the response's Content-Type, for its charset; may be null
     * @param pageUrl      the final URL after redirects, which relative links resolve against
     * @param productToken the crawler's robots name, e.g. {@code trawl} (not the whole User-Agent)
     */
    public Extraction extract(byte[] body, int length, String contentType, HttpUrl pageUrl, String productToken) {
        Objects.requireNonNull(pageUrl, "pageUrl");
        Objects.checkFromIndexSize(0, length, body.length);
        Objects.requireNonNull(productToken, "productToken");
        if (productToken.isBlank()) {
            throw new IllegalArgumentException("productToken must not be blank");
        }
        return resolve(findings(body, length, contentType, pageUrl, productToken.strip()), pageUrl);
    }

    /** What the page holds, as raw attribute text. */
    private Findings findings(byte[] body, int length, String contentType, HttpUrl pageUrl, String productToken) {
        Charset charset = CharsetDetector.detect(contentType, body, length);
        // The detector puts a BOM first, so a BOM present is always the chosen charset's own.
        int skip = ByteOrderMark.sniff(body, length).map(ByteOrderMark::length).orElse(0);
        if (scanMarkup && length <= SCAN_UP_TO) {
            String html = decode(body, length, charset);
            if (MarkupScan.scan(html, productToken, fragments) instanceof MarkupScan.Outcome.Settled settled) {
                return settled.findings();
            }
            if (length <= streamAbove) {
                return parsed(html, pageUrl, productToken);
            }
        } else if (length <= streamAbove) {
            return parsed(decode(body, length, charset), pageUrl, productToken);
        }
        // Decoded as the parser reads; malformed bytes become U+FFFD (the decoder replaces).
        DocumentScan documentScan = new DocumentScan(productToken, fragments);
        StreamingScan.scan(new InputStreamReader(new ByteArrayInputStream(body, skip, length - skip), charset),
                pageUrl.toString(), documentScan);
        return documentScan.findings();
    }

    /** What jsoup's whole tree of the page holds. */
    private Findings parsed(String html, HttpUrl pageUrl, String productToken) {
        DocumentScan documentScan = new DocumentScan(productToken, fragments);
        // A new parser per page: a jsoup Parser holds its tree builder's state.
        NodeTraversor.traverse(documentScan, Parser.htmlParser().parseInput(html, pageUrl.toString()));
        return documentScan.findings();
    }

    /** The body as the tree builder reads it: the detected charset, its BOM dropped; String's decoder never throws. */
    static String decode(byte[] body, int length, Charset charset) {
        int skip = ByteOrderMark.sniff(body, length).map(ByteOrderMark::length).orElse(0);
        return new String(body, skip, length - skip, charset);
    }

    /** The extraction from what a page holds: links resolved against its base, text collapsed. */
    static Extraction resolve(Findings scan, HttpUrl pageUrl) {
        // As in browsers, the first <base href> applies to every link, even those before it; one
        // that is not an http(s) URL is ignored rather than dropping every relative link.
        HttpUrl base = scan.baseHref() == null ? pageUrl
                : UrlNormalizer.resolve(pageUrl, scan.baseHref()).orElse(pageUrl);
        Set<String> links = new LinkedHashSet<>();
        Set<String> nofollowOnly = new LinkedHashSet<>();
        Set<String> followable = scan.anyNofollow() ? new HashSet<>() : null;
        Set<String> fragmentLinks = scan.findsTargets() ? new LinkedHashSet<>() : null;
        // Resolving dominates once a page has many links, and pages repeat the same href text
        // (menus, pagers, the million copies of a hostile page): each distinct text resolves once.
        LinkResolver resolver = new LinkResolver(base);
        for (Map.Entry<String, Boolean> href : scan.hrefs().entrySet()) {
            String key = resolver.key(beforeFragment(href.getKey()));
            if (key == null) {
                continue;
            }
            links.add(key);
            if (fragmentLinks != null) {
                String fragment = fragment(href.getKey());
                if (!fragment.isEmpty()) {
                    fragmentLinks.add(key + "#" + fragment);
                }
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
        String canonical = resolver.key(scan.canonicalHref());
        String description = scan.description() == null ? null
                : CollapsedText.of(scan.description(), MAX_DESCRIPTION_LENGTH);
        Fragments fragments = fragmentLinks == null ? null
                : new Fragments(scan.targets(), List.copyOf(fragmentLinks));
        return new Extraction(scan.title(), List.copyOf(links), nofollowOnly, scan.robots(), canonical, description,
                fragments);
    }

    /**
     * The href up to its first '#'. The fragment always starts there and is dropped anyway; cutting
     * it from the text spares UrlNormalizer from building each such URL twice.
     */
    private static String beforeFragment(String href) {
        int hash = href.indexOf('#');
        return hash < 0 ? href : href.substring(0, hash);
    }

    /**
     * The href's fragment as a URL parser keeps it: after the first '#', without the tabs and
     * newlines it drops anywhere, nor the spaces and controls it strips from the end; "" for none.
     */
    static String fragment(String href) {
        int hash = href.indexOf('#');
        if (hash < 0) {
            return "";
        }
        int end = href.length();
        while (end > hash + 1 && href.charAt(end - 1) <= ' ') {
            end--;
        }
        StringBuilder fragment = new StringBuilder(end - hash - 1);
        for (int i = hash + 1; i < end; i++) {
            char c = href.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                fragment.append(c);
            }
        }
        return fragment.toString();
    }
}
