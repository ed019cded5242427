package dev.trawl.robots;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProductTokenTest {

    @Test
    void userAgentValueNamesTheTokenIgnoringCase() {
        ProductToken token = new ProductToken("FooBot");
        assertTrue(token.isNamedBy("FooBot"));
        assertTrue(token.isNamedBy("foobot"));
        assertTrue(token.isNamedBy("FOOBOT"));
    }

    @Test
    void userAgentValueIsComparedByItsProductTokenPart() {
        ProductToken token = new ProductToken("FooBot");
        assertTrue(token.isNamedBy("FooBot/2.1"));
        assertTrue(token.isNamedBy("FooBot Bar"));
        assertTrue(token.isNamedBy("FooBot*"));
        assertTrue(token.isNamedBy("foobot (+http://foo.bar/bot)"));
        assertFalse(token.isNamedBy("FooBot-Image"));
        assertFalse(token.isNamedBy("FooBo"));
        assertFalse(token.isNamedBy(" FooBot"));
        assertFalse(token.isNamedBy(""));
    }

    @Test
    void hyphenAndUnderscoreArePartOfTheToken() {
        assertTrue(new ProductToken("Foo-Bar_Baz").isNamedBy("foo-bar_baz/1.0"));
        assertFalse(new ProductToken("Foo").isNamedBy("Foo_Bar"));
    }

    @Test
    void tokenOutsideTheRfcCharacterSetIsNeverNamed() {
        assertFalse(new ProductToken("bot2").isNamedBy("bot2"));
        assertFalse(new ProductToken("Foo Bar").isNamedBy("Foo Bar"));
        assertFalse(new ProductToken("ツ").isNamedBy("ツ"));
    }

    @Test
    void starAloneOrFollowedBySpaceIsTheWildcard() {
        assertTrue(ProductToken.isWildcard("*"));
        assertTrue(ProductToken.isWildcard("* all robots"));
        assertTrue(ProductToken.isWildcard("*\tx"));
        assertFalse(ProductToken.isWildcard("*bot"));
        assertFalse(ProductToken.isWildcard(""));
        assertFalse(ProductToken.isWildcard("FooBot"));
    }

    @Test
    void blankTokenIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ProductToken(""));
        assertThrows(IllegalArgumentException.class, () -> new ProductToken(" \t"));
        assertThrows(NullPointerException.class, () -> new ProductToken(null));
    }
}
