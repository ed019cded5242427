package dev.trawl.archive;

import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One HTTP request and its response as they went over the wire: the request's headers as sent, the
 * response's as received, and its body before any content decoding (a gzip body stays gzip).
 *
 * @param started   when the request went out
 * @param address   the server's IP address, or null when unknown
 * @param version   "HTTP/1.1" or "HTTP/1.0" (an HTTP/2 exchange is written as HTTP/1.1, as archives do)
 * @param requestTarget the request line's target: path and query
 * @param requestHeaders  name and value pairs, in order
 * @param responseHeaders name and value pairs, in order
 * @param body      the body's bytes as received, at most the archive's limit
 * @param truncated why the body is shorter than the server's, or null when it is whole
 * @param earlier   the URL's capture in an earlier run, or null
 */
public record Exchange(Instant started, URI uri, InetAddress address, String version, String method,
        String requestTarget, List<String[]> requestHeaders, int status, String reason, List<String[]> responseHeaders,
        byte[] body, Truncation truncated, EarlierCapture earlier) {

    /** Why a body was cut, in WARC's words. */
    public enum Truncation { LENGTH, TIME, DISCONNECT }

    public Exchange {
        requestHeaders = List.copyOf(requestHeaders);
        responseHeaders = List.copyOf(responseHeaders);
    }
}
