package dev.trawl.frontier;

/**
 * A 64-bit fingerprint of a normalized URL: the seen set stores these instead of the strings, so
 * remembering a URL costs a few bytes whatever its length. Two URLs share a fingerprint with
 * probability about n²/2⁶⁵ (under one in a million for ten million URLs); the crawl would then skip
 * the second, a trade every large crawler makes.
 */
public final class UrlFingerprint {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private UrlFingerprint() {
    }

    public static long of(String url) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < url.length(); i++) {
            hash ^= url.charAt(i);
            hash *= FNV_PRIME;
        }
        // FNV's low bits mix poorly; the finalizer spreads every input bit over the word.
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
