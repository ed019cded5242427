package dev.trawl.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobotsDirectivesTest {

    @Test
    void noneHasNoDirectivesAndNoFlags() {
        assertFalse(RobotsDirectives.NONE.noindex());
        assertFalse(RobotsDirectives.NONE.nofollow());
        assertEquals(List.of(), RobotsDirectives.NONE.directives());
    }

    @Test
    void mergeIsAnOrderedUnionWithoutDuplicates() {
        RobotsDirectives meta = new RobotsDirectives(true, false, List.of("noindex", "noarchive"));
        RobotsDirectives header = new RobotsDirectives(false, true, List.of("noarchive", "nofollow", "nosnippet"));
        assertEquals(new RobotsDirectives(true, true, List.of("noindex", "noarchive", "nofollow", "nosnippet")),
                meta.merge(header));
        assertEquals(List.of("noarchive", "nofollow", "nosnippet", "noindex"), header.merge(meta).directives());
    }

    @Test
    void mergingWithNoneChangesNothing() {
        RobotsDirectives some = new RobotsDirectives(false, true, List.of("nofollow"));
        assertSame(some, some.merge(RobotsDirectives.NONE));
        assertSame(some, RobotsDirectives.NONE.merge(some));
        assertSame(RobotsDirectives.NONE, RobotsDirectives.NONE.merge(RobotsDirectives.NONE));
    }

    @Test
    void mergeKeepsFlagsSetWithoutADirective() {
        RobotsDirectives flagged = new RobotsDirectives(true, false, List.of());
        RobotsDirectives listed = new RobotsDirectives(false, false, List.of("noarchive"));
        assertEquals(new RobotsDirectives(true, false, List.of("noarchive")), flagged.merge(listed));
        assertEquals(new RobotsDirectives(true, false, List.of("noarchive")), listed.merge(flagged));
    }

    @Test
    void flagsFollowTheDirectivesTheyListed() {
        assertEquals(new RobotsDirectives(true, true, List.of("none")), new RobotsDirectives(false, false, List.of("none")));
        assertTrue(new RobotsDirectives(false, false, List.of("NOINDEX")).noindex());
    }

    @Test
    void directivesAreACopyThatCannotChange() {
        List<String> source = new ArrayList<>(List.of("noindex", "noindex"));
        RobotsDirectives directives = new RobotsDirectives(false, false, source);
        source.add("nofollow");
        assertEquals(List.of("noindex"), directives.directives());
        assertThrows(UnsupportedOperationException.class, () -> directives.directives().add("x"));
    }
}
