package dev.trawl.sitemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SitemapLimitsTest {

    @Test
    void defaultsAreTheProtocolLimits() {
        assertEquals(new SitemapLimits(50_000, 52_428_800L, 1_000, 1_000_000, 2), SitemapLimits.defaults());
    }

    @Test
    void rejectsLimitsBelowTheMinimumNamingThem() {
        assertEquals("maxUrlsPerFile must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new SitemapLimits(0, 1, 1, 1, 0)).getMessage());
        assertEquals("maxBytesPerFile must be at least 1, got -5", assertThrows(IllegalArgumentException.class,
                () -> new SitemapLimits(1, -5, 1, 1, 0)).getMessage());
        assertEquals("maxFilesPerHost must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new SitemapLimits(1, 1, 0, 1, 0)).getMessage());
        assertEquals("maxUrlsPerHost must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new SitemapLimits(1, 1, 1, 0, 0)).getMessage());
        assertEquals("maxIndexDepth must be at least 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> new SitemapLimits(1, 1, 1, 1, -1)).getMessage());
    }
}
