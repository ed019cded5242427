package dev.trawl.crawl;

import dev.trawl.config.CrawlConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Iterator;
import okhttp3.HttpUrl;

/** The engine: owns the fetcher threads, the frontier and the writer for one crawl. (Stub; being written.) */
public final class Crawler {
    private final CrawlConfig config;
    private final OutputStream stdout;
    private final PrintStream stderr;

    public Crawler(CrawlConfig config, OutputStream stdout, PrintStream stderr) {
        this.config = config;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Crawls from the seeds until done, max-pages, a signal, or an output failure. Never throws for page errors. */
    public CrawlOutcome run(Iterator<HttpUrl> seeds) {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** Asks the crawl to stop: no new requests, in-flight ones are cancelled, finished records are flushed. Safe from any thread. */
    public void stop(StopReason reason) {
    }
}
