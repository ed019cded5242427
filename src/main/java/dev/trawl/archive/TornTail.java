package dev.trawl.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Finds where the whole records of a WARC file trawl wrote end, for a file a killed process may
 * have left with a torn last record, and cuts what follows. A gzip file is a gzip member per record:
 * a member whose deflate stream and 8-byte trailer are all there is a whole record. A plain file is
 * records one after the other: the header lines, Content-Length bytes of block, and CRLF CRLF.
 * (jwarc's reader cannot tell: its position after a record is wrong for plain files, and a header
 * cut short reads as the end of the file.)
 */
final class TornTail {
    private static final int CHUNK = 64 * 1024;
    private static final byte[] TRAILER = {'\r', '\n', '\r', '\n'};

    private TornTail() {
    }

    /** Cuts the file after its last whole record; returns the bytes cut. */
    static long cut(Path file, boolean gzip) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = gzip ? gzipEnd(channel) : plainEnd(channel);
            long cut = channel.size() - end;
            if (cut > 0) {
                channel.truncate(end);
                channel.force(true);
            }
            return cut;
        }
    }

    /** The end of the last whole gzip member. Members are as jwarc writes them: a 10-byte header without flags. */
    private static long gzipEnd(FileChannel channel) throws IOException {
        long end = 0;
        Inflater inflater = new Inflater(true);
        ByteBuffer in = ByteBuffer.allocate(CHUNK);
        byte[] out = new byte[CHUNK];
        try {
            while (end < channel.size()) {
                byte[] header = read(channel, end, 10);
                if (header == null || header[0] != 0x1f || header[1] != (byte) 0x8b || header[3] != 0) {
                    return end;
                }
                long next = end + 10;
                inflater.reset();
                while (!inflater.finished()) {
                    if (inflater.needsInput()) {
                        in.clear();
                        int read = channel.read(in, next);
                        if (read <= 0) {
                            return end; // the deflate stream is cut short
                        }
                        next += read;
                        inflater.setInput(in.array(), 0, read);
                    }
                    inflater.inflate(out);
                }
                long memberEnd = next - inflater.getRemaining() + 8; // the CRC and size trailer
                if (memberEnd > channel.size()) {
                    return end;
                }
                end = memberEnd;
            }
            return end;
        } catch (DataFormatException e) {
            return end; // bytes that are not deflate: what a torn write left
        } finally {
            inflater.end();
        }
    }

    /** The end of the last whole plain record. */
    private static long plainEnd(FileChannel channel) throws IOException {
        long end = 0;
        while (end < channel.size()) {
            long blockAt = headEnd(channel, end);
            if (blockAt < 0) {
                return end;
            }
            long length = contentLength(read(channel, end, (int) (blockAt - end)));
            byte[] trailer = length < 0 ? null : read(channel, blockAt + length, TRAILER.length);
            if (trailer == null || !Arrays.equals(trailer, TRAILER)) {
                return end;
            }
            end = blockAt + length + TRAILER.length;
        }
        return end;
    }

    /** Where the header that begins at {@code at} ends (after its blank line), or -1 when it is cut short. */
    private static long headEnd(FileChannel channel, long at) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long position = at;
        int matched = 0;
        while (true) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read <= 0) {
                return -1;
            }
            for (int i = 0; i < read; i++) {
                matched = buffer.get(i) == TRAILER[matched] ? matched + 1 : buffer.get(i) == '\r' ? 1 : 0;
                if (matched == TRAILER.length) {
                    return position + i + 1;
                }
            }
            position += read;
        }
    }

    /** The Content-Length of a record's header, or -1 when it has none. */
    private static long contentLength(byte[] head) {
        for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    return Long.parseLong(line.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** {@code count} bytes at {@code at}, or null when the file ends before them. */
    private static byte[] read(FileChannel channel, long at, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) <= 0) {
                return null;
            }
        }
        return buffer.array();
    }
}
