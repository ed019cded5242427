package dev.trawl.config;

import dev.trawl.config.CrawlConfigBuilder.Sourced;
import dev.trawl.config.CrawlConfigBuilder.SourcedHeader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A defaults file in the style of {@code config/trawl.properties}: one {@code key = value} a line
 * ({@code key: value} and {@code key=value} too; the first {@code =} or {@code :} separates),
 * UTF-8, lines starting with {@code #} or {@code !} are comments, blank lines are skipped. Keys
 * are the long option names without dashes. Values are taken literally after trimming: unlike Java
 * properties files there are no backslash escapes and no line continuations, so a regex is written
 * exactly as on the command line, and a {@code #} inside a value is part of it.
 *
 * <p>{@code include}, {@code exclude} and {@code header} may repeat, each line adding a pattern or
 * a header ({@code header = Accept-Language: en}); any other key may appear once. An empty value
 * means unlimited for {@code max-pages} and {@code max-pages-per-host}, no ceiling for
 * {@code rate}, and refetch everything for {@code recrawl-after}; any other key needs a value.
 */
public final class ConfigFile {
    static final Set<String> KEYS = Set.of("max-depth", "max-pages", "concurrency", "per-host", "delay",
            "timeout", "retries", "retry-backoff", "max-retry-after", "scope", "include", "exclude",
            "max-bytes", "user-agent", "ignore-robots", "frontier-memory", "quiet", "verbose", "max-crawl-delay",
            "rate", "sitemaps", "follow-nofollow", "header", "cookie", "proxy", "insecure", "allow-private", "max-url-length",
            "max-repeated-segments", "max-pages-per-host", "max-query-variants", "state", "changed-only",
            "recrawl-after", "fail-on-error");
    private static final Set<String> REPEATABLE = Set.of("include", "exclude", "header");

    /** One setting line. */
    record Entry(String key, String value, int line, Origin origin) {
    }

    private final List<Entry> entries;

    private ConfigFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads and checks the syntax and keys; values are checked by {@link #applyTo}. */
    public static ConfigFile read(Path file) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(Origin.file(file), "no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigException(Origin.file(file), "permission denied");
        } catch (CharacterCodingException e) {
            throw new ConfigException(Origin.file(file), "not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(Origin.file(file), "cannot read: " + (Files.isDirectory(file) ? "is a directory" : e.getMessage()));
        }
        return parse(file, lines);
    }

    static ConfigFile parse(Path file, List<String> lines) throws ConfigException {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = (i == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(i)).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int separator = indexOfSeparator(line);
            if (separator < 0) {
                throw new ConfigException(new Origin(file + ":" + number, false),
                        "expected key = value, got " + DurationFormat.quote(line));
            }
            String key = line.substring(0, separator).strip();
            Origin origin = Origin.fileLine(file, number, key);
            if (!KEYS.contains(key)) {
                throw new ConfigException(new Origin(file + ":" + number, false), unknownKey(key));
            }
            Integer earlier = seen.putIfAbsent(key, number);
            if (earlier != null && !REPEATABLE.contains(key)) {
                throw new ConfigException(origin, "already set on line " + earlier);
            }
            entries.add(new Entry(key, line.substring(separator + 1).strip(), number, origin));
        }
        return new ConfigFile(entries);
    }

    /** Puts this file's settings into the builder, converting each value; syntax errors name the line. */
    public void applyTo(CrawlConfigBuilder builder) throws ConfigException {
        List<Sourced> include = new ArrayList<>();
        List<Sourced> exclude = new ArrayList<>();
        List<SourcedHeader> headers = new ArrayList<>();
        Entry quiet = null;
        Entry verbose = null;
        for (Entry e : entries) {
            Origin o = e.origin();
            switch (e.key()) {
                case "max-depth" -> builder.maxDepth(integer(e), o);
                case "max-pages" -> builder.maxPages(limit(e), o);
                case "concurrency" -> builder.concurrency(integer(e), o);
                case "per-host" -> builder.perHost(integer(e), o);
                case "delay" -> builder.delay(convert(e, DurationFormat::parse), o);
                case "timeout" -> builder.timeout(convert(e, DurationFormat::parse), o);
                case "retries" -> builder.retries(integer(e), o);
                case "retry-backoff" -> builder.retryBackoff(convert(e, DurationFormat::parse), o);
                case "max-retry-after" -> builder.maxRetryAfter(convert(e, DurationFormat::parse), o);
                case "scope" -> builder.scope(convert(e, ScopeFormat::parse), o);
                case "include" -> include.add(new Sourced(required(e), o));
                case "exclude" -> exclude.add(new Sourced(required(e), o));
                case "max-bytes" -> builder.maxBytes(convert(e, SizeFormat::parse), o);
                case "user-agent" -> builder.userAgent(required(e), o);
                case "ignore-robots" -> builder.ignoreRobots(bool(e), o);
                case "frontier-memory" -> builder.frontierMemory(integer(e), o);
                case "quiet" -> quiet = bool(e) ? e : quiet;
                case "verbose" -> verbose = bool(e) ? e : verbose;
                case "max-crawl-delay" -> builder.maxCrawlDelay(convert(e, DurationFormat::parse), o);
                case "rate" -> builder.rate(e.value().isEmpty() ? OptionalDouble.empty()
                        : OptionalDouble.of(convert(e, RateFormat::parse)), o);
                case "sitemaps" -> builder.sitemaps(bool(e), o);
                case "follow-nofollow" -> builder.followNofollow(bool(e), o);
                case "header" -> headers.add(new SourcedHeader(convert(e, HeaderFormat::parse), o));
                case "cookie" -> builder.cookie(Optional.of(required(e)), o);
                case "proxy" -> builder.proxy(Optional.of(convert(e, ProxyFormat::parse)), o);
                case "insecure" -> builder.insecure(bool(e), o);
                case "allow-private" -> builder.allowPrivate(bool(e), o);
                case "max-url-length" -> builder.maxUrlLength(integer(e), o);
                case "max-repeated-segments" -> builder.maxRepeatedSegments(integer(e), o);
                case "max-pages-per-host" -> builder.maxPagesPerHost(limit(e), o);
                case "max-query-variants" -> builder.maxQueryVariants(integer(e), o);
                case "state" -> builder.state(convert(e, Path::of), o);
                case "changed-only" -> builder.changedOnly(bool(e), o);
                case "recrawl-after" -> builder.recrawlAfter(e.value().isEmpty() ? Optional.empty()
                        : Optional.of(convert(e, DurationFormat::parse)), o);
                case "fail-on-error" -> builder.failOnError(bool(e), o);
                default -> throw new IllegalStateException("key in KEYS without a case: " + e.key());
            }
        }
        if (!include.isEmpty()) {
            builder.include(include);
        }
        if (!exclude.isEmpty()) {
            builder.exclude(exclude);
        }
        if (!headers.isEmpty()) {
            builder.headers(headers);
        }
        if (quiet != null && verbose != null) {
            Entry later = quiet.line() > verbose.line() ? quiet : verbose;
            throw new ConfigException(later.origin(), "quiet and verbose cannot both be true");
        }
        // "false" leaves the default (normal) in place, so the order of the two keys does not matter.
        if (quiet != null) {
            builder.verbosity(Verbosity.QUIET, quiet.origin());
        } else if (verbose != null) {
            builder.verbosity(Verbosity.VERBOSE, verbose.origin());
        }
    }

    List<Entry> entries() {
        return entries;
    }

    private static int indexOfSeparator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }

    private static String unknownKey(String key) {
        String message = "unknown key " + DurationFormat.quote(key);
        String guess = key.replaceFirst("^-+", "").replace('_', '-').toLowerCase(Locale.ROOT);
        return KEYS.contains(guess) ? message + "; did you mean " + guess + "?"
                : message + " (keys are the long option names without dashes, e.g. per-host)";
    }

    private interface Conversion<T> {
        T apply(String text);
    }

    private static <T> T convert(Entry e, Conversion<T> conversion) throws ConfigException {
        try {
            return conversion.apply(required(e));
        } catch (IllegalArgumentException bad) {
            throw new ConfigException(e.origin(), bad.getMessage());
        }
    }

    private static String required(Entry e) throws ConfigException {
        if (e.value().isEmpty()) {
            throw new ConfigException(e.origin(), "missing value");
        }
        return e.value();
    }

    private static long whole(Entry e) throws ConfigException {
        try {
            return Long.parseLong(required(e));
        } catch (NumberFormatException bad) {
            throw new ConfigException(e.origin(), "expected a whole number, got " + DurationFormat.quote(e.value()));
        }
    }

    /** A count where an empty value means no limit. */
    private static OptionalLong limit(Entry e) throws ConfigException {
        return e.value().isEmpty() ? OptionalLong.empty() : OptionalLong.of(whole(e));
    }

    private static int integer(Entry e) throws ConfigException {
        long value = whole(e);
        if (value != (int) value) {
            throw new ConfigException(e.origin(), "number too large, got " + value);
        }
        return (int) value;
    }

    private static boolean bool(Entry e) throws ConfigException {
        return switch (required(e).toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(e.origin(), "expected true or false, got " + DurationFormat.quote(e.value()));
        };
    }
}
