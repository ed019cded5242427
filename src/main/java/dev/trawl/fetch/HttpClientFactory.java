package dev.trawl.fetch;

import dev.trawl.config.RequestOptions;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.util.function.Predicate;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * The crawl's HTTP client. Redirects are not followed here (the {@link Fetcher} follows them one
 * hop at a time); one deadline covers each attempt; the pool keeps a connection alive for every
 * request that can be in flight. HTTP/2 is used when a TLS server offers it through ALPN (OkHttp's
 * default protocols, kept as they are); cleartext stays HTTP/1.1. Bodies in br or gzip are decoded
 * by {@link Decompression}. Without {@code --proxy}, OkHttp's default applies: the JVM's proxy
 * system properties ({@code https.proxyHost}, {@code socksProxyHost}), else a direct connection.
 */
public final class HttpClientFactory {
    private HttpClientFactory() {
    }

    /**
     * Starts loading the JDK's TLS machinery (the CA certificates, the providers) on a daemon thread
     * of its own, so that it overlaps the parsing of the command line instead of following it: every
     * client needs it, https crawl or not, and it is a quarter of a second of start-up. Nothing waits
     * for the thread: it only fills the JDK's own caches, and a client built before it is done
     * simply does the rest itself.
     */
    public static void warmUp() {
        Thread.ofPlatform().daemon().name("trawl-tls-warm-up").start(() -> {
            try {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init((KeyStore) null);
                SSLContext.getInstance("TLS").init(null, trust.getTrustManagers(), null);
            } catch (GeneralSecurityException | RuntimeException e) {
                // The client meets the same problem and reports it where it belongs.
            }
        });
    }

    /** A client that may go anywhere, private addresses included (for tests and tools, not crawls). */
    public static OkHttpClient create(Duration timeout, int concurrency, RequestOptions options) {
        return create(timeout, concurrency, options, host -> true);
    }

    /**
     * A crawl's client: private addresses only for hosts {@code trustedHost} accepts (the seeds'),
     * or everywhere with {@link RequestOptions#allowPrivate()}.
     */
    public static OkHttpClient create(Duration timeout, int concurrency, RequestOptions options,
            Predicate<String> trustedHost) {
        AddressGuard guard = new AddressGuard(Dns.SYSTEM, trustedHost, options.allowPrivate());
        // With a proxy, OkHttp asks the DNS only for the proxy's own name (targets go to it unresolved). The
        // user chose that proxy, and it is usually on their own network (localhost, proxy.corp on 10.x), so
        // the DNS side trusts its name; the interceptor still refuses private IP literals in links.
        Dns dns = options.proxy()
                .<Dns>map(spec -> new AddressGuard(Dns.SYSTEM, trustedHost.or(spec.host()::equalsIgnoreCase), options.allowPrivate()))
                .orElse(guard);
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .connectionPool(new ConnectionPool(Math.max(concurrency, 5), 1, TimeUnit.MINUTES))
                .dns(dns)
                .addInterceptor(guard)
                .addInterceptor(new Decompression());
        options.proxy().ifPresent(spec -> builder.proxy(proxy(spec)));
        if (options.insecure()) {
            // Off by default: accepting any certificate lets anyone on the path read and alter the
            // traffic, cookie included. It is for sites the user knows (staging, self-signed intranet).
            TrustEverything trust = new TrustEverything();
            builder.sslSocketFactory(trustingContext(trust).getSocketFactory(), trust)
                    .hostnameVerifier((hostname, session) -> true);
        }
        return builder.build();
    }

    /**
     * The target host is left unresolved: an HTTP proxy is sent the name in the request line, and a
     * SOCKS proxy resolves it itself (SOCKS5 with remote DNS, like curl's {@code socks5h}).
     */
    static Proxy proxy(RequestOptions.ProxySpec spec) {
        Proxy.Type type = switch (spec.kind()) {
            case HTTP -> Proxy.Type.HTTP;
            case SOCKS -> Proxy.Type.SOCKS;
        };
        return new Proxy(type, InetSocketAddress.createUnresolved(spec.host(), spec.port()));
    }

    private static SSLContext trustingContext(TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS", e); // every JDK has TLS
        }
    }

    /**
     * Accepts every certificate chain. Extended, so the JDK does not wrap it in its own checks
     * (host name and algorithm constraints) as it does a plain X509TrustManager.
     */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
