package dev.trawl.crawl;

import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Validators;
import dev.trawl.state.Previous;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a page changed since its last fetch, for incremental recrawls. A 304 says no; a page
 * never fetched before is new, so yes; a different status is a change (a page that disappeared
 * is one); otherwise the content hash decides when both fetches have one, else the validators;
 * the same error status as before is no change; else it cannot be told (null).
 */
final class ChangeCheck {
    private ChangeCheck() {
    }

    /** @param result null when no request was made (robots.txt refused it) */
    static Boolean changed(Optional<Previous> previous, FetchResult result, Integer status, Validators validators,
            String contentHash) {
        if (result == null) {
            return previous.isEmpty() ? null : !Objects.equals(previous.get().status(), status);
        }
        if (result instanceof FetchResult.NotModified) {
            return false;
        }
        if (previous.isEmpty()) {
            return true;
        }
        Previous before = previous.get();
        if (!Objects.equals(before.status(), status)) {
            return true;
        }
        if (contentHash != null && before.contentHash() != null) {
            return !contentHash.equals(before.contentHash());
        }
        if (validators.etag() != null && before.etag() != null) {
            return !validators.etag().equals(before.etag());
        }
        if (validators.lastModified() != null && before.lastModified() != null) {
            return !validators.lastModified().equals(before.lastModified());
        }
        if (status != null && (status < 200 || status >= 300)) {
            return false; // the same error as last time: nothing new to see
        }
        return null;
    }

    /**
     * For a link that is only checked, all there is to compare is the answer: it changed when the
     * status did (a link that broke, or was mended), and a link new to the crawl is a change.
     */
    static boolean statusChanged(Optional<Previous> previous, Integer status) {
        return previous.isEmpty() || !Objects.equals(previous.get().status(), status);
    }

    /** SHA-256 of a body, hex: what "the same content" means across runs. */
    static String hash(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
