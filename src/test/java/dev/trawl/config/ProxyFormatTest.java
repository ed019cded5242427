package dev.trawl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.RequestOptions.ProxySpec;
import dev.trawl.config.RequestOptions.ProxySpec.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyFormatTest {

    private static String failure(String text) {
        return assertThrows(IllegalArgumentException.class, () -> ProxyFormat.parse(text)).getMessage();
    }

    @Test
    void parsesHttpAndSocks5() {
        assertEquals(new ProxySpec(Kind.HTTP, "proxy.example", 8080), ProxyFormat.parse("http://proxy.example:8080"));
        assertEquals(new ProxySpec(Kind.SOCKS, "127.0.0.1", 1080), ProxyFormat.parse("socks5://127.0.0.1:1080"));
    }

    @Test
    void readsSocksAsSocks5() {
        assertEquals(new ProxySpec(Kind.SOCKS, "proxy.example", 1080), ProxyFormat.parse("socks://proxy.example:1080"));
    }

    @Test
    void acceptsUpperCaseATrailingSlashAndSurroundingSpace() {
        assertEquals(new ProxySpec(Kind.HTTP, "proxy.example", 3128), ProxyFormat.parse(" HTTP://Proxy.Example:3128/ "));
    }

    @Test
    void parsesAnIpv6AddressWithoutItsBrackets() {
        assertEquals(new ProxySpec(Kind.SOCKS, "::1", 1080), ProxyFormat.parse("socks5://[::1]:1080"));
    }

    @Test
    void requiresThePort() {
        assertTrue(failure("http://proxy.example").startsWith("the proxy needs a port, as in http://proxy.example:8080"));
        assertTrue(failure("http://proxy.example:").startsWith("the proxy needs a port"));
    }

    @Test
    void refusesOtherSchemes() {
        assertEquals("proxy scheme must be http, socks5 or socks, got \"https\"", failure("https://proxy.example:443"));
        assertEquals("proxy scheme must be http, socks5 or socks, got \"socks4\"", failure("socks4://proxy.example:1080"));
    }

    @Test
    void saysCredentialsAreNotSupportedYetWithoutEchoingThem() {
        assertEquals("credentials in proxy URLs are not supported yet; give only scheme://host:port, as in "
                + "http://proxy.example:8080 or socks5://proxy.example:1080", failure("http://user:secret@proxy.example:8080"));
        assertTrue(failure("user:secret@proxy.example:8080").startsWith("credentials in proxy URLs are not supported yet"));
        assertTrue(failure("ftp://user:secret@proxy.example").startsWith("credentials in proxy URLs are not supported yet"));
    }

    /** Found by ConfigFormatsPropertiesTest: with one slash the credentials were missed and the message echoed them. */
    @ParameterizedTest
    @ValueSource(strings = {"http:/user:s3cret@proxy.example:8080", "/s3cret@", "http:user:s3cret@proxy.example:8080",
        "http:\\\\user:s3cret@proxy.example:8080", "http://proxy.example:8080/user:s3cret@x"})
    void neverEchoesCredentialsHoweverTheUrlIsMistyped(String text) {
        String message = failure(text);
        assertTrue(message.startsWith("credentials in proxy URLs are not supported yet"), message);
        assertFalse(message.contains("s3cret"), message);
    }

    @Test
    void refusesAPathQueryOrFragment() {
        assertEquals("a proxy URL is scheme://host:port only, got \"/proxy\" after the port",
                failure("http://proxy.example:8080/proxy"));
        assertTrue(failure("http://proxy.example:8080?x=1").startsWith("a proxy URL is scheme://host:port only"));
        assertTrue(failure("http://proxy.example:8080#top").startsWith("a proxy URL is scheme://host:port only"));
    }

    @Test
    void needsASchemeToTellHttpFromSocks() {
        assertEquals("expected a proxy URL like http://proxy.example:8080 or socks5://proxy.example:1080, got \"proxy.example:8080\"",
                failure("proxy.example:8080"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://", "http://:8080", "http://proxy_a:8080", "http://proxy.example:80a", "http://[::1:8080"})
    void rejectsMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> ProxyFormat.parse(text));
    }

    @Test
    void leavesAnOutOfRangePortToTheCheck() {
        ProxySpec zero = ProxyFormat.parse("http://proxy.example:0");
        assertEquals(0, zero.port());
        assertEquals("proxy port must be from 1 to 65535, got 0",
                assertThrows(IllegalArgumentException.class, () -> ProxyFormat.check(zero)).getMessage());
        assertEquals("proxy port must be from 1 to 65535, got 65536",
                assertThrows(IllegalArgumentException.class, () -> ProxyFormat.check(ProxyFormat.parse("http://h:65536"))).getMessage());
        assertEquals("proxy port must be from 1 to 65535, got 1234567", failure("http://proxy.example:1234567"));
    }
}
