package dev.trawl.robots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What one rule matches: a pattern alone in a {@link RuleIndex}, as a Disallow. */
class RuleTest {

    private static boolean matches(String pattern, String path) {
        return !RuleIndex.of(List.of(new Rule(pattern, false))).allows(path);
    }

    @Test
    void plainPatternMatchesAsPrefix() {
        assertTrue(matches("/fish", "/fish"));
        assertTrue(matches("/fish", "/fish/salmon"));
        assertFalse(matches("/fish", "/fis"));
        assertFalse(matches("/fish", "/Fish"));
    }

    @Test
    void finalDollarRequiresTheEnd() {
        assertTrue(matches("/fish$", "/fish"));
        assertFalse(matches("/fish$", "/fish/"));
        assertTrue(matches("/*.php$", "/a/b.php"));
        assertFalse(matches("/*.php$", "/a/b.php?x"));
        assertTrue(matches("/*$", "/anything"));
    }

    @Test
    void starMatchesEmptyAndAnyRun() {
        assertTrue(matches("/a*b", "/ab"));
        assertTrue(matches("/a*b", "/a---b"));
        assertTrue(matches("/a*b", "/a-b-b-c"));
        assertFalse(matches("/a*b", "/a---c"));
        assertTrue(matches("*", "/"));
        assertTrue(matches("**", "/x"));
        assertTrue(matches("/*/*/", "/a/b/"));
        assertFalse(matches("/*/*/", "/a/b"));
    }

    @Test
    void laterOccurrenceCanSatisfyAnAnchoredEnd() {
        // Taking the last ".php" as early as possible would fail here: an anchored one must end the path.
        assertTrue(matches("/*.php$", "/a.php/b.php"));
        assertTrue(matches("/*ab*abc$", "/abababc"));
    }

    @Test
    void dollarNotAtTheEndIsLiteral() {
        assertTrue(matches("/a$b", "/a$b"));
        assertFalse(matches("/a$b", "/ab"));
        assertTrue(matches("/*$x", "/q$x"));
    }

    @Test
    void patternLongerThanPathDoesNotMatch() {
        assertFalse(matches("/abc", "/ab"));
        assertFalse(matches("/ab*c", "/ab"));
        assertFalse(matches("/abc$", "/ab"));
    }

    @Test
    void priorityIsPatternLength() {
        assertEquals(5, new Rule("/a*b$", true).priority());
    }

    @Test
    void hostilePatternAgainstLongPathIsDecidedCorrectly() {
        String path = "/" + "a".repeat(200_000);
        assertFalse(matches("/*a*a*a*a*a*a*a*b", path));
        assertTrue(matches("/*a*a*a*a*a*a*a*b", path + "b"));
        assertTrue(matches("/*a*a*a*a*a*a*a*a$", path));
        assertFalse(matches("/*ab*ab*ab*ab$", "/" + "ab".repeat(3)));
        assertTrue(matches("/*ab*ab*ab*ab$", "/" + "ab".repeat(4)));
    }
}
