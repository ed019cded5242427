package dev.trawl.state;
public record FetchFacts(Integer status, String etag, String lastModified, String contentHash, java.time.Instant fetchedAt, String sitemapLastmod) {}
