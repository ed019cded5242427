package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Bad input through the command (issue 5): a seed list of every kind of bad line, each flag with an
 * obviously bad value, each settings-file key with one. Every case ends in a clear line on stderr, naming
 * the line, the flag or the file:line: key, the right exit status, and never a stack trace.
 */
class BadInputCommandTest {
    private static final String SEED = "http://127.0.0.1:1/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    /** Answers every request, as the proxy that all of a crawl's requests go through, so no name is looked up. */
    @StartStop
    private final MockWebServer proxy = new MockWebServer();

    private InputStream stdin = InputStream.nullInputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        return TrawlCommand.commandLine(stdin, out, new PrintStream(errBytes, true, StandardCharsets.UTF_8)).execute(args);
    }

    private List<String> errLines() {
        return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void assertNoStackTrace() {
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
    }

    // ---- seed lists -------------------------------------------------------------------------------

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object part : parts) {
            all.writeBytes(part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return all.toByteArray();
    }

    /** A seed list with every kind of bad line, CRLF line ends and a byte order mark; the lines are numbered on the right. */
    private static final byte[] SEED_LIST = bytes(
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "# seeds for the bad-input test\r\n", //  1
            "http://bücher.example/\r\n",                                                                     //  2
            "  \thttp://[::1]:8080/x \t\r\n",                                                                 //  3
            " \t \r\n",                                                                                       //  4
            "   # indented comment\r\n",                                                                      //  5
            "http://example.com/a b?q=x y\r\n",                                                               //  6
            "ftp://user:secret@x.example/\r\n",                                                               //  7
            new byte[] {0, 1, (byte) 0xFF, (byte) 0xFE, 'h', 't', (byte) 0xC3, 0}, "\r\n",                    //  8
            "\u0000\u0007junk\u001b[31m\r\n",                                                                 //  9
            "http://a_é.example/\r\n",                                                                        // 10
            "http://example.com/" + "x".repeat(70_000) + "\r\n",                                              // 11
            "\u00a0http://example.com/nbsp\r\n",                                                              // 12
            "http://example.com/last");                                                                       // 13

    @ParameterizedTest
    @ValueSource(strings = {"file", "stdin"})
    void everySeedLineIsCrawledOrReportedByItsNumber(String from) throws Exception {
        proxy.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().addHeader("Content-Type", "text/plain").body("ok").build();
            }
        });
        String name;
        if (from.equals("file")) {
            Path seeds = dir.resolve("seeds.txt");
            Files.write(seeds, SEED_LIST);
            name = seeds.toString();
        } else {
            stdin = new ByteArrayInputStream(SEED_LIST);
            name = "-";
        }
        String where = from.equals("file") ? name : "<stdin>";

        int status = run("--proxy=http://" + proxy.getHostName() + ":" + proxy.getPort(), "--ignore-robots", "--delay=0", "-q",
                "-i", name);

        assertEquals(0, status, errBytes.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(
                "trawl: " + where + ":7: not an http(s) URL: \"ftp://***@x.example/\"",
                "trawl: " + where + ":8: not UTF-8 text",
                "trawl: " + where + ":9: not an http(s) URL: \"\\u0000\\u0007junk\\u001b[31m\"",
                "trawl: " + where + ":10: not an http(s) URL: \"http://a_é.example/\"",
                "trawl: " + where + ":11: line longer than 65536 characters",
                "trawl: " + where + ":12: not an http(s) URL: \"\\u00a0http://example.com/nbsp\""), errLines());
        assertNoStackTrace();
        Map<String, JsonNode> records = new HashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            JsonNode record = JSON.readTree(line);
            records.put(record.get("url").asText(), record);
        }
        assertEquals(Set.of("http://xn--bcher-kva.example/", "http://[::1]:8080/x", "http://example.com/a%20b?q=x%20y",
                "http://example.com/last"), records.keySet());
        records.values().forEach(record -> assertEquals(200, record.get("status").asInt(), record::toString));
        // The requests left with the normalized URL: punycode host, percent-encoded spaces.
        Set<String> targets = new TreeSet<>();
        for (int i = proxy.getRequestCount(); i > 0; i--) {
            targets.add(proxy.takeRequest().getTarget());
        }
        assertEquals(new TreeSet<>(records.keySet()), targets);
    }

    // ---- flags ------------------------------------------------------------------------------------

    /** Each option with an obviously bad value: the arguments, the exit status, how the first stderr line starts. */
    static Stream<Arguments> badFlags() {
        Path outputInMissingDirectory = dir.resolve("no/such/dir/out.jsonl");
        Path stateInMissingDirectory = dir.resolve("no/such/dir/state.db");
        return Stream.of(
                usage("--input: " + dir.resolve("missing.txt") + ": no such file", "-i", dir.resolve("missing.txt").toString()),
                usage("--input: " + dir + ": is a directory", "--input", dir.toString()),
                Arguments.of(List.of("-o", outputInMissingDirectory.toString(), SEED), 1,
                        "trawl: cannot write output to " + outputInMissingDirectory + ": no such file or directory"),
                usage("--max-depth: expected a whole number or inf, got \"deep\"", "-d", "deep", SEED),
                usage("--max-depth: must be at least 0, got -1", "--max-depth=-1", SEED),
                usage("--max-pages: expected a whole number or inf, got \"many\"", "-n", "many", SEED),
                usage("--max-pages: must be at least 1, got 0", "--max-pages=0", SEED),
                usage("--concurrency: must be at least 1, got 0", "-c", "0", SEED),
                usage("--concurrency: expected a whole number, got \"\"", "--concurrency=", SEED),
                usage("--per-host: must be at least 1, got 0", "--per-host=0", SEED),
                usage("--delay: expected a duration like 500ms, 10s or 2m, got \"5 parsecs\"", "--delay=5 parsecs", SEED),
                usage("--delay: a duration needs a unit (ms, s, m or h), as in 10s, got \"10\"", "--delay=10", SEED),
                usage("--max-crawl-delay: expected a duration like 500ms, 10s or 2m, got \"forever\"", "--max-crawl-delay=forever", SEED),
                usage("--rate: expected a rate like 10/s, 600/m or 2.5 (per second), got \"fast\"", "--rate=fast", SEED),
                usage("--rate: must be more than 0, got 0/s", "--rate=0", SEED),
                usage("--timeout: must be more than 0, got 0", "-t", "0", SEED),
                usage("--timeout: must not be negative, got \"-5s\"", "--timeout=-5s", SEED),
                usage("--retries: must be at least 0, got -1", "-r", "-1", SEED),
                usage("--retry-backoff: expected a duration like 500ms, 10s or 2m, got \"1 fortnight\"", "--retry-backoff=1 fortnight", SEED),
                usage("--max-retry-after: expected a duration like 500ms, 10s or 2m, got \"1y\"", "--max-retry-after=1y", SEED),
                usage("--scope: expected host, domain or any, got \"galaxy\"", "--scope=galaxy", SEED),
                usage("--include: not a valid regular expression: Unclosed character class", "--include=[", SEED),
                usage("--exclude: not a valid regular expression: Unclosed group", "--exclude=(", SEED),
                usage("--max-url-length: must be at least 64, got 10", "--max-url-length=10", SEED),
                usage("--max-repeated-segments: must be at least 1, got 0", "--max-repeated-segments=0", SEED),
                usage("--max-pages-per-host: must be at least 1, got 0", "--max-pages-per-host=0", SEED),
                usage("--max-query-variants: must be at least 1, got 0", "--max-query-variants=0", SEED),
                usage("--max-bytes: expected a size like 512KB or 10MB, got \"lots\"", "--max-bytes=lots", SEED),
                usage("--max-bytes: expected a size like 512KB or 10MB, got \"1TB\"", "--max-bytes=1TB", SEED),
                usage("--user-agent: must not be blank", "--user-agent=", SEED),
                usage("--user-agent: must not contain a line break", "--user-agent=bot\r\nX-Evil: 1", SEED),
                usage("--header: expected 'Name: value', got no colon after \"NoColon\"", "-H", "NoColon", SEED),
                usage("--header: cannot set Host:", "--header=Host: other.example", SEED),
                usage("--cookie: must not be blank", "--cookie= ", SEED),
                usage("--cookie: must be printable ASCII, got character U+00FC at position 3", "--cookie=a=ü", SEED),
                usage("--proxy: proxy scheme must be http, socks5 or socks, got \"ftp\"", "--proxy=ftp://proxy.example:1", SEED),
                usage("--proxy: credentials in proxy URLs are not supported yet", "--proxy=http:/user:s3cret@proxy.example:8080", SEED),
                usage("--insecure: expected true or false, got \"maybe\"", "--insecure=maybe", SEED),
                usage("--allow-private: expected true or false, got \"maybe\"", "--allow-private=maybe", SEED),
                usage("--ignore-robots: expected true or false, got \"maybe\"", "--ignore-robots=maybe", SEED),
                usage("--sitemaps: expected true or false, got \"x\"", "--sitemaps=x", SEED),
                usage("--follow-nofollow: expected true or false, got \"x\"", "--follow-nofollow=x", SEED),
                usage("--check-links: expected true or false, got \"x\"", "--check-links=x", SEED),
                usage("--check-fragments: expected true or false, got \"x\"", "--check-fragments=x", SEED),
                usage("--check-fragments: cannot be used with --state yet", "--check-fragments", "--state=x.db", SEED),
                usage("--check-fragments: cannot be used with --state yet", "--check-fragments",
                        "--state=postgresql://db.example/crawl", SEED),
                usage("--frontier-memory: must be at least 1, got 0", "--frontier-memory=0", SEED),
                usage("--state: must not be blank", "--state=", SEED),
                usage("--state: must not be the output file", "--state=" + dir.resolve("same"), "-o", dir.resolve("same").toString(), SEED),
                usage("--warc: must not be the output file " + dir.resolve("same"), "--warc=" + dir.resolve("same"), "-o",
                        dir.resolve("same").toString(), SEED),
                usage("--warc-max-size: needs --warc=FILE", "--warc-max-size=1GB", SEED),
                usage("--warc-max-size: must be at least 1MB, got 1024", "--warc-max-size=1KB", "--warc=x.warc", SEED),
                Arguments.of(List.of("--state=" + stateInMissingDirectory, SEED), 1, "trawl: cannot use " + stateInMissingDirectory + " as state: "),
                usage("--changed-only: expected true or false, got \"x\"", "--changed-only=x", SEED),
                usage("--changed-only: needs --state=FILE", "--changed-only", SEED),
                usage("--recrawl-after: must not be negative, got \"-1h\"", "--recrawl-after=-1h", "--state=x.db", SEED),
                usage("--recrawl-after: needs --state=FILE", "--recrawl-after=1h", SEED),
                usage("--fail-on-error: expected true or false, got \"x\"", "--fail-on-error=x", SEED),
                usage("--worker-timeout: must be at least 1s, got 500ms", "--worker-timeout=500ms", SEED),
                usage("--crawl: must be 1 to 64 letters, digits, '.', '_' or '-', got \"a b\"", "--crawl=a b", SEED),
                usage("--crawl: needs a PostgreSQL --state (a state file holds one crawl)", "--crawl=docs", SEED),
                usage("--state: no password in the URL (it would show in ps and logs): set PGPASSWORD or use ~/.pgpass",
                        "--state=postgresql://u:pw@db.example/crawl", SEED),
                usage("--state: a PostgreSQL URL names one database: postgresql://HOST[:PORT]/DATABASE",
                        "--state=postgresql://db.example", SEED),
                Arguments.of(List.of("--config", dir.resolve("none.properties").toString(), SEED), 1,
                        "trawl: " + dir.resolve("none.properties") + ": no such file"),
                usage("--quiet, --verbose are mutually exclusive", "-q", "-v", SEED),
                usage("--quiet: expected true or false, got \"x\"", "--quiet=x", SEED),
                usage("--verbose: expected true or false, got \"x\"", "--verbose=x", SEED),
                usage("--help: expected true or false, got \"x\"", "--help=x"),
                usage("--version: expected true or false, got \"1\"", "--version=1"),
                usage("Missing required parameter for option '--max-depth' (N|inf)", "-d"),
                usage("Unknown option: '--frobnicate'", "--frobnicate", SEED));
    }

    private static Arguments usage(String message, String... args) {
        return Arguments.of(List.of(args), 2, "trawl: " + message);
    }

    @ParameterizedTest
    @MethodSource("badFlags")
    void aBadFlagIsOneClearLineWithoutAStackTrace(List<String> args, int status, String firstLine) {
        assertEquals(status, run(args.toArray(String[]::new)), errBytes.toString(StandardCharsets.UTF_8));
        List<String> err = errLines();
        assertTrue(err.getFirst().startsWith(firstLine), err.getFirst());
        if (status == 2) {
            assertEquals("Try 'trawl --help' for more information.", err.getLast());
            assertTrue(err.size() <= 3, () -> String.join("\n", err)); // a suggestion may come between
        } else {
            assertEquals(1, err.size(), () -> String.join("\n", err));
        }
        assertFalse(err.getFirst().contains("s3cret"));
        assertNoStackTrace();
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyOptionHasABadFlagCase() {
        Set<String> covered = new TreeSet<>();
        badFlags().forEach(arguments -> {
            @SuppressWarnings("unchecked")
            List<String> args = (List<String>) arguments.get()[0];
            covered.addAll(args);
        });
        List<String> missing = new ArrayList<>();
        for (OptionSpec option : options()) {
            boolean named = Arrays.stream(option.names())
                    .anyMatch(name -> covered.stream().anyMatch(arg -> arg.equals(name) || arg.startsWith(name + "=")));
            if (!named) {
                missing.add(option.longestName());
            }
        }
        assertEquals(List.of(), missing, "options without a bad-value case");
    }

    private static List<OptionSpec> options() {
        return new CommandLine(new TrawlCommand(InputStream.nullInputStream(), new ByteArrayOutputStream(), System.err))
                .getCommandSpec().options();
    }

    // ---- the settings file ------------------------------------------------------------------------

    /** A bad value for each key of the settings file. */
    private static final Map<String, String> BAD_VALUES = Map.ofEntries(
            Map.entry("max-depth", "deep"), Map.entry("max-pages", "0"), Map.entry("concurrency", "many"), Map.entry("per-host", "0"),
            Map.entry("delay", "5 parsecs"), Map.entry("timeout", "0"), Map.entry("retries", "-1"), Map.entry("retry-backoff", "soon"),
            Map.entry("max-retry-after", "1y"), Map.entry("scope", "galaxy"), Map.entry("include", "["), Map.entry("exclude", "("),
            Map.entry("max-bytes", "lots"), Map.entry("user-agent", ""), Map.entry("ignore-robots", "maybe"),
            Map.entry("frontier-memory", "0"), Map.entry("quiet", "maybe"), Map.entry("verbose", "yes"),
            Map.entry("max-crawl-delay", "forever"), Map.entry("rate", "fast"), Map.entry("sitemaps", "1"),
            Map.entry("follow-nofollow", "on"), Map.entry("check-links", "yes"),
            Map.entry("check-fragments", "1"), Map.entry("header", "NoColon"), Map.entry("cookie", "a=ü"),
            Map.entry("proxy", "ftp://proxy.example:1"), Map.entry("insecure", "maybe"), Map.entry("allow-private", "maybe"),
            Map.entry("max-url-length", "10"), Map.entry("max-repeated-segments", "0"), Map.entry("max-pages-per-host", "0"),
            Map.entry("max-query-variants", "0"), Map.entry("state", ""), Map.entry("changed-only", "maybe"),
            Map.entry("recrawl-after", "-1h"), Map.entry("fail-on-error", "maybe"), Map.entry("worker-timeout", "0"),
            Map.entry("crawl", "a/b"));

    static Stream<String> settingKeys() {
        return BAD_VALUES.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("settingKeys")
    void aBadSettingIsOneLineNamingFileLineAndKey(String key) throws IOException {
        Path config = dir.resolve(key + ".properties");
        Files.writeString(config, "# settings\nper-host = 2\n" + key + " = " + BAD_VALUES.get(key) + "\n");
        assertEquals(1, run("--config=" + config, SEED), errBytes.toString(StandardCharsets.UTF_8));
        List<String> err = errLines();
        assertEquals(1, err.size(), () -> String.join("\n", err));
        assertTrue(err.getFirst().startsWith("trawl: " + config + ":3: " + key + ": "), err.getFirst());
        assertTrue(err.getFirst().length() > ("trawl: " + config + ":3: " + key + ": ").length() + 5, err.getFirst());
        assertNoStackTrace();
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everySettingHasABadValueCase() {
        Set<String> keys = new TreeSet<>();
        for (OptionSpec option : options()) {
            String name = option.longestName().substring(2);
            if (!Set.of("input", "output", "warc", "warc-max-size", "config", "help", "version").contains(name)) {
                keys.add(name);
            }
        }
        assertEquals(keys, new TreeSet<>(BAD_VALUES.keySet()));
    }

    static Stream<Arguments> badSettingsFiles() {
        return Stream.of(
                Arguments.of("per-host = 2\nthreads = 4\n", ":2: unknown key \"threads\""),
                Arguments.of("per-host = 2\nper_host = 4\n", ":2: unknown key \"per_host\"; did you mean per-host?"),
                Arguments.of("per-host = 2\n\nper-host = 3\n", ":3: per-host: already set on line 1"),
                Arguments.of("# settings\njust words\n", ":2: expected key = value, got \"just words\""),
                Arguments.of("max-depth = 99999999999\n", ":1: max-depth: number too large, got 99999999999"),
                Arguments.of("quiet = true\nverbose = true\n", ":2: verbose: quiet and verbose cannot both be true"),
                Arguments.of("state = a\u0000b\n", ":1: state: "),
                Arguments.of("state = a.db\ncheck-fragments = true\n", ":2: check-fragments: cannot be used with --state yet"),
                Arguments.of("delay = 1\u00a0s\n", ":1: delay: "));
    }

    @ParameterizedTest
    @MethodSource("badSettingsFiles")
    void aBrokenSettingsFileIsOneLineNamingFileAndLine(String content, String problem) throws IOException {
        Path config = dir.resolve("broken.properties");
        Files.writeString(config, content);
        assertEquals(1, run("--config=" + config, SEED), errBytes.toString(StandardCharsets.UTF_8));
        assertEquals(1, errLines().size(), errBytes.toString(StandardCharsets.UTF_8));
        assertTrue(errLines().getFirst().startsWith("trawl: " + config + problem), errLines().getFirst());
        assertNoStackTrace();
    }

    @Test
    void aSettingsFileThatIsNotUtf8IsOneLine() throws IOException {
        Path config = dir.resolve("latin1.properties");
        Files.write(config, "user-agent = b\u00e9bot\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(1, run("--config=" + config, SEED));
        assertEquals(List.of("trawl: " + config + ": not UTF-8 text"), errLines());
        assertNoStackTrace();
    }
}
