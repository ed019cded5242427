package dev.trawl.fetch;

/**
 * A response's validators (RFC 9110 §8.8): sent back as If-None-Match and If-Modified-Since on
 * the next fetch, so an unchanged page costs a 304 instead of its body.
 *
 * @param etag         the ETag header, or null
 * @param lastModified the Last-Modified header, or null
 */
public record Validators(String etag, String lastModified) {
    public static final Validators NONE = new Validators(null, null);

    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
