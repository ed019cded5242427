package dev.trawl.extract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The page-level signals of issue 3's "Standards": meta robots, rel=nofollow, canonical, description. */
class PageExtractorStandardsTest {
    private static final HttpUrl PAGE = HttpUrl.get("http://example.com/dir/page.html?x=1");
    /** CPU time, as in PageExtractorTest. */
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private final PageExtractor extractor = new PageExtractor();

    private Extraction extract(String html) {
        byte[] body = html.getBytes(UTF_8);
        return extractor.extract(body, body.length, "text/html; charset=utf-8", PAGE);
    }

    private Extraction extract(String html, String productToken) {
        byte[] body = html.getBytes(UTF_8);
        return extractor.extract(body, body.length, "text/html; charset=utf-8", PAGE, productToken);
    }

    private static RobotsDirectives directives(boolean noindex, boolean nofollow, String... directives) {
        return new RobotsDirectives(noindex, nofollow, List.of(directives));
    }

    @Nested
    class MetaRobots {
        private RobotsDirectives robots(String html) {
            return extract(html).robots();
        }

        @Test
        void noindex() {
            assertEquals(directives(true, false, "noindex"), robots("<meta name='robots' content='noindex'>"));
        }

        @Test
        void nofollow() {
            assertEquals(directives(false, true, "nofollow"), robots("<meta name='robots' content='nofollow'>"));
        }

        @Test
        void noneMeansNoindexAndNofollow() {
            assertEquals(directives(true, true, "none"), robots("<meta name='robots' content='none'>"));
        }

        @Test
        void directivesAreCaseInsensitiveAndTrimmed() {
            assertEquals(directives(true, true, "noindex", "nofollow"),
                    robots("<meta name='robots' content='NoIndex , NOFOLLOW'>"));
        }

        @Test
        void otherDirectivesAreKeptLowerCased() {
            assertEquals(directives(false, false, "all", "noarchive", "max-snippet:50"),
                    robots("<meta name='robots' content='all, NoArchive, max-snippet:50'>"));
        }

        @Test
        void severalMetaTagsAreMergedInDocumentOrder() {
            assertEquals(directives(true, true, "noindex", "noarchive", "nofollow"), robots("""
                    <head><meta name="robots" content="noindex, noarchive">
                    <meta name="robots" content="noarchive, nofollow"></head>"""));
        }

        @Test
        void metaForAnotherBotIsIgnored() {
            assertSame(RobotsDirectives.NONE, robots("<meta name='googlebot' content='noindex, nofollow'>"));
        }

        @Test
        void metaForOurTokenIsHonouredAndMergedWithRobots() {
            assertEquals(directives(true, true, "noindex", "nofollow"),
                    robots("<meta name='robots' content='noindex'><meta name='Trawl' content='nofollow'>"));
        }

        @Test
        void theProductTokenIsThePassedOne() {
            String html = "<meta name='trawl' content='noindex'><meta name='MyBot' content='nofollow'>";
            assertEquals(directives(false, true, "nofollow"), extract(html, "mybot").robots());
            assertEquals(directives(true, false, "noindex"), extract(html).robots());
        }

        @Test
        void metaNameIsCaseInsensitiveAndTrimmed() {
            assertEquals(directives(true, false, "noindex"), robots("<meta name=' ROBOTS ' content='noindex'>"));
        }

        @Test
        void metaInBodyCounts() {
            assertEquals(directives(false, true, "nofollow"),
                    robots("<html><head></head><body><p>x</p><meta name='robots' content='nofollow'></body></html>"));
        }

        @Test
        void metaWithoutContentOrWithEmptyContentGivesNothing() {
            assertSame(RobotsDirectives.NONE, robots("<meta name='robots'><meta name='robots' content=''>"));
        }

        @Test
        void pageWithoutRobotsMetaHasNone() {
            assertSame(RobotsDirectives.NONE, robots("<title>t</title><meta name='viewport' content='noindex'>"));
        }

