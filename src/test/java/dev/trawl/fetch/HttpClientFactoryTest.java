package dev.trawl.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.config.RequestOptions;
import dev.trawl.config.RequestOptions.ProxySpec;
import dev.trawl.page.ErrorType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class HttpClientFactoryTest {
    /** Self-signed, and for another name than the server's: only an insecure client accepts it. */
    private static final HeldCertificate SELF_SIGNED = new HeldCertificate.Builder()
            .commonName("self-signed.test").addSubjectAlternativeName("self-signed.test").build();
    private static final HeldCertificate LOCALHOST = new HeldCertificate.Builder()
            .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1").build();

    @StartStop
    private final MockWebServer server = new MockWebServer();
    @StartStop
    private final MockWebServer proxy = new MockWebServer();
    private final MockWebServer tls = new MockWebServer();
    private OkHttpClient client;

    @AfterEach
    void close() {
        tls.close();
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private OkHttpClient client(RequestOptions options) {
        client = HttpClientFactory.create(Duration.ofSeconds(10), 4, options);
        return client;
    }

    private static RequestOptions insecure() {
        return new RequestOptions(List.of(), Optional.empty(), Optional.empty(), true);
    }

    private static RequestOptions proxied(ProxySpec.Kind kind, String host, int port) {
        return new RequestOptions(List.of(), Optional.empty(), Optional.of(new ProxySpec(kind, host, port)), false);
    }

    /** Starts {@link #tls} over TLS with {@code certificate}, offering HTTP/2 and HTTP/1.1 through ALPN. */
    private HttpUrl serveTls(HeldCertificate certificate) throws IOException {
        HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
                .heldCertificate(certificate).build();
        tls.useHttps(serverCertificates.sslSocketFactory());
        tls.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
        tls.enqueue(new MockResponse.Builder().body("secret").build());
        tls.start();
        return tls.url("/");
    }

    private static Response get(OkHttpClient client, HttpUrl url) throws IOException {
        return client.newCall(new Request.Builder().url(url).build()).execute();
    }

    @Test
    void followsNoRedirectsOfItsOwn() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere").build());
        try (Response response = get(client(RequestOptions.none()), server.url("/"))) {
            assertEquals(302, response.code());
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void oneDeadlinePerAttemptDecompressionAndAlpnProtocols() {
        OkHttpClient wide = client(RequestOptions.none());
        assertEquals(Duration.ofSeconds(10).toMillis(), wide.callTimeoutMillis());
        assertTrue(wide.interceptors().stream().anyMatch(Decompression.class::isInstance));
        assertEquals(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1), wide.protocols());
        assertNull(wide.proxy(), "no --proxy: the JVM's proxy settings, else direct");
    }

    @Test
    void selfSignedCertificateFailsWithATlsError() throws Exception {
        HttpUrl url = serveTls(SELF_SIGNED);
        IOException failure = assertThrows(IOException.class, () -> get(client(RequestOptions.none()), url).close());
        assertInstanceOf(SSLException.class, failure);
        assertEquals(ErrorType.TLS, ErrorClassifier.classify(failure).type());
    }

    @Test
    void insecureAcceptsASelfSignedCertificateForAnotherName() throws Exception {
        HttpUrl url = serveTls(SELF_SIGNED);
        try (Response response = get(client(insecure()), url)) {
            assertEquals("secret", response.body().string());
        }
    }

    @Test
    void negotiatesHttp2OverTlsWithATrustedCertificate() throws Exception {
        HttpUrl url = serveTls(LOCALHOST);
        HandshakeCertificates trusting = new HandshakeCertificates.Builder()
                .addTrustedCertificate(LOCALHOST.certificate()).build();
        OkHttpClient trustingClient = client(RequestOptions.none()).newBuilder()
                .sslSocketFactory(trusting.sslSocketFactory(), trusting.trustManager()).build();
        try (Response response = get(trustingClient, url)) {
            assertEquals(Protocol.HTTP_2, response.protocol());
            assertEquals("secret", response.body().string());
        }
    }

    @Test
    void negotiatesHttp2WhenInsecureToo() throws Exception {
        HttpUrl url = serveTls(SELF_SIGNED);
        try (Response response = get(client(insecure()), url)) {
            assertEquals(Protocol.HTTP_2, response.protocol());
        }
    }

    @Test
    void cleartextStaysHttp11() throws Exception {
        server.enqueue(new MockResponse.Builder().body("plain").build());
        try (Response response = get(client(RequestOptions.none()), server.url("/"))) {
            assertEquals(Protocol.HTTP_1_1, response.protocol());
        }
    }

    @Test
    void sendsEveryRequestThroughAnHttpProxy() throws Exception {
        proxy.enqueue(new MockResponse.Builder().body("via proxy").build());
        OkHttpClient proxiedClient = client(proxied(ProxySpec.Kind.HTTP, proxy.getHostName(), proxy.getPort()));
        try (Response response = get(proxiedClient, HttpUrl.get("http://origin.invalid/page?q=1"))) {
            assertEquals("via proxy", response.body().string());
        }
        RecordedRequest request = proxy.takeRequest();
        assertEquals("http://origin.invalid/page?q=1", request.getTarget(), "absolute-form request target");
        assertEquals("origin.invalid", request.getHeaders().get("Host"));
        assertEquals(0, server.getRequestCount());
    }

    /**
     * Found by BadInputCommandTest: the private-address guard also vetted the proxy's own name, so a proxy
     * given by a name on the user's network (localhost, proxy.corp on 10.x) failed every page.
     */
    @Test
    void aCrawlsGuardLetsTheUsersOwnProxyBeOnAPrivateAddress() throws Exception {
        proxy.enqueue(new MockResponse.Builder().body("via proxy").build());
        client = HttpClientFactory.create(Duration.ofSeconds(10), 4, proxied(ProxySpec.Kind.HTTP, "localhost", proxy.getPort()),
                host -> false);
        try (Response response = get(client, HttpUrl.get("http://origin.invalid/page"))) {
            assertEquals("via proxy", response.body().string());
        }
        assertEquals("http://origin.invalid/page", proxy.takeRequest().getTarget());
    }

    @Test
    void withAProxyALinkToAPrivateAddressIsStillRefused() {
        client = HttpClientFactory.create(Duration.ofSeconds(10), 4, proxied(ProxySpec.Kind.HTTP, "localhost", proxy.getPort()),
                host -> false);
        assertThrows(PrivateAddressException.class, () -> get(client, HttpUrl.get("http://127.0.0.1:" + proxy.getPort() + "/")).close());
        assertEquals(0, proxy.getRequestCount());
    }

    @Test
    void socksProxyIsASocksProxyWithTheTargetLeftForItToResolve() {
        OkHttpClient socks = client(proxied(ProxySpec.Kind.SOCKS, "socks.example", 1080));
        Proxy configured = socks.proxy();
        assertEquals(Proxy.Type.SOCKS, configured.type());
        InetSocketAddress address = (InetSocketAddress) configured.address();
        assertEquals("socks.example", address.getHostString());
        assertEquals(1080, address.getPort());
        assertTrue(address.isUnresolved(), "resolved when connecting, not when configured");
    }

    @Test
    void httpProxyIsAnHttpProxy() {
        Proxy configured = client(proxied(ProxySpec.Kind.HTTP, "proxy.example", 3128)).proxy();
        assertEquals(Proxy.Type.HTTP, configured.type());
        assertEquals("proxy.example", ((InetSocketAddress) configured.address()).getHostString());
    }
}
