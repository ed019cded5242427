package dev.trawl.state;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The {@code urls.content} blob: a {@link PageContent} in one compressed value per URL. One format
 * byte, then raw DEFLATE of: title, canonical, description and content type (UTF-8, each a varint
 * of its byte length + 1, 0 for null), the content length + 1 (varint, 0 for null), the robots
 * directives (a count, then each string), the links (a count, then each as the number of leading
 * characters it shares with the link before it and the rest), and the nofollow links (a count,
 * then each as the gap between its index in the links and the previous one's).
 *
 * <p>Why this shape: a page's links mostly share a long prefix with their neighbours
 * ({@code https://host/dir/...}), so front coding removes most of their bytes before DEFLATE
 * starts; what is left compresses to a few hundred bytes for a page of fifty links.
 */
public final class ContentCodec {
    private static final byte FORMAT = 1;

    private ContentCodec() {
    }

    public static byte[] encode(PageContent content) {
        Writer out = new Writer();
        out.string(content.title());
        out.string(content.canonical());
        out.string(content.description());
        out.string(content.contentType());
        out.varint(content.contentLength() == null ? 0 : content.contentLength() + 1);
        out.varint(content.robotsMeta().size());
        content.robotsMeta().forEach(out::string);
        out.varint(content.links().size());
        String previous = "";
        for (String link : content.links()) {
            int shared = sharedPrefix(previous, link);
            out.varint(shared);
            out.string(link.substring(shared));
            previous = link;
        }
        List<Integer> nofollow = new ArrayList<>(content.nofollowLinks().size());
        for (int i = 0; i < content.links().size() && nofollow.size() < content.nofollowLinks().size(); i++) {
            if (content.nofollowLinks().contains(content.links().get(i))) {
                nofollow.add(i);
            }
        }
        out.varint(nofollow.size());
        int last = 0;
        for (int index : nofollow) {
            out.varint(index - last);
            last = index;
        }
        return deflate(out.bytes());
    }

    /** @throws IllegalArgumentException the blob is not one this codec wrote */
    public static PageContent decode(byte[] blob) {
        if (blob.length == 0 || blob[0] != FORMAT) {
            throw new IllegalArgumentException("unknown content format");
        }
        Reader in = new Reader(inflate(blob));
        String title = in.string();
        String canonical = in.string();
        String description = in.string();
        String contentType = in.string();
        long length = in.varint();
        List<String> robots = new ArrayList<>();
        for (long i = in.varint(); i > 0; i--) {
            robots.add(in.string());
        }
        int count = in.count();
        List<String> links = new ArrayList<>(count);
        String previous = "";
        for (int i = 0; i < count; i++) {
            int shared = in.count();
            if (shared > previous.length()) {
                throw new IllegalArgumentException("corrupt content: link prefix");
            }
            previous = previous.substring(0, shared) + in.string();
            links.add(previous);
        }
        Set<String> nofollow = new HashSet<>();
        int index = 0;
        for (long i = in.varint(); i > 0; i--) {
            index += in.count();
            if (index >= links.size()) {
                throw new IllegalArgumentException("corrupt content: nofollow index");
            }
            nofollow.add(links.get(index));
        }
        return new PageContent(title, links, nofollow, canonical, description, robots, contentType,
                length == 0 ? null : length - 1);
    }

    /** Characters {@code b} shares with the start of {@code a}, never splitting a surrogate pair. */
    private static int sharedPrefix(String a, String b) {
        int max = Math.min(a.length(), b.length());
        int shared = 0;
        while (shared < max && a.charAt(shared) == b.charAt(shared)) {
            shared++;
        }
        if (shared > 0 && Character.isHighSurrogate(b.charAt(shared - 1))) {
            shared--;
        }
        return shared;
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] out = new byte[raw.length + raw.length / 16 + 64];
            out[0] = FORMAT;
            int size = 1;
            while (!deflater.finished()) {
                if (size == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                size += deflater.deflate(out, size, out.length - size);
            }
            return Arrays.copyOf(out, size);
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] blob) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(blob, 1, blob.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(blob.length * 4);
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("corrupt content: truncated");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt content: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);

        void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }

        void string(String text) {
            if (text == null) {
                varint(0);
                return;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length + 1L);
            out.writeBytes(bytes);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= bytes.length) {
                    throw new IllegalArgumentException("corrupt content: truncated");
                }
                int b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("corrupt content: varint");
        }

        int count() {
            long value = varint();
            if (value > bytes.length) {
                throw new IllegalArgumentException("corrupt content: count");
            }
            return (int) value;
        }

        String string() {
            long length = varint();
            if (length == 0) {
                return null;
            }
            if (length - 1 > bytes.length - position) {
                throw new IllegalArgumentException("corrupt content: string");
            }
            String text = new String(bytes, position, (int) (length - 1), StandardCharsets.UTF_8);
            position += (int) (length - 1);
            return text;
        }
    }
}