        @Test
        void httpEquivOrPropertyIsNotAName() {
            assertSame(RobotsDirectives.NONE,
                    robots("<meta http-equiv='robots' content='noindex'><meta property='robots' content='noindex'>"));
        }

        @Test
        void mergesWithTheXRobotsTagHeader() {
            RobotsDirectives header = RobotsTagHeader.parse(List.of("trawl: nofollow", "noindex"), "trawl");
            assertEquals(directives(true, true, "noindex", "noarchive", "nofollow"),
                    robots("<meta name='robots' content='noindex, noarchive'>").merge(header));
        }
    }

    @Nested
    class NofollowLinks {
        private Set<String> nofollow(String html) {
            return extract(html).nofollowLinks();
        }

        @Test
        void singleTokenMarksTheLinkButKeepsItInLinks() {
            Extraction extraction = extract("<a rel=nofollow href=/ad>ad</a><a href=/ok>ok</a>");
            assertEquals(List.of("http://example.com/ad", "http://example.com/ok"), extraction.links());
            assertEquals(Set.of("http://example.com/ad"), extraction.nofollowLinks());
        }

        @Test
        void nofollowAmongOtherTokens() {
            assertEquals(Set.of("http://example.com/x"), nofollow("<a rel='external nofollow' href=/x>x</a>"));
            assertEquals(Set.of("http://example.com/y"), nofollow("<a rel='\tnoopener\nnofollow  noreferrer ' href=/y>y</a>"));
        }

        @Test
        void tokenIsCaseInsensitive() {
            assertEquals(Set.of("http://example.com/x"), nofollow("<a rel='NoFollow' href=/x>x</a>"));
        }

        @Test
        void oneFollowableOccurrenceMakesTheUrlFollowable() {
            assertEquals(Set.of(), nofollow("<a rel=nofollow href=/x>1</a><a href=/x>2</a>"));
            assertEquals(Set.of(), nofollow("<a href=/x>1</a><a rel=nofollow href=/x>2</a>"));
            assertEquals(Set.of(), nofollow("<a rel=nofollow href=/x>1</a><a href='http://EXAMPLE.com/x#top'>2</a>"));
        }

        @Test
        void ugcAndSponsoredAreNotNofollow() {
            assertEquals(Set.of(), nofollow("<a rel=ugc href=/u>u</a><a rel=sponsored href=/s>s</a>"));
        }

        @Test
        void onlyTheWholeTokenCounts() {
            assertEquals(Set.of(), nofollow("<a rel=nofollowing href=/a>a</a><a rel=no-follow href=/b>b</a>"
                    + "<a rel='no follow' href=/c>c</a>"));
        }

        @Test
        void areaLinksCountAndOrderIsDocumentOrder() {
            Set<String> links = nofollow("<a rel=nofollow href=/b>b</a><map><area rel=nofollow href=/a></map>");
            assertEquals(List.of("http://example.com/b", "http://example.com/a"), List.copyOf(links));
        }

        @Test
        void linksThatAreNotHttpAreNotListed() {
            assertEquals(Set.of(), nofollow("<a rel=nofollow href='mailto:a@b.c'>m</a>"));
        }

        @Test
        void nofollowOnOtherElementsDoesNotCount() {
            assertEquals(Set.of(), nofollow("<link rel=nofollow href=/l><a href=/l>l</a>"));
        }

        @Test
        void hundredThousandNofollowLinksStayFast() {
            StringBuilder html = new StringBuilder();
            for (int i = 0; i < 100_000; i++) {
                html.append("<a rel=nofollow href=/n/").append(i).append(">n</a><a href=/f/").append(i % 100)
                        .append(">f</a>\n");
            }
            Extraction extraction = CpuBudget.within(GENEROUS, () -> extract(html.toString()));
            assertEquals(100_000, extraction.nofollowLinks().size());
            assertEquals(100_100, extraction.links().size());
        }
    }

