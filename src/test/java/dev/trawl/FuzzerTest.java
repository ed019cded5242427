package dev.trawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fuzzing harness finds, shrinks and reports failures, so a property test cannot pass by accident. */
class FuzzerTest {

    @Test
    void checksThePropertyForEveryTry() {
        AtomicInteger calls = new AtomicInteger();
        Fuzzer.forAll(200, Gen.anyString(10), s -> calls.incrementAndGet());
        assertEquals(Integer.getInteger(Fuzzer.TRIES_PROPERTY, 200), calls.get());
    }

    @Test
    void shrinksAFailingStringToTheCharThatMatters() {
        AssertionError error = assertThrows(AssertionError.class, () -> Fuzzer.forAll(1000, Gen.anyString(300), s -> {
            if (s.indexOf('%') >= 0) {
                throw new IllegalStateException("percent");
            }
        }));
        assertTrue(error.getMessage().contains("shrunk input (") && error.getMessage().contains("): \"%\"\n"), error.getMessage());
        assertTrue(error.getMessage().contains("-D" + Fuzzer.SEED_PROPERTY + "="), error.getMessage());
        assertInstanceOf(IllegalStateException.class, error.getCause());
    }

    @Test
    void shrinksBytesAndListsToo() {
        AssertionError bytes = assertThrows(AssertionError.class, () -> Fuzzer.forAll(1000, Gen.anyBytes(200), b -> {
            for (byte x : b) {
                if (x == 0) {
                    throw new IllegalArgumentException("NUL");
                }
            }
        }));
        assertTrue(bytes.getMessage().contains("): hex 00 = ISO-8859-1 \"\\u0000\"\n"), bytes.getMessage());
        AssertionError lists = assertThrows(AssertionError.class, () -> Fuzzer.forAll(1000,
                Gen.lists(Gen.stringsOf("abc", 5), 1, 8), list -> assertTrue(list.size() < 4)));
        assertTrue(lists.getMessage().contains("): [\"\", \"\", \"\", \"\"]\n"), lists.getMessage());
    }

    @Test
    void keepsToTheSameBugWhileShrinking() {
        // "aaab" fails at the second check; cutting it to "b" would fail at the first, which is another bug.
        AssertionError error = assertThrows(AssertionError.class, () -> Fuzzer.forAll(1, Gen.strings(Gen.constant("aaab")), s -> {
            if (s.equals("b")) {
                throw new IllegalStateException("b");
            }
            if (s.contains("a")) {
                throw new IllegalStateException("a");
            }
        }));
        assertTrue(error.getMessage().contains("): \"a\"\n"), error.getMessage());
        assertEquals("a", error.getCause().getMessage());
    }
}
