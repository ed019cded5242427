package dev.trawl.cli;

import dev.trawl.config.RequestOptions;
import dev.trawl.config.RequestOptions.Header;
import dev.trawl.config.RequestOptions.ProxySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The requests themselves: how many at once, how long each may take, retries, and what they carry. */
final class FetchOptions {
    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "32",
            converter = CountConverter.Connections.class,
            description = "Requests in flight, all hosts together. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.Timeout.class,
            description = "Deadline of one attempt: connect, headers and whole body. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = {"-r", "--retries"}, paramLabel = "N", defaultValue = "2", converter = CountConverter.Retries.class,
            description = "Extra attempts after a transient failure (a timeout, a dropped connection, a 503). "
                    + "Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(names = "--retry-backoff", paramLabel = "DURATION", defaultValue = "1s",
            converter = DurationConverter.Wait.class,
            description = "Base of the exponential backoff between attempts, with full jitter. Default: ${DEFAULT-VALUE}.")
    Duration retryBackoff;

    @Option(names = "--max-retry-after", paramLabel = "DURATION", defaultValue = "2m",
            converter = DurationConverter.RetryAfter.class,
            description = "Longest Retry-After honoured (for the whole host); a longer one fails the page. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration maxRetryAfter;

    @Option(names = "--user-agent", paramLabel = "STRING", defaultValue = "trawl/${bundle:build.version}",
            converter = TextConverter.class,
            description = "The User-Agent header; its first word is the name robots.txt rules are matched against. "
                    + "Default: ${DEFAULT-VALUE}.")
    String userAgent;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", converter = HeaderConverter.class, split = "\n",
            splitSynopsisLabel = "",
            description = "Extra request header, sent to every host (repeatable; replaces the settings file's). Host, "
                    + "Content-Length, Transfer-Encoding and Connection are trawl's own to set. Default: none.")
    List<Header> headers = new ArrayList<>();

    @Option(names = "--cookie", paramLabel = "'a=1; b=2'", converter = TextConverter.class,
            description = "Cookie header, sent to the seeds' hosts only, so it never leaks to other sites. Default: none.")
    Optional<String> cookie = Optional.empty();

    @Option(names = "--proxy", paramLabel = "URL", converter = ProxyConverter.class,
            description = "Send every request through this proxy: http://host:port, or socks5://host:port (or "
                    + "socks://). The port is required; credentials in the URL are not supported yet. Default: none.")
    Optional<ProxySpec> proxy = Optional.empty();

    @Option(names = "--insecure", converter = SwitchConverter.class,
            description = "Accept any TLS certificate (self-signed, expired, another host's). Default: off, so a bad "
                    + "certificate is error tls; use it only for servers you trust, such as your own test server.")
    boolean insecure;

    /** The request options; whether private addresses may be fetched is a safety limit, given by the caller. */
    RequestOptions request(boolean allowPrivate) {
        return new RequestOptions(headers, cookie, proxy, insecure, allowPrivate);
    }
}
