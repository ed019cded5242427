package dev.trawl.extract;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CharsetDetectorTest {
    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Charset KOI8_R = Charset.forName("KOI8-R");
    private static final Charset GBK = Charset.forName("GBK");

    private static Charset detect(String contentType, String html) {
        byte[] body = html.getBytes(US_ASCII);
        return CharsetDetector.detect(contentType, body, body.length);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void headerCharsetWinsOverMetaCharset() {
        assertEquals(KOI8_R, detect("text/html; charset=koi8-r", "<meta charset=windows-1251>"));
    }

    @Test
    void headerCharsetIsCaseInsensitiveQuotedAndFoundAmongOtherParameters() {
        assertEquals(KOI8_R, detect("TEXT/HTML; Level=1; CHARSET=\"KOI8-R\"", ""));
        assertEquals(KOI8_R, detect("text/html;charset = koi8-r ;q=1", ""));
    }

    @Test
    void bogusHeaderCharsetFallsThroughToMetaCharset() {
        assertEquals(WINDOWS_1251, detect("text/html; charset=no-such-charset", "<meta charset=windows-1251>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html; charset=", "text/html; charset=\"\"", "text/html; charset=!!!",
        "text/html; charset=utf 8", "text/html; charset", "text/html;;;", ";charset=", "charset=koi8-r"})
    void malformedOrIllegalHeaderCharsetFallsThroughWithoutThrowing(String contentType) {
        assertEquals(UTF_8, detect(contentType, "<p>no meta</p>"));
    }

    @Test
    void iso88591AndAsciiLabelsDecodeAsWindows1252LikeBrowsers() {
        assertEquals(WINDOWS_1252, detect("text/html; charset=ISO-8859-1", ""));
        assertEquals(WINDOWS_1252, detect("text/html; charset=latin1", ""));
        assertEquals(WINDOWS_1252, detect("text/html; charset=us-ascii", ""));
        assertEquals(WINDOWS_1252, detect(null, "<meta charset=iso-8859-1>"));
    }

    @Test
    void gb2312LabelDecodesAsGbk() {
        assertEquals(GBK, detect(null, "<meta charset=gb2312>"));
    }

    @Test
    void utf8BomIsDetected() {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "<p>x".getBytes(UTF_8));
        assertEquals(UTF_8, CharsetDetector.detect(null, body, body.length));
    }

    @Test
    void utf16LittleAndBigEndianBomsAreDetected() {
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "<p>x".getBytes(UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "<p>x".getBytes(UTF_16BE));
        assertEquals(UTF_16LE, CharsetDetector.detect(null, le, le.length));
        assertEquals(UTF_16BE, CharsetDetector.detect(null, be, be.length));
    }

    @Test
    void bomWinsOverHeaderCharsetAsInBrowsers() {
        byte[] body = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "<p>x".getBytes(UTF_16LE));
        assertEquals(UTF_16LE, CharsetDetector.detect("text/html; charset=utf-8", body, body.length));
    }

    @Test
    void bomBeyondLengthIsNotSeen() {
        byte[] body = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertEquals(KOI8_R, CharsetDetector.detect("text/html; charset=koi8-r", body, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<meta charset=windows-1251>",
        "<META CHARSET=\"Windows-1251\">",
        "<meta charset='windows-1251'/>",
        "<!doctype html><html><head><meta name=viewport content=width=device-width><meta  charset = windows-1251 >",
        "<meta/charset=windows-1251>",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
        "<meta content='text/html;charset=\"windows-1251\"' http-equiv=content-type>",
        "<meta http-equiv=CONTENT-TYPE content=\"text/html; CHARSET = windows-1251; foo\">",
        "<meta charset=no-such-thing><meta charset=windows-1251>",
        "<script>var s = '</script><meta charset=windows-1251>",
    })
    void metaDeclarationIsFound(String html) {
        assertEquals(WINDOWS_1251, detect(null, html));
    }

    @Test
    void metaCharsetAttributeBeatsContentAttributeOfSameTag() {
        assertEquals(KOI8_R, detect(null, "<meta http-equiv=content-type content='text/html; charset=windows-1251' charset=koi8-r>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<!-- <meta charset=windows-1251> -->",
        "<div title=\"<meta charset=windows-1251>\">",
        "<meta content=\"text/html; charset=windows-1251\">",
        "<meta http-equiv=refresh content=\"0; charset=windows-1251\">",
        "<metacharset=windows-1251>",
        "<meta charset=\"windows-1251",
        "<p>charset=windows-1251</p>",
        "<meta charset=x-user-defined-nonsense>",
    })
    void declarationsThatDoNotCountAreIgnored(String html) {
        assertEquals(UTF_8, detect(null, html));
    }

    @Test
    void metaCharsetPastTheFirst1024BytesIsIgnored() {
        String padding = "<p>" + "x".repeat(1024) + "</p>";
        assertEquals(UTF_8, detect(null, padding + "<meta charset=windows-1251>"));
        assertEquals(WINDOWS_1251, detect(null, "<p>" + "x".repeat(900) + "</p><meta charset=windows-1251>"));
    }

    @Test
    void metaCharsetUtf16MeansUtf8BecauseTheBytesWereAsciiCompatible() {
        assertEquals(UTF_8, detect(null, "<meta charset=utf-16>"));
        assertEquals(UTF_8, detect(null, "<meta charset=utf-16be>"));
    }

    @Test
    void headerUtf16WithoutBomMeansLittleEndian() {
        assertEquals(UTF_16LE, detect("text/html; charset=utf-16", ""));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"text/html", "text/plain; format=flowed"})
    void defaultsToUtf8(String contentType) {
        assertEquals(UTF_8, detect(contentType, "<html><head><title>t</title></head></html>"));
    }

    @Test
    void nullBodyOrOutOfRangeLengthDoesNotThrow() {
        assertEquals(UTF_8, CharsetDetector.detect(null, null, 10));
        assertEquals(UTF_8, CharsetDetector.detect(null, new byte[0], 0));
        assertEquals(UTF_8, CharsetDetector.detect(null, new byte[3], -1));
        byte[] meta = "<meta charset=windows-1251>".getBytes(US_ASCII);
        assertEquals(WINDOWS_1251, CharsetDetector.detect(null, meta, Integer.MAX_VALUE));
    }

    @Test
    void truncatedMarkupAtEveryLengthDoesNotThrow() {
        byte[] html = ("<!doctype html><!-- c --><html lang='en'><head><?pi?></x><meta http-equiv=\"Content-Type\" "
                + "content=\"text/html; charset=windows-1251\"></head>").getBytes(US_ASCII);
        // Until the quoted label is closed, nothing has been declared.
        int declared = new String(html, US_ASCII).indexOf("1251\"") + "1251\"".length();
        for (int length = 0; length < declared; length++) {
            assertEquals(UTF_8, CharsetDetector.detect(null, html, length), "length " + length);
        }
        assertEquals(WINDOWS_1251, CharsetDetector.detect(null, html, html.length));
    }

    @Test
    void latin1BytesOfHeaderCharsetAreNotMistakenForMarkup() {
        byte[] body = "<title>caf\u00e9</title>".getBytes(ISO_8859_1);
        assertEquals(WINDOWS_1252, CharsetDetector.detect("text/html; charset=iso-8859-1", body, body.length));
    }
}
