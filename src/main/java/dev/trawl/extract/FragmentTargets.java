package dev.trawl.extract;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a URL's {@code #fragment} can point at on one page, for {@code --check-fragments}: the value of
 * every {@code id} attribute, on any element, and the {@code name} of every {@code <a>}, the elements
 * HTML looks for to find "the indicated part of the document".
 *
 * <p>Kept as sorted 64-bit hashes, not strings: a crawl keeps these for every page it parsed, until
 * it ends, so a page costs 8 bytes an id whatever the ids' length. Two values share a hash with
 * probability about n²/2⁶⁵, and a shared hash can only make a missing fragment look present.
 */
public final class FragmentTargets {
    /** A page with nothing a fragment can point at. */
    public static final FragmentTargets NONE = new FragmentTargets(new long[0]);

    private final long[] hashes;

    private FragmentTargets(long[] hashes) {
        this.hashes = hashes;
    }

    /** The targets whose hashes are {@code hashes[0..count)}, in any order, repeats included; the array is sorted in place. */
    static FragmentTargets of(long[] hashes, int count) {
        if (count == 0) {
            return NONE;
        }
        Arrays.sort(hashes, 0, count);
        int distinct = 1;
        for (int i = 1; i < count; i++) {
            if (hashes[i] != hashes[distinct - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        return new FragmentTargets(Arrays.copyOf(hashes, distinct));
    }

    /**
     * Whether a link's fragment, as written after its '#' (not empty), indicates a part of this page
     * as HTML finds one: an id, else an {@code <a name>}, equal to the fragment as the URL parser keeps
     * it (percent-encoded), else to the fragment percent-decoded as UTF-8; failing both, {@code top}
     * in any case names the top of the page.
     */
    public boolean indicates(String fragment) {
        if (contains(encoded(fragment))) {
            return true;
        }
        String decoded = decoded(fragment);
        return contains(decoded) || decoded.equalsIgnoreCase("top");
    }

    /** How many distinct targets the page has. */
    public int size() {
        return hashes.length;
    }

    private boolean contains(String value) {
        return Arrays.binarySearch(hashes, hash(value)) >= 0;
    }

    /** The hash a target is kept as: a multiplicative hash over the chars, then splitmix64's finalizer to spread every bit. */
    static long hash(String value) {
        long hash = 0;
        for (int i = 0; i < value.length(); i++) {
            hash = (hash + value.charAt(i) + 1) * 0x9e3779b97f4a7c15L;
        }
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }

    /**
     * The fragment as the URL parser keeps it: UTF-8 percent-encoded where it is a control, a space,
     * {@code " < > `} or beyond ASCII (the fragment percent-encode set); '%' stays as written.
     */
    private static String encoded(String fragment) {
        StringBuilder out = null;
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            boolean encode = c <= ' ' || c > '~' || c == '"' || c == '<' || c == '>' || c == '`';
            if (encode && out == null) {
                out = new StringBuilder(fragment.length() + 16).append(fragment, 0, i);
            }
            if (!encode) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < fragment.length()
                    && Character.isLowSurrogate(fragment.charAt(i + 1)) ? i + 2 : i + 1;
            for (byte b : fragment.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
            i = end - 1;
        }
        return out == null ? fragment : out.toString();
    }

    /** The fragment's UTF-8 bytes with each {@code %XX} made the byte it names, read back as UTF-8 (bad bytes become U+FFFD). */
    private static String decoded(String fragment) {
        if (fragment.indexOf('%') < 0) {
            return fragment;
        }
        byte[] bytes = fragment.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int high = i + 2 < bytes.length && bytes[i] == '%' ? Character.digit(bytes[i + 1], 16) : -1;
            int low = high < 0 ? -1 : Character.digit(bytes[i + 2], 16);
            if (low < 0) {
                out.write(bytes[i]);
            } else {
                out.write(high << 4 | low);
                i += 2;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FragmentTargets targets && Arrays.equals(hashes, targets.hashes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hashes);
    }

    @Override
    public String toString() {
        return "FragmentTargets[" + hashes.length + "]";
    }
}
