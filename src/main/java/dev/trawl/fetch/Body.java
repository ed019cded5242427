package dev.trawl.fetch;

/** Bytes of a response body, after decompression; {@code bytes} may be longer than {@code length}. */
public record Body(byte[] bytes, int length) {
}
