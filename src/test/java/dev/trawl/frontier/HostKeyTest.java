package dev.trawl.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.url.UrlNormalizer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostKeyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://example.com/                        | example.com
            https://example.com/a/b?c=d                | example.com
            http://example.com:8080/x                  | example.com:8080
            https://example.com:8443/                  | example.com:8443
            http://user:secret@example.com:81/p        | example.com:81
            http://user@example.com/p                  | example.com
            http://[::1]:8080/                         | [::1]:8080
            http://[2001:db8::1]/x                     | [2001:db8::1]
            http://u:p@[::1]/                          | [::1]
            http://example.com/a@b/c                   | example.com
            http://example.com/?next=http://u@evil.test/ | example.com
            http://example.com                         | example.com
            example.com/no-scheme                      | example.com
            """)
    void keyIsTheAuthorityWithoutCredentials(String url, String key) {
        assertEquals(key, HostKey.of(url));
    }

    @Test
    void httpAndHttpsOnTheirDefaultPortsShareAKey() {
        assertEquals(HostKey.of(normalized("http://Example.com:80/a")), HostKey.of(normalized("https://example.com:443/b")));
        assertEquals("example.com:443", HostKey.of(normalized("http://example.com:443/")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://example.com/", "https://example.com:444/x", "http://user:pw@example.com:8080/a@b",
        "http://[::1]:8080/", "https://[2001:DB8::0:1]/", "http://127.0.0.1:9/", "http://xn--bcher-kva.example/",
        "http://bücher.example:81/", "https://a.b.c.example.co.uk/?q=@x", "http://[::ffff:10.0.0.1]/"})
    void keyAgreesWithTheParsedHostAndNonDefaultPort(String raw) {
        HttpUrl url = HttpUrl.get(raw);
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        String expected = url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
        assertEquals(expected, HostKey.of(UrlNormalizer.key(url)));
    }

    private static String normalized(String url) {
        return UrlNormalizer.key(HttpUrl.get(url));
    }
}
