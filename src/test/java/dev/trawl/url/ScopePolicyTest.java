package dev.trawl.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopePolicyTest {

    private static ScopePolicy admitting(Scope scope, String... seeds) {
        ScopePolicy policy = new ScopePolicy(scope);
        for (String seed : seeds) {
            policy.admit(HttpUrl.get(seed));
        }
        return policy;
    }

    private static boolean in(ScopePolicy policy, String url) {
        boolean parsed = policy.inScope(HttpUrl.get(url));
        boolean fast = policy.inScope(UrlNormalizer.key(HttpUrl.get(url)));
        assertEquals(parsed, fast, "string and parsed paths disagree on " + url);
        return parsed;
    }

    @Test
    void hostScopeFollowsTheSeedsHostOnAnySchemeOrPort() {
        ScopePolicy policy = admitting(Scope.HOST, "http://example.com:8080/start");
        assertTrue(in(policy, "http://example.com:8080/other"));
        assertTrue(in(policy, "https://example.com/"));
        assertTrue(in(policy, "http://user:pw@example.com:9999/x"));
        assertFalse(in(policy, "http://www.example.com/"));
        assertFalse(in(policy, "http://example.org/"));
        assertFalse(in(policy, "http://notexample.com/"));
        assertFalse(in(policy, "http://example.com.evil.test/"));
    }

    @Test
    void domainScopeFollowsTheRegistrableDomain() {
        ScopePolicy policy = admitting(Scope.DOMAIN, "http://www.example.com/");
        assertTrue(in(policy, "http://docs.example.com/"));
        assertTrue(in(policy, "https://example.com/"));
        assertTrue(in(policy, "http://a.b.c.example.com:8080/"));
        assertFalse(in(policy, "http://example.org/"));
        assertFalse(in(policy, "http://notexample.com/"));
        assertFalse(in(policy, "http://example.com.evil.test/"));
    }

    @Test
    void domainScopeKnowsMultiLabelPublicSuffixes() {
        ScopePolicy policy = admitting(Scope.DOMAIN, "http://www.bbc.co.uk/");
        assertTrue(in(policy, "http://news.bbc.co.uk/"));
        assertFalse(in(policy, "http://other.co.uk/"));
        assertFalse(in(policy, "http://co.uk/"));
    }

    @Test
    void domainScopeMatchesLocalhostOnlyItself() {
        ScopePolicy policy = admitting(Scope.DOMAIN, "http://localhost:8080/");
        assertTrue(in(policy, "http://localhost:9000/"));
        assertTrue(in(policy, "https://localhost/"));
        assertFalse(in(policy, "http://foo.localhost/"));
        assertFalse(in(policy, "http://127.0.0.1:8080/"));
    }

    @Test
    void domainScopeMatchesIpAddressesOnlyThemselves() {
        ScopePolicy policy = admitting(Scope.DOMAIN, "http://127.0.0.1:8080/", "http://[2001:db8::1]/");
        assertTrue(in(policy, "http://127.0.0.1/"));
        assertFalse(in(policy, "http://127.0.0.2:8080/"));
        assertFalse(in(policy, "http://localhost:8080/"));
        assertTrue(in(policy, "https://[2001:db8::1]:8443/"));
        assertTrue(in(policy, "http://[2001:DB8:0::1]/"));
        assertFalse(in(policy, "http://[2001:db8::2]/"));
    }

    @Test
    void anyScopeFollowsEverythingWithoutSeeds() {
        ScopePolicy policy = new ScopePolicy(Scope.ANY);
        assertTrue(in(policy, "http://anything.test/"));
        assertTrue(in(policy, "https://[::1]:1/"));
        assertTrue(policy.inScope("not even a URL"));
    }

    @ParameterizedTest
    @EnumSource(value = Scope.class, names = {"HOST", "DOMAIN"})
    void nothingIsInScopeBeforeASeedIsAdmitted(Scope scope) {
        ScopePolicy policy = new ScopePolicy(scope);
        assertFalse(in(policy, "http://example.com/"));
        assertEquals(scope, policy.scope());
    }

    @ParameterizedTest
    @EnumSource(value = Scope.class, names = {"HOST", "DOMAIN"})
    void admittingWhereASeedRedirectedWidensTheScope(Scope scope) {
        ScopePolicy policy = admitting(scope, "http://example.com/");
        assertFalse(in(policy, "https://example.org/page"));
        policy.admit(HttpUrl.get("https://www.example.org/"));
        assertTrue(in(policy, "https://www.example.org/page"));
        assertTrue(in(policy, "http://example.com/still"));
    }

    @Test
    void domainScopeRefusesAStringThatIsNotAUrl() {
        ScopePolicy policy = admitting(Scope.DOMAIN, "http://example.com/");
        assertFalse(policy.inScope("example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://example.com/", "https://example.com:8443/a/b?c=d", "http://user:pw@example.com:8080/x",
        "http://user@example.com/a@b", "http://a%40b:c%2Fd@example.com/", "http://example.com/?next=http://u@evil.test/",
        "http://example.com/path@with/at", "http://[::1]/", "http://[::1]:8080/a", "http://u:p@[::1]:81/",
        "https://[2001:db8::1]/x", "http://[::ffff:10.0.0.1]/", "http://127.0.0.1:9/", "http://localhost/",
        "http://www.example.com./", "http://xn--bcher-kva.example/", "http://sub.example.com:81/",
        "http://www.bbc.co.uk/", "http://example.org:80/"})
    void stringPathAgreesWithTheParsedPath(String raw) {
        String normalized = UrlNormalizer.key(HttpUrl.get(raw));
        assertEquals(HttpUrl.get(raw).host(), ScopePolicy.hostOf(normalized), "host of " + normalized);
        List<String> seeds = List.of("http://example.com:8080/", "http://[::1]:8080/", "http://127.0.0.1/",
                "http://www.bbc.co.uk/", "http://localhost:1/");
        for (Scope scope : Scope.values()) {
            for (List<String> admitted : List.of(List.<String>of(), seeds, List.of(raw))) {
                ScopePolicy policy = admitting(scope, admitted.toArray(String[]::new));
                assertEquals(policy.inScope(HttpUrl.get(normalized)), policy.inScope(normalized),
                        scope + " scope admitting " + admitted + ": " + normalized);
            }
        }
        List<Boolean> withOwnSeed = new ArrayList<>();
        for (Scope scope : Scope.values()) {
            withOwnSeed.add(admitting(scope, raw).inScope(normalized));
        }
        assertEquals(List.of(true, true, true), withOwnSeed, "a URL is in scope of itself as a seed");
    }
}
