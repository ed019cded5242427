package dev.trawl.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobotsTagHeaderTest {

    private static RobotsDirectives parse(String... values) {
        return RobotsTagHeader.parse(Arrays.asList(values), "trawl");
    }

    private static RobotsDirectives directives(boolean noindex, boolean nofollow, String... directives) {
        return new RobotsDirectives(noindex, nofollow, List.of(directives));
    }

    @Test
    void unprefixedDirectivesApplyToEveryAgent() {
        assertEquals(directives(true, true, "noindex", "nofollow"), parse("noindex, nofollow"));
        assertEquals(directives(true, false, "noindex"), parse("noindex"));
        assertEquals(directives(false, true, "nofollow"), parse("nofollow"));
    }

    @Test
    void directivesPrefixedWithOurTokenApply() {
        assertEquals(directives(false, true, "nofollow", "noarchive"), parse("trawl: nofollow, noarchive"));
    }

    @Test
    void ourTokenIsMatchedIgnoringCase() {
        assertEquals(directives(true, false, "noindex"), parse("TRAWL: NoIndex"));
        assertEquals(directives(true, false, "noindex"), RobotsTagHeader.parse(List.of("trawl: noindex"), "Trawl"));
    }

    @Test
    void directivesPrefixedWithAnotherAgentAreIgnored() {
        assertSame(RobotsDirectives.NONE, parse("googlebot: noindex"));
        assertSame(RobotsDirectives.NONE, parse("otherbot: noindex, nofollow"));
        assertSame(RobotsDirectives.NONE, parse("trawler: noindex"));
    }

    @Test
    void aPrefixHoldsUntilTheNextPrefixInTheSameValue() {
        assertEquals(directives(false, true, "nofollow"), parse("googlebot: noindex, trawl: nofollow"));
        assertEquals(directives(false, true, "nofollow"), parse("trawl: nofollow, googlebot: noindex, noarchive"));
    }

    @Test
    void aPrefixEndsWithItsHeaderValue() {
        assertEquals(directives(false, true, "nofollow"), parse("googlebot: noindex", "nofollow"));
    }

    @Test
    void severalHeaderValuesAreMergedInOrderWithoutDuplicates() {
        assertEquals(directives(true, true, "noarchive", "noindex", "nofollow"),
                parse("noarchive", "trawl: noindex, noarchive", "bingbot: nosnippet", "nofollow, noindex"));
    }

    @Test
    void noneMeansNoindexAndNofollowAndIsKept() {
        assertEquals(directives(true, true, "none"), parse("none"));
        RobotsDirectives none = parse("trawl: NONE");
        assertEquals(List.of("none"), none.directives());
        assertEquals(true, none.noindex() && none.nofollow());
    }

    @Test
    void unavailableAfterIsKeptAsADirectiveAndIsNoAgent() {
        assertEquals(directives(false, false, "unavailable_after: 25 jun 2010 15:00:00 pst"),
                parse("unavailable_after: 25 Jun 2010 15:00:00 PST"));
        assertEquals(directives(false, false, "noimageindex", "unavailable_after: 2020-09-21"),
                parse("noimageindex, unavailable_after: 2020-09-21"));
        assertEquals(directives(false, false, "unavailable_after: 25 jun 2010 15:00:00 pst"),
                parse("trawl: unavailable_after: 25 Jun 2010 15:00:00 PST"));
    }

    @Test
    void unavailableAfterWithAnRfc850DateKeepsItsComma() {
        assertEquals(directives(true, false, "unavailable_after: friday, 25-jun-10 15:00:00 gmt", "noindex"),
                parse("unavailable_after: Friday, 25-Jun-10 15:00:00 GMT, noindex"));
        assertSame(RobotsDirectives.NONE, parse("googlebot: unavailable_after: Friday, 25-Jun-10 15:00:00 GMT"));
    }

    @Test
    void valuedDirectivesAreNotTakenForAgents() {
        assertEquals(directives(false, false, "max-snippet: 50", "max-image-preview:large", "max-video-preview: -1"),
                parse("max-snippet: 50, max-image-preview:large", "max-video-preview: -1"));
    }

    @Test
    void whiteSpaceIsTrimmedAndCollapsedAndCaseLowered() {
        assertEquals(directives(true, true, "noindex", "nofollow", "max-snippet: 20"),
                parse("  NoIndex ,\tNOFOLLOW  ,  Max-Snippet:   20 "));
    }

    @Test
    void spaceSeparatedKeywordsAreReadAsSeparateDirectives() {
        assertEquals(directives(true, true, "noindex", "nofollow"), parse("noindex nofollow"));
        assertEquals(directives(true, false, "noindex", "follow"), parse("trawl: noindex follow"));
    }

    @Test
    void emptyOrBlankValuesAndDirectivesAreIgnored() {
        assertSame(RobotsDirectives.NONE, parse(""));
        assertSame(RobotsDirectives.NONE, parse("   ", ",", " , ,"));
        assertSame(RobotsDirectives.NONE, parse("trawl:", "trawl: ,"));
        assertSame(RobotsDirectives.NONE, RobotsTagHeader.parse(List.of(), "trawl"));
        assertSame(RobotsDirectives.NONE, RobotsTagHeader.parse(null, "trawl"));
        assertEquals(directives(true, false, "noindex"), parse(",,noindex,,", null));
    }

    @Test
    void allAndIndexAndFollowAreKeptButChangeNoFlag() {
        assertEquals(directives(false, false, "all", "index", "follow"), parse("all, index, follow"));
    }

    @Test
    void theRestrictiveDirectiveWinsAConflict() {
        assertEquals(directives(true, false, "index", "noindex"), parse("index", "noindex"));
    }

    @Test
    void productTokenIsRequired() {
        assertThrows(NullPointerException.class, () -> RobotsTagHeader.parse(List.of("noindex"), null));
        assertThrows(IllegalArgumentException.class, () -> RobotsTagHeader.parse(List.of("noindex"), " "));
    }
}