    @Nested
    class Canonical {
        private String canonical(String html) {
            return extract(html).canonical();
        }

        @Test
        void absolute() {
            assertEquals("https://example.org/a?b=1",
                    canonical("<link rel=canonical href='HTTPS://Example.ORG:443/a?b=1#frag'>"));
        }

        @Test
        void relativeResolvesAgainstThePage() {
            assertEquals("http://example.com/dir/other", canonical("<link rel='canonical' href='other'>"));
        }

        @Test
        void relativeResolvesAgainstTheBaseHref() {
            assertEquals("https://cdn.example.net/root/c",
                    canonical("<link rel=canonical href=c><base href='https://cdn.example.net/root/'>"));
        }

        @Test
        void relIsATokenListComparedIgnoringCase() {
            assertEquals("http://example.com/c", canonical("<link rel='Alternate CANONICAL' href=/c>"));
            assertNull(canonical("<link rel='canonicalx' href=/c>"));
        }

        @Test
        void notHttpIsIgnored() {
            assertNull(canonical("<link rel=canonical href='ftp://example.com/f'>"));
            assertNull(canonical("<link rel=canonical href='javascript:void(0)'>"));
            assertNull(canonical("<link rel=canonical href='http://'>"));
        }

        @Test
        void firstOfSeveralWins() {
            assertEquals("http://example.com/first",
                    canonical("<link rel=canonical href=/first><link rel=canonical href=/second>"));
        }

        @Test
        void anInvalidFirstIsNotReplacedByALaterOne() {
            assertNull(canonical("<link rel=canonical href='mailto:x@y.z'><link rel=canonical href=/second>"));
        }

        @Test
        void oneWithoutHrefIsSkipped() {
            assertEquals("http://example.com/c", canonical("<link rel=canonical><link rel=canonical href=' '>"
                    + "<link rel=canonical href=/c>"));
        }

        @Test
        void headWinsOverBody() {
            assertEquals("http://example.com/head", canonical("""
                    <html><head><title>t</title><link rel=canonical href=/head></head>
                    <body><link rel=canonical href=/body></body></html>"""));
        }

        @Test
        void bodyCountsWhenTheHeadHasNone() {
            assertEquals("http://example.com/body", canonical("""
                    <html><head><title>t</title></head><body><p>x</p><link rel=canonical href=/body></body></html>"""));
        }

        @Test
        void svgLinkIsNotACanonical() {
            assertNull(canonical("<body><svg><link rel=canonical href=/svg></link></svg></body>"));
        }

        @Test
        void missingIsNull() {
            assertNull(canonical("<title>t</title><link rel=stylesheet href=/s.css>"));
        }
    }

    @Nested
    class Description {
        private String description(String html) {
            return extract(html).description();
        }

        @Test
        void decodesEntities() {
            assertEquals("Fish & Chips café ©", description("<meta name=description content='Fish &amp; Chips caf&eacute; &copy;'>"));
        }

        @Test
        void collapsesAndTrimsWhiteSpace() {
            assertEquals("A B C", description("<meta name='Description' content='\n  A \t B&nbsp;\r\n C  '>"));
        }

        @Test
        void missingIsNull() {
            assertNull(description("<title>t</title>"));
            assertNull(description("<meta name=description>"));
            assertNull(description("<meta property='og:description' content='og'>"));
        }

        @Test
        void emptyIsEmptyString() {
            assertEquals("", description("<meta name=description content=' '>"));
        }

        @Test
        void firstWins() {
            assertEquals("one", description("<meta name=description content=one><meta name=description content=two>"));
        }

        @Test
        void isCutAt1024Chars() {
            String description = description("<meta name=description content='" + "word ".repeat(1000) + "'>");
            assertEquals(PageExtractor.MAX_DESCRIPTION_LENGTH, description.length());
            assertTrue(description.startsWith("word word"));
            assertTrue(description.endsWith("word"));
        }
    }

