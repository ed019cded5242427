package dev.trawl.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.Fuzzer;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.UrlStrings;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** {@link HostKey}'s string fast path agrees with the parsed URL for generated URLs (issue 5). */
class HostKeyPropertiesTest {

    @Test
    void keyIsTheParsedHostAndNonDefaultPort() {
        Fuzzer.forAll(1000, UrlStrings.URLS, text -> UrlNormalizer.parse(text).ifPresent(url -> {
            String key = UrlNormalizer.key(url);
            assertEquals(expected(url), HostKey.of(key), key);
        }));
    }

    private static String expected(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }
}
