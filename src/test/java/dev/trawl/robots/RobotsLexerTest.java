package dev.trawl.robots;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.robots.RobotsLexer.Key;
import dev.trawl.robots.RobotsLexer.Line;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Lines, keys and limits; the nested classes check them through {@link RobotsRules#allows}. */
class RobotsLexerTest {

    static boolean allowed(String robotsTxt, String productToken, String pathAndQuery) {
        return RobotsRules.parse(robotsTxt.getBytes(UTF_8), productToken).allows(pathAndQuery);
    }

    static boolean allowed(byte[] robotsTxt, String productToken, String pathAndQuery) {
        return RobotsRules.parse(robotsTxt, productToken).allows(pathAndQuery);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static List<Line> lex(byte[] body) {
        List<Line> lines = new ArrayList<>();
        RobotsLexer.lex(body, lines::add);
        return lines;
    }

    private static List<Line> lex(String body) {
        return lex(body.getBytes(UTF_8));
    }

    private static List<Key> keys(List<Line> lines) {
        return lines.stream().map(Line::key).toList();
    }

    private static List<String> texts(List<Line> lines) {
        return lines.stream().map(Line::text).toList();
    }

    @Test
    void everyLineEndingStyleYieldsTheSameLines() {
        List<Key> expected = List.of(Key.USER_AGENT, Key.ALLOW, Key.USER_AGENT, Key.DISALLOW);
        String unix = "User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /\n";
        assertEquals(expected, keys(lex(unix)));
        assertEquals(expected, keys(lex(unix.replace("\n", "\r\n"))));
        assertEquals(expected, keys(lex(unix.replace("\n", "\r"))));
        assertEquals(expected, keys(lex("User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /")));
        assertEquals(expected, keys(lex("User-Agent: foo\nAllow: /some/path\r\nUser-Agent: bar\n\r\n\nDisallow: /")));
    }

    @Test
    void valuesAreTrimmedAndCommentsRemoved() {
        assertEquals(List.of("/a b", "FooBot", "/x"),
                texts(lex("disallow:   /a b   # trailing\nuser-agent:FooBot#x\n  allow\t:\t/x\t\n")));
    }

    @Test
    void onlyTheFirstColonSeparates() {
        List<Line> lines = lex("sitemap: http://foo.bar/s.xml\n");
        assertEquals(Key.SITEMAP, lines.get(0).key());
        assertEquals("http://foo.bar/s.xml", lines.get(0).text());
    }

    @Test
    void emptyValueIsKept() {
        List<Line> lines = lex("disallow:\n");
        assertEquals(List.of(Key.DISALLOW), keys(lines));
        assertEquals(List.of(""), texts(lines));
    }

    @Test
    void linesWithoutSeparatorOrKeyAreDropped() {
        assertEquals(List.of(), lex("junk\n: value\n   \n# only a comment\ntoo many words here\n"));
    }

    @Test
    void keysAreRecognisedByPrefixIgnoringCase() {
        assertEquals(List.of(Key.USER_AGENT, Key.USER_AGENT, Key.USER_AGENT, Key.ALLOW, Key.DISALLOW, Key.DISALLOW,
                        Key.SITEMAP, Key.SITEMAP, Key.CRAWL_DELAY, Key.UNKNOWN),
                keys(lex("USER-AGENT: a\nuseragent: a\nuser agent: a\nAllowed: /\nDisAllow: /\ndiasllow: /\n"
                        + "Sitemaps: x\nsite-map: x\nCrawl-Delay: 1\nnoindex: /\n")));
    }

    @Test
    void fullOrPartialByteOrderMarkIsSkipped() {
        byte[] rules = "User-Agent: foo\nAllow: /AnyValue\n".getBytes(UTF_8);
        List<Key> expected = List.of(Key.USER_AGENT, Key.ALLOW);
        assertEquals(expected, keys(lex(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, rules))));
        assertEquals(expected, keys(lex(concat(new byte[] {(byte) 0xEF, (byte) 0xBB}, rules))));
        assertEquals(expected, keys(lex(concat(new byte[] {(byte) 0xEF}, rules))));
    }

    @Test
    void brokenByteOrderMarkMakesTheFirstLineUnknown() {
        byte[] rules = "User-Agent: foo\nAllow: /AnyValue\n".getBytes(UTF_8);
        assertEquals(List.of(Key.UNKNOWN, Key.ALLOW),
                keys(lex(concat(new byte[] {(byte) 0xEF, 0x11, (byte) 0xBF}, rules))));
    }

    @Test
    void byteOrderMarkLaterInTheFileIsNotSkipped() {
        byte[] body = concat("User-Agent: foo\n".getBytes(UTF_8),
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "Allow: /AnyValue\n".getBytes(UTF_8));
        assertEquals(List.of(Key.USER_AGENT, Key.UNKNOWN), keys(lex(body)));
    }

    @Test
    void valueBytesArePassedThroughUnchanged() {
        byte[] body = concat("disallow: /a".getBytes(UTF_8), new byte[] {(byte) 0xFF, (byte) 0xC3},
                "\n".getBytes(UTF_8));
        assertEquals(List.of((byte) '/', (byte) 'a', (byte) 0xFF, (byte) 0xC3), boxed(lex(body).get(0).value()));
    }

    @Test
    void longLineKeepsItsFirstBytesOnly() {
        String value = "/" + "a".repeat(RobotsLexer.MAX_LINE_BYTES);
        Line line = lex("disallow: " + value + "\nallow: /next\n").get(0);
        assertEquals(RobotsLexer.MAX_LINE_BYTES - "disallow: ".length(), line.value().length);
        assertEquals(Key.ALLOW, lex("disallow: " + value + "\nallow: /next\n").get(1).key());
    }

    private static List<Byte> boxed(byte[] bytes) {
        List<Byte> out = new ArrayList<>();
        for (byte b : bytes) {
            out.add(b);
        }
        return out;
    }

    @Nested
    class Syntax {
        @Test
        void missingColonIsAcceptedWhenTheLineIsTwoWords() {
            assertFalse(allowed("user-agent FooBot\ndisallow /\n", "FooBot", "/x/y"));
            assertFalse(allowed("user-agent\tFooBot\ndisallow \t /\n", "FooBot", "/x/y"));
        }

        @Test
        void missingColonWithMoreThanTwoWordsIsIgnored() {
            assertTrue(allowed("user-agent: FooBot\ndisallow / x\n", "FooBot", "/"));
        }

        @Test
        void lineWithEmptyKeyIsIgnored() {
            assertTrue(allowed("user-agent: FooBot\n: /\n", "FooBot", "/x"));
        }

        @Test
        void whitespaceAroundKeyAndValueIsIgnored() {
            assertFalse(allowed("  user-agent  :  FooBot  \n\t disallow\t:\t/x\t\n", "FooBot", "/x"));
        }

        @Test
        void commentAfterUserAgentIsIgnored() {
            assertFalse(allowed("user-agent: FooBot # our crawler\ndisallow: /\n", "FooBot", "/x"));
        }

        @Test
        void junkLinesAreSkipped() {
            String robots = "<html><body>\n\u0001\u0002garbage\nuser-agent: FooBot\n}{][\ndisallow: /x\n</html>\n";
            assertFalse(allowed(robots, "FooBot", "/x"));
            assertTrue(allowed(robots, "FooBot", "/y"));
        }

        @Test
        void nulByteEndsTheLine() {
            assertFalse(allowed("user-agent: FooBot\ndisallow: /x\0/y\n", "FooBot", "/x/z"));
        }

        @Test
        void mixedLineEndingsAndNoFinalNewlineAreAccepted() {
            String robots = "User-Agent: foo\nAllow: /some/path\r\nUser-Agent: FooBot\n\r\n\nDisallow: /";
            assertFalse(allowed(robots, "FooBot", "/x"));
            assertFalse(allowed("User-Agent: FooBot\rAllow: /a\r\rDisallow: /", "FooBot", "/x"));
        }

        @Test
        void brokenByteOrderMarkSpoilsOnlyTheFirstLine() {
            byte[] rules = "User-Agent: FooBot\nDisallow: /x\nUser-Agent: BarBot\nDisallow: /y\n".getBytes(UTF_8);
            byte[] body = concat(new byte[] {(byte) 0xEF, 0x11, (byte) 0xBF}, rules);
            assertTrue(allowed(body, "FooBot", "/x"));
            assertFalse(allowed(body, "BarBot", "/y"));
        }

        @Test
        void byteOrderMarkInTheMiddleSpoilsItsLine() {
            byte[] body = concat("User-Agent: FooBot\n".getBytes(UTF_8),
                    new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                    "Disallow: /x\nDisallow: /y\n".getBytes(UTF_8));
            assertTrue(allowed(body, "FooBot", "/x"));
            assertFalse(allowed(body, "FooBot", "/y"));
        }

        @Test
        void invalidUtf8IsTolerated() {
            byte[] body = concat("User-Agent: FooBot\nDisallow: /caf".getBytes(UTF_8),
                    new byte[] {(byte) 0xE9, (byte) 0xFF}, "\n".getBytes(UTF_8));
            RobotsRules rules = RobotsRules.parse(body, "FooBot");
            assertFalse(rules.allows("/caf%E9%FF"));
            assertFalse(rules.allows("/caf%e9%ff"));
            assertTrue(rules.allows("/caf"));
        }
    }

    @Nested
    class Limits {
        @Test
        void onlyTheFirst500KibAreRead() {
            String head = "user-agent: FooBot\ndisallow: /early\n";
            String filler = "# padding\n".repeat(RobotsLexer.MAX_BODY_BYTES / 10 + 1);
            String robots = head + filler + "disallow: /late\n";
            assertTrue(robots.getBytes(UTF_8).length > RobotsLexer.MAX_BODY_BYTES);
            assertFalse(allowed(robots, "FooBot", "/early"));
            assertTrue(allowed(robots, "FooBot", "/late"));
        }

        @Test
        void lineCutByTheSizeLimitIsDropped() {
            String head = "user-agent: FooBot\n";
            String padding = "#".repeat(RobotsLexer.MAX_BODY_BYTES - head.length() - "disallow: /pri".length() - 1) + "\n";
            String robots = head + padding + "disallow: /private\n";
            // The limit falls just after "disallow: /pri".
            assertEquals(RobotsLexer.MAX_BODY_BYTES, (head + padding + "disallow: /pri").length());
            assertTrue(allowed(robots, "FooBot", "/pri"));
            assertTrue(allowed(robots, "FooBot", "/private"));
        }

        @Test
        void lineEndingExactlyAtTheSizeLimitIsKept() {
            String head = "user-agent: FooBot\n";
            String padding = "#".repeat(RobotsLexer.MAX_BODY_BYTES - head.length() - "disallow: /pri".length() - 1) + "\n";
            String robots = head + padding + "disallow: /pri\nallow: /\n";
            assertFalse(allowed(robots, "FooBot", "/private"));
        }
    }
}