    @Nested
    class Title {
        @Test
        void isCutAt1024Chars() {
            String title = extract("<title>" + "x".repeat(5000) + "</title>").title();
            assertEquals("x".repeat(PageExtractor.MAX_TITLE_LENGTH), title);
        }

        @Test
        void cutNeverSplitsASurrogatePair() {
            String title = extract("<title>" + "x".repeat(1023) + "😀😀</title>").title();
            assertEquals("x".repeat(1023), title);
        }

        @Test
        void unclosedTitleSwallowingATenMegabytePageIsCut() {
            String html = "<html><head><title>Trap " + "<a href=/x>spam</a>\n".repeat(500_000);
            assertTrue(html.length() > 10_000_000);
            Extraction extraction = CpuBudget.within(GENEROUS, () -> extract(html));
            assertEquals(PageExtractor.MAX_TITLE_LENGTH, extraction.title().length(), extraction.title());
            assertTrue(extraction.title().startsWith("Trap <a href=/x>spam</a> <a href=/x>"));
            assertEquals(List.of(), extraction.links());
        }
    }

    @Nested
    class Compatibility {
        @Test
        void fourArgumentExtractUsesTheTrawlToken() {
            String html = """
                    <title>T</title><meta name=trawl content=noindex><meta name=description content=d>
                    <link rel=canonical href=/c><a rel=nofollow href=/n>n</a>""";
            byte[] body = html.getBytes(UTF_8);
            Extraction four = extractor.extract(body, body.length, null, PAGE);
            assertEquals(extractor.extract(body, body.length, null, PAGE, "trawl"), four);
            assertEquals(new Extraction("T", List.of("http://example.com/n"), Set.of("http://example.com/n"),
                    directives(true, false, "noindex"), "http://example.com/c", "d"), four);
        }

        @Test
        void plainPageEqualsTheTwoArgumentExtraction() {
            assertEquals(new Extraction("T", List.of("http://example.com/a")),
                    extract("<title>T</title><a href=/a rel=ugc>a</a>"));
        }

        @Test
        void twoArgumentConstructorHasNoSignals() {
            Extraction extraction = new Extraction(null, List.of());
            assertEquals(Set.of(), extraction.nofollowLinks());
            assertSame(RobotsDirectives.NONE, extraction.robots());
            assertNull(extraction.canonical());
            assertNull(extraction.description());
        }

        @Test
        void productTokenMustNotBeBlank() {
            byte[] body = new byte[0];
            assertThrows(NullPointerException.class, () -> extractor.extract(body, 0, null, PAGE, null));
            assertThrows(IllegalArgumentException.class, () -> extractor.extract(body, 0, null, PAGE, " "));
        }

        @Test
        void nofollowLinksCannotBeChanged() {
            Set<String> nofollow = extract("<a rel=nofollow href=/n>n</a>").nofollowLinks();
            assertThrows(UnsupportedOperationException.class, () -> nofollow.add("http://x/"));
        }
    }

    @Test
    void onePageYieldsEverything() {
        Extraction extraction = extract("""
                <!DOCTYPE html><html><head>
                <title> Shop  &amp; more </title>
                <meta name="description" content="Best   shop">
                <meta name="robots" content="noarchive">
                <link rel="canonical" href="/shop">
                </head><body>
                <a href="/a">a</a> <a rel="nofollow" href="/b">b</a> <a rel="sponsored" href="/c">c</a>
                <meta name="trawl" content="nofollow">
                </body></html>""");
        List<String> links = IntStream.of('a', 'b', 'c').mapToObj(c -> "http://example.com/" + (char) c).toList();
        assertEquals(new Extraction("Shop & more", links, Set.of("http://example.com/b"),
                directives(false, true, "noarchive", "nofollow"), "http://example.com/shop", "Best shop"), extraction);
    }
}
