package dev.trawl.seed;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ending in LF, CRLF or CR, keeping at most {@code maxChars} of each, so one endless
 * line (a binary file given by mistake) cannot exhaust memory. Not thread-safe.
 */
final class LineReader implements Closeable {
    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean truncated;

    LineReader(Reader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, or null at the end of input. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        truncated = false;
        int c = read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n' && c != '\r') {
            if (line.length() < maxChars) {
                line.append((char) c);
            } else {
                truncated = true;
            }
            c = read();
        }
        if (c == '\r' && peek() == '\n') {
            read();
        }
        return line.toString();
    }

    /** Whether the last line read was longer than {@code maxChars} and cut. */
    boolean truncated() {
        return truncated;
    }

    private int read() throws IOException {
        int c = peek();
        if (c >= 0) {
            position++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (position == limit) {
            int n = reader.read(buffer);
            if (n <= 0) {
                return -1;
            }
            position = 0;
            limit = n;
        }
        return buffer[position];
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
