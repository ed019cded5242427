package dev.trawl.url;

import dev.trawl.Gen;

/**
 * Generated text that looks like URLs and links, the way pages and seed lists write them: random
 * schemes, user info, host names (IDN, punycode, IP literals, broken ones), ports, paths with dot
 * segments and escapes, queries and fragments, surrounding white space. Shared by the property tests
 * of the packages that take URLs.
 */
public final class UrlStrings {
    private UrlStrings() {
    }

    static final Gen<String> SCHEME = Gen.oneOf(
            Gen.elements("http", "https", "http", "https", "HTTP", "HtTpS"),
            Gen.elements("ftp", "file", "javascript", "data", "mailto", "ws", "", "h ttp", "http+x", "1http", "htt"));

    static final Gen<String> SEPARATOR = Gen.elements("://", "://", "://", "://", ":/", ":", ":///", ":\\\\", "://\\", ":\t//");

    static final Gen<String> USER_INFO = Gen.elements("", "", "", "", "user@", "u:p@", "a@b@", "%40@", ":@", "@", "us er:pa ss@",
            "ü:ß@", "u:p:q@");

    private static final Gen<String> LABEL = Gen.oneOf(
            Gen.elements("example", "www", "a", "b", "docs", "EXAMPLE", "Www", "co", "uk", "com", "test", "localhost"),
            Gen.elements("bücher", "例え", "ÜNÏCÖDÉ", "☃", "😀", "xn--bcher-kva", "xn--", "xn--zz", "xn--a", "straße",
                    "ǅ", "ﬀ", "İ", "K", "a\u00adb", "a\u200db", "ⓔxample", "ｅｘａｍｐｌｅ", "%41", "%zz", "%e2%98%83", "a-", "-a",
                    "a_b", "1", "0x7f", "a".repeat(64), "a".repeat(63)),
            Gen.stringsOf("abcxyz0129-", 12));

    static final Gen<String> HOST = Gen.oneOf(
            Gen.concat(LABEL, Gen.constant("."), Gen.repeat(LABEL, 3, ".")),
            Gen.concat(LABEL, Gen.constant("."), LABEL),
            Gen.repeat(LABEL, 4, "."),
            Gen.concat(Gen.repeat(LABEL, 3, "."), Gen.elements(".", "。", "．", "..", "")),
            Gen.elements("127.0.0.1", "10.0.0.1", "1.2.3", "0x7f.1", "256.1.1.1", "0177.0.0.1", "4294967295", "1.2.3.4.5",
                    "192.168.0.1.", "[::1]", "[2001:db8::1]", "[2001:DB8:0:0:0:0:0:1]", "[::ffff:1.2.3.4]", "[::ffff:7f00:1]",
                    "[fe80::1%25eth0]", "[::1", "::1]", "[zz]", "[::]", "[1:2:3:4:5:6:7:8]", "[1:2:3:4:5:6:7:8:9]",
                    "[::1.2.3.4]", "[v1.x]", "localhost", "LOCALHOST", "", " ", "a b", "a..b", "xn--bcher-kva.example",
                    "bücher.example", "münchen.de", "例え.テスト", "xn--r8jz45g.xn--zckzah", "www.example.co.uk",
                    "a.b.c.d.e.f.example.com", "example.com."));

    private static final Gen<String> GOOD_PORT = Gen.elements("", "", "", ":80", ":443", ":8080", ":1", ":65535", ":08080", ":");

    static final Gen<String> PORT = Gen.oneOf(GOOD_PORT, GOOD_PORT, GOOD_PORT,
            Gen.elements(":0", ":65536", ":99999999999", ":abc", ": 80", ":-1", ":８０"));

    private static final Gen<String> SEGMENT = Gen.oneOf(
            Gen.elements("", ".", "..", "%2e", "%2E", ".%2e", "%2e%2E", "..%00", "...", "a", "b", "index.html", "b c", "%zz", "%",
                    "%4", "%41", "%7e", "~", "ü", "é", "日本", "\\", "a;b", "%00", "\u0000", "\t", "a\nb", "%2f", "%5C", "@",
                    "a:b", "[x]", "{}", "|", "^", "`", "'", "\"", "<>", "😀", "\ud800", "\ufffd"),
            Gen.stringsOf("abc%/.?#", 6));

    static final Gen<String> PATH = Gen.oneOf(
            Gen.constant(""),
            Gen.concat(Gen.constant("/"), Gen.repeat(SEGMENT, 6, "/")),
            Gen.concat(Gen.constant("/"), Gen.repeat(SEGMENT, 6, "\\")));

    static final Gen<String> QUERY = Gen.elements("", "", "", "?", "?a=b", "?a b", "?%zz", "?ü=ö", "??", "?a=1&a=2", "?q=%41%2f",
            "?x=http://u@evil.test/", "?'\"<>", "?\u0000", "?\t", "?a#b");

    static final Gen<String> FRAGMENT = Gen.elements("", "", "", "#", "#frag", "#a#b", "#ü", "# x", "#%zz", "#\u0000", "#/../x");

    static final Gen<String> SPACE = Gen.elements("", "", "", "", " ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u000b", "\u0000",
            "\ufeff");

    private static final Gen<String> HTTP_URL = Gen.concat(SPACE, Gen.elements("http", "https", "HTTP"), Gen.constant("://"),
            USER_INFO, HOST, PORT, PATH, QUERY, FRAGMENT, SPACE);

    /** Whole URLs, mostly absolute http(s), some broken in one place or another. */
    public static final Gen<String> URLS = Gen.strings(Gen.oneOf(HTTP_URL, HTTP_URL,
            Gen.concat(SPACE, SCHEME, SEPARATOR, USER_INFO, HOST, PORT, PATH, QUERY, FRAGMENT, SPACE)));

    /** What an href holds: relative references of every kind as well as whole URLs. */
    public static final Gen<String> HREFS = Gen.strings(Gen.oneOf(
            Gen.concat(SPACE, SCHEME, SEPARATOR, USER_INFO, HOST, PORT, PATH, QUERY, FRAGMENT, SPACE),
            Gen.concat(SPACE, Gen.constant("//"), USER_INFO, HOST, PORT, PATH, QUERY, FRAGMENT),
            Gen.concat(SPACE, PATH, QUERY, FRAGMENT, SPACE),
            Gen.concat(Gen.repeat(SEGMENT, 4, "/"), QUERY, FRAGMENT),
            Gen.concat(QUERY, FRAGMENT),
            Gen.concat(Gen.elements("http:", "https:", "HTTP:", "javascript:", "mailto:", "data:text/html,", "tel:", "about:"),
                    PATH, QUERY),
            Gen.anyString(40)));
}
