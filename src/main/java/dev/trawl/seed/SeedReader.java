package dev.trawl.seed;

import dev.trawl.url.UrlNormalizer;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The seed URLs of a crawl: the URL arguments first, then the lines of the {@code -i} file (or
 * stdin for {@code -}), read lazily one at a time so a list of millions is never held in memory.
 *
 * <p>In the file, blank lines and lines whose first non-space character is {@code #} are skipped;
 * lines may end in LF or CRLF, a UTF-8 byte order mark is ignored, and surrounding spaces are
 * stripped. A line with bytes that are not UTF-8 is reported and skipped rather than crawled with
 * replacement characters (a Latin-1 file would otherwise yield mangled URLs). A line that is
 * not an absolute http(s) URL is reported as one stderr line naming where it was
 * ({@code trawl: seeds.txt:7: not an http(s) URL: "ftp://x"}) and skipped. The message never
 * shows credentials ({@code user:pass@} becomes {@code ***@}) and is cut to 200 characters.
 *
 * <p>If reading the file fails part way, the failure is reported on stderr, the seeds end there,
 * and {@link #readFailure()} says so, so the caller can exit non-zero. Not thread-safe: one
 * consumer pulls the seeds.
 */
public final class SeedReader implements Iterator<HttpUrl>, Closeable {
    static final int MAX_LINE = 64 * 1024;
    static final int MAX_SHOWN = 200;
    private static final Pattern USERINFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*:[/\\\\]+)?[^/\\\\?#\\s]*@");

    private final List<String> arguments;
    private final String inputName;
    private final LineReader lines;
    private final PrintStream err;

    private int argumentIndex;
    private int lineNumber;
    private HttpUrl next;
    private boolean closed;
    private long accepted;
    private long rejected;
    private String readFailure;

    private SeedReader(List<String> arguments, String inputName, LineReader lines, PrintStream err) {
        this.arguments = List.copyOf(arguments);
        this.inputName = inputName;
        this.lines = lines;
        this.err = err;
    }

    /**
     * @param arguments the URL arguments, in order
     * @param input     the {@code -i} value: a file name, {@code -} for stdin, or empty for none
     * @param stdin     read when input is {@code -}; not closed by {@link #close()}
     * @param err       where rejected seeds are reported
     * @throws SeedException when the input file cannot be opened
     */
    public static SeedReader open(List<String> arguments, Optional<String> input, InputStream stdin, PrintStream err)
            throws SeedException {
        if (input.isEmpty()) {
            return new SeedReader(arguments, null, null, err);
        }
        String name = input.get();
        if (name.equals("-")) {
            return new SeedReader(arguments, "<stdin>", utf8Lines(new FilterInputStream(stdin) {
                @Override
                public void close() {
                    // stdin belongs to the process, not to us
                }
            }), err);
        }
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            throw new SeedException(name + ": is a directory", null);
        }
        try {
            return new SeedReader(arguments, name, utf8Lines(Files.newInputStream(path)), err);
        } catch (NoSuchFileException e) {
            throw new SeedException(name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new SeedException(name + ": permission denied", e);
        } catch (IOException e) {
            throw new SeedException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static LineReader utf8Lines(InputStream in) {
        return new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE);
    }

    @Override
    public boolean hasNext() {
        while (next == null && !closed) {
            if (argumentIndex < arguments.size()) {
                String argument = arguments.get(argumentIndex++);
                next = accept(argument, "argument " + argumentIndex);
            } else if (!readLine()) {
                closed = true;
                closeQuietly();
            }
        }
        return next != null;
    }

    @Override
    public HttpUrl next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        HttpUrl url = next;
        next = null;
        return url;
    }

    /** Seeds handed out or waiting in {@link #hasNext()} so far. */
    public long accepted() {
        return accepted;
    }

    /** Arguments and lines reported as invalid so far. */
    public long rejected() {
        return rejected;
    }

    /** Set when reading the input failed part way; the seeds ended there. */
    public Optional<String> readFailure() {
        return Optional.ofNullable(readFailure);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        next = null;
        if (lines != null) {
            lines.close();
        }
    }

    /** Reads lines until one gives a seed (stored in next); false at the end of input. */
    private boolean readLine() {
        if (lines == null) {
            return false;
        }
        try {
            String line = lines.readLine();
            if (line == null) {
                return false;
            }
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String where = inputName + ":" + lineNumber;
            if (lines.truncated()) {
                reject(where, "line longer than " + MAX_LINE + " characters");
                return true;
            }
            String text = line.strip();
            if (text.indexOf('\uFFFD') >= 0) {
                reject(where, "not UTF-8 text");
            } else if (!text.isEmpty() && !text.startsWith("#")) {
                next = accept(text, where);
            }
            return true;
        } catch (ClosedByInterruptException e) {
            // The crawl is stopping (a signal while seeds were still coming): no more seeds, nothing to report.
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException e) {
            readFailure = inputName + ":" + (lineNumber + 1) + ": read failed: " + e.getMessage();
            err.println("trawl: " + readFailure);
            return false;
        }
    }

    private HttpUrl accept(String text, String where) {
        Optional<HttpUrl> url = UrlNormalizer.parse(text);
        if (url.isEmpty()) {
            reject(where, "not an http(s) URL: " + shown(text));
            return null;
        }
        accepted++;
        return url.get();
    }

    private void reject(String where, String problem) {
        rejected++;
        err.println("trawl: " + where + ": " + problem);
    }

    /** The text quoted for a message: credentials hidden, invisible characters escaped, cut to 200 characters. */
    static String shown(String text) {
        // Everything between the scheme's slashes and the last '@' of the authority is user:password.
        String hidden = USERINFO.matcher(text).replaceFirst(
                m -> Matcher.quoteReplacement((m.group(1) == null ? "" : m.group(1)) + "***@"));
        StringBuilder out = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < hidden.length() && shown < MAX_SHOWN; i++, shown++) {
            char c = hidden.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (isInvisible(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (hidden.length() > MAX_SHOWN) {
            out.append("... (").append(hidden.length()).append(" characters)");
        }
        return out.toString();
    }

    /*
     * Characters a terminal shows as nothing, as a plain space, or not at all, so a message quoting them
     * would hide what is wrong with the line: controls (C0, DEL, C1), spaces other than ' ' (a no-break
     * space looks like one but is not stripped), and format characters (a byte order mark, zero-width
     * spaces, and the bidirectional overrides that would reorder the rest of the line on screen).
     */
    private static boolean isInvisible(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c != ' ' && Character.isSpaceChar(c))
                || Character.getType(c) == Character.FORMAT;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // nothing was lost: the input was fully read
        }
    }
}
