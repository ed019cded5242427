package dev.trawl.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.Fuzzer;
import dev.trawl.Gen;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Properties of {@link UrlNormalizer} and {@link ScopePolicy} for generated and arbitrary text (issue 5). */
class UrlNormalizerPropertiesTest {

    /** What every URL the normalizer gives out must be: absolute http(s), no fragment, and its own normal form. */
    static void assertNormalized(HttpUrl url) {
        assertTrue(url.scheme().equals("http") || url.scheme().equals("https"), url::toString);
        assertNull(url.fragment(), url::toString);
        String key = UrlNormalizer.key(url);
        assertEquals(url.toString(), key);
        assertTrue(key.startsWith(url.scheme() + "://"), key);
        assertEquals(-1, key.indexOf('#'), key);
        Optional<HttpUrl> again = UrlNormalizer.parse(key);
        assertTrue(again.isPresent(), () -> "the key does not parse: " + key);
        assertEquals(key, UrlNormalizer.key(again.get()), "normalizing the key again changes it");
        assertEquals(url, again.get());
    }

    @Test
    void parseNeverThrowsAndGivesNormalizedUrlsForAnyText() {
        Fuzzer.forAll(1000, Gen.anyString(200), text -> UrlNormalizer.parse(text).ifPresent(UrlNormalizerPropertiesTest::assertNormalized));
    }

    @Test
    void parseGivesNormalizedUrlsForUrlLikeText() {
        Fuzzer.forAll(1000, UrlStrings.URLS, text -> UrlNormalizer.parse(text).ifPresent(UrlNormalizerPropertiesTest::assertNormalized));
    }

    @Test
    void wellFormedHttpUrlsAreAccepted() {
        Gen<String> wellFormed = Gen.strings(Gen.concat(Gen.elements("http", "https", "HTTP"), Gen.constant("://"),
                Gen.elements("example.com", "a.b.example", "bücher.example", "[::1]", "127.0.0.1", "xn--bcher-kva.example"),
                Gen.elements("", ":8080", ":443"), UrlStrings.PATH, UrlStrings.QUERY, UrlStrings.FRAGMENT));
        Fuzzer.forAll(500, wellFormed, text -> {
            Optional<HttpUrl> url = UrlNormalizer.parse(text);
            assertTrue(url.isPresent(), text);
            assertNormalized(url.get());
        });
    }

    @Test
    void resolveNeverThrowsAndGivesNormalizedUrls() {
        Fuzzer.forAll(1000, Gen.lists(UrlStrings.HREFS, 2, 2), pair -> {
            Optional<HttpUrl> base = UrlNormalizer.parse(pair.get(0)).or(() -> UrlNormalizer.parse("http://example.com/a/b?c"));
            UrlNormalizer.resolve(base.get(), pair.get(1)).ifPresent(UrlNormalizerPropertiesTest::assertNormalized);
        });
    }

    /** The shortcut for other schemes never changes an answer: OkHttp alone would refuse the same hrefs. */
    @Test
    void resolveAgreesWithOkHttpAlone() {
        Gen<String> hrefs = Gen.oneOf(UrlStrings.HREFS, Gen.strings(Gen.concat(
                Gen.elements("mailto", "javascript", "HTTP", "https", "Http", "ftp", "h", "httpx", "a+b-c.d", "1x", ""),
                Gen.elements(":", "://", ":/", "", " :"), UrlStrings.PATH)));
        HttpUrl base = HttpUrl.get("http://example.com/a/b?c");
        Fuzzer.forAll(1000, hrefs, href -> {
            HttpUrl alone = base.resolve(href.strip());
            Optional<String> expected = alone == null ? Optional.empty()
                    : UrlNormalizer.parse(alone.toString()).map(UrlNormalizer::key);
            assertEquals(expected, UrlNormalizer.resolve(base, href).map(UrlNormalizer::key), href);
        });
    }

    @Test
    void resolvingTheKeyAgainstAnyBaseGivesTheKey() {
        Fuzzer.forAll(1000, Gen.lists(UrlStrings.URLS, 2, 2), pair -> {
            Optional<HttpUrl> url = UrlNormalizer.parse(pair.get(1));
            if (url.isPresent()) {
                HttpUrl base = UrlNormalizer.parse(pair.get(0)).orElse(HttpUrl.get("https://other.example/x/"));
                String key = UrlNormalizer.key(url.get());
                assertEquals(Optional.of(key), UrlNormalizer.resolve(base, key).map(UrlNormalizer::key));
            }
        });
    }

    @Test
    void hostOfAKeyIsTheParsedHost() {
        Fuzzer.forAll(1000, UrlStrings.URLS, text -> UrlNormalizer.parse(text).ifPresent(url ->
                assertEquals(url.host(), ScopePolicy.hostOf(UrlNormalizer.key(url)), UrlNormalizer.key(url))));
    }

    /** Seeds, then candidate links on hosts that often share a name or domain with them. */
    private static final Gen<List<String>> SEEDS_AND_LINK = Gen.lists(Gen.strings(Gen.concat(
            Gen.elements("http://", "https://", "http://u:p@", "https://a@b@"),
            Gen.elements("example.com", "www.example.com", "docs.example.com", "example.co.uk", "www.example.co.uk",
                    "bücher.example", "xn--bcher-kva.example", "127.0.0.1", "[::1]", "[2001:db8::1]", "localhost",
                    "sub.localhost", "other.test", "EXAMPLE.com", "a.b.c.example.com", "example.com.", "com", "co.uk",
                    "github.io", "x.github.io", "y.github.io"),
            Gen.elements("", ":8080", ":443", ":80"), UrlStrings.PATH, UrlStrings.QUERY)), 2, 5);

    @Test
    void scopeOfAKeyAgreesWithScopeOfTheUrl() {
        Fuzzer.forAll(1000, SEEDS_AND_LINK, urls -> {
            List<HttpUrl> parsed = urls.stream().map(UrlNormalizer::parse).flatMap(Optional::stream).toList();
            if (parsed.size() < 2) {
                return;
            }
            HttpUrl link = parsed.getLast();
            for (Scope scope : Scope.values()) {
                ScopePolicy policy = new ScopePolicy(scope);
                parsed.subList(0, parsed.size() - 1).forEach(policy::admit);
                assertEquals(policy.inScope(link), policy.inScope(UrlNormalizer.key(link)), scope + " " + link);
            }
        });
    }

    @Test
    void aResumedCrawlHasTheSameScope() {
        Fuzzer.forAll(1000, SEEDS_AND_LINK, urls -> {
            List<HttpUrl> parsed = urls.stream().map(UrlNormalizer::parse).flatMap(Optional::stream).toList();
            if (parsed.size() < 2) {
                return;
            }
            HttpUrl link = parsed.getLast();
            for (Scope scope : Scope.values()) {
                ScopePolicy first = new ScopePolicy(scope);
                ScopePolicy resumed = new ScopePolicy(scope);
                // What a first run remembers of its seeds' hosts is what a resumed one admits.
                ScopePolicy remembering = new ScopePolicy(scope, resumed::admitHost);
                parsed.subList(0, parsed.size() - 1).forEach(first::admit);
                parsed.subList(0, parsed.size() - 1).forEach(remembering::admit);
                assertEquals(first.inScope(link), resumed.inScope(link), scope + " " + link);
                assertEquals(first.onSeedHost(link), resumed.onSeedHost(link), link::toString);
            }
        });
    }
}
