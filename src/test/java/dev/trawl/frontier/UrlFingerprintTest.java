package dev.trawl.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class UrlFingerprintTest {

    @Test
    void sameUrlAlwaysHasTheSameFingerprint() {
        String url = "http://example.com/a?b=c";
        long first = UrlFingerprint.of(url);
        assertEquals(first, UrlFingerprint.of(new String(url.toCharArray())));
        assertEquals(first, UrlFingerprint.of("http://example.com/" + "a?b=c"));
        assertEquals(UrlFingerprint.of(""), UrlFingerprint.of(""));
    }

    @Test
    void nearlyEqualUrlsDiffer() {
        assertNotEquals(UrlFingerprint.of("http://example.com/ab"), UrlFingerprint.of("http://example.com/ba"));
        assertNotEquals(UrlFingerprint.of("http://example.com/a"), UrlFingerprint.of("http://example.com/a/"));
        assertNotEquals(UrlFingerprint.of("http://example.com/"), UrlFingerprint.of("https://example.com/"));
        assertNotEquals(UrlFingerprint.of("http://example.com/é"), UrlFingerprint.of("http://example.com/e"));
        assertNotEquals(UrlFingerprint.of(""), UrlFingerprint.of("a"));
    }

    @Test
    void twoHundredThousandDistinctUrlsHaveDistinctFingerprints() {
        Set<Long> fingerprints = new HashSet<>();
        int urls = 0;
        for (int i = 0; i < 100_000; i++) {
            // sequential numbers, and the same URL one character off: the hardest inputs for a weak hash
            fingerprints.add(UrlFingerprint.of("http://host" + (i % 7) + ".example/page/" + i + "?sort=asc"));
            fingerprints.add(UrlFingerprint.of("http://host" + (i % 7) + ".example/page/" + i + "?sort=asd"));
            urls += 2;
        }
        assertEquals(urls, fingerprints.size());
    }

    @Test
    void aOneCharacterChangeFlipsAboutHalfTheBits() {
        Random random = new Random(7);
        long flipped = 0;
        int pairs = 2000;
        for (int i = 0; i < pairs; i++) {
            char[] url = ("http://example.com/" + Long.toString(random.nextLong(), 36)).toCharArray();
            long before = UrlFingerprint.of(new String(url));
            int at = 19 + random.nextInt(url.length - 19);
            url[at] = (char) (url[at] ^ (1 << random.nextInt(5)));
            flipped += Long.bitCount(before ^ UrlFingerprint.of(new String(url)));
        }
        double average = (double) flipped / pairs;
        assertTrue(average > 30 && average < 34, "average bits flipped: " + average);
    }

    @Test
    void lowBitsSpreadSequentialUrlsEvenly() {
        // The seen table indexes by the low bits of (key ^ key >>> 32): sequential URLs must not cluster there.
        int buckets = 1 << 12;
        int[] counts = new int[buckets];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            long key = UrlFingerprint.of("http://example.com/item/" + i);
            counts[(int) (key ^ (key >>> 32)) & (buckets - 1)]++;
        }
        double mean = (double) n / buckets;
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int count : counts) {
            max = Math.max(max, count);
            min = Math.min(min, count);
        }
        assertTrue(max < mean * 1.6 && min > mean * 0.4, "bucket counts from " + min + " to " + max + ", mean " + mean);
    }
}
