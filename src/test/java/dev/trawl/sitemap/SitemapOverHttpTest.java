package dev.trawl.sitemap;

import static dev.trawl.sitemap.FakeSitemaps.index;
import static dev.trawl.sitemap.FakeSitemaps.urlset;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSink;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real bytes over a real socket, through a minimal OkHttp source like the engine's. */
@Timeout(20)
class SitemapOverHttpTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient client = new OkHttpClient();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private final SitemapSource overHttp = url -> {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return new SitemapFetch.Body(response.code(), response.body().bytes());
        } catch (IOException e) {
            return new SitemapFetch.Failed(e.toString());
        }
    };

    @AfterEach
    void closeClient() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static Buffer gzip(String text) throws IOException {
        Buffer compressed = new Buffer();
        try (BufferedSink sink = Okio.buffer(new GzipSink(compressed))) {
            sink.writeUtf8(text);
        }
        return compressed;
    }

    @Test
    void readsAnIndexOfGzipFileAndGzipEncodedSitemaps() throws IOException, InterruptedException {
        HttpUrl base = server.url("/");
        String file = base.resolve("/posts.xml.gz").toString();
        String encoded = base.resolve("/pages.xml").toString();
        Buffer gzipFile = gzip(urlset(base.resolve("/post/1").toString()));
        Buffer gzipEncoded = gzip(urlset(base.resolve("/about").toString()));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return switch (request.getUrl().encodedPath()) {
                    case "/sitemap.xml" -> new MockResponse.Builder().addHeader("Content-Type", "application/xml")
                            .body(index(file, encoded)).build();
                    // A .gz file as bytes: the client leaves it compressed.
                    case "/posts.xml.gz" -> new MockResponse.Builder().addHeader("Content-Type", "application/x-gzip")
                            .body(gzipFile.clone()).build();
                    // Content-Encoding: the client decompresses it before the reader sees it.
                    case "/pages.xml" -> new MockResponse.Builder().addHeader("Content-Type", "application/xml")
                            .addHeader("Content-Encoding", "gzip").body(gzipEncoded.clone()).build();
                    default -> new MockResponse.Builder().code(404).body("not found").build();
                };
            }
        });

        List<SitemapEntry> entries = new SitemapReader(overHttp, SitemapLimits.defaults(), warnings::add).read(base, List.of());

        assertEquals(List.of(new SitemapEntry(base.resolve("/post/1").toString(), null, file),
                new SitemapEntry(base.resolve("/about").toString(), null, encoded)), entries);
        assertEquals(List.of(), warnings);
        assertEquals(3, server.getRequestCount());
    }
}
