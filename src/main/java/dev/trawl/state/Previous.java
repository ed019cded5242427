package dev.trawl.state;
public record Previous(Integer status, String etag, String lastModified, String contentHash, java.time.Instant fetchedAt, long run) {}
