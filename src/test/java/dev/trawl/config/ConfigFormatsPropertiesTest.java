package dev.trawl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.Fuzzer;
import dev.trawl.Gen;
import dev.trawl.config.RequestOptions.Header;
import dev.trawl.config.RequestOptions.ProxySpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The text formats of settings (issue 5): for any text, each parser returns a value or throws
 * {@link IllegalArgumentException} with a message, nothing else; and what {@code format} writes,
 * {@code parse} reads back as the same value. Settings files of any content: cli.SettingsFilePropertiesTest.
 */
public class ConfigFormatsPropertiesTest {
    /** Text near the formats: numbers of every shape, units, signs, proxies, headers, and junk (settings-file values too). */
    public static final Gen<String> NEAR_VALID = Gen.strings(Gen.oneOf(
            Gen.concat(Gen.elements("", " ", "-", "+", "\t"),
                    Gen.oneOf(Gen.stringsOf("0123456789", 40), Gen.elements("0", "1", "9".repeat(30), "9".repeat(31), "1".repeat(19),
                            "9223372036854775807", "9223372036854775808", "٣", "３", "1e3", "0x10", "NaN", "Infinity", "")),
                    Gen.elements("", "", ".", ".5", ".0", ".", "." + "9".repeat(30), "." + "9".repeat(31), ",5", "..1"),
                    Gen.elements("", " ", "  ", "\t", "\u00a0", "\u2003"),
                    Gen.elements("", "ms", "s", "m", "h", "MS", "S", "d", "us", "ns", "b", "B", "kb", "KiB", "MB", "mib", "GB", "gib", "TB",
                            "/s", "/m", "/h", "/ s", "/S", "/", "/d", "per s", "ı", "K", "ſ", "Ｓ"),
                    Gen.elements("", "", " ", "x", "\u0000", "s")),
            Gen.concat(Gen.elements("http", "socks5", "socks", "HTTP", "https", "socks4", "", "h"), Gen.elements("://", ":/", "", ":///"),
                    Gen.elements("", "u:p@", "@", "proxy.example", "127.0.0.1", "[::1]", "[::1", "::1", "[zz]", "ü.example", "a_b", "-a.",
                            "proxy.example:8080@x"),
                    Gen.elements("", ":", ":0", ":1", ":8080", ":65535", ":65536", ":99999", ":123456", ":-1", ":٣", ":8080x"),
                    Gen.elements("", "/", "//", "/x", "?", "#", "/?a", " ", "\n")),
            Gen.concat(Gen.elements("", "X-A", "Accept-Language", "Host", "host", "Bad Name", "ü", ":", "a:b", "\t"),
                    Gen.elements(":", ": ", " :", "", "::"), Gen.anyString(20)),
            Gen.anyString(40)));

    private static final Gen<String> ANY = Gen.oneOf(NEAR_VALID, NEAR_VALID, Gen.strings(random -> null));

    private static final List<Function<String, ?>> PARSERS = List.of(DurationFormat::parse, SizeFormat::parse, RateFormat::parse,
            HeaderFormat::parse, ProxyFormat::parse, ScopeFormat::parse);

    @Test
    void parsersThrowOnlyIllegalArgumentWithAMessage() {
        Fuzzer.forAll(1000, ANY, text -> {
            for (Function<String, ?> parser : PARSERS) {
                try {
                    parser.apply(text);
                } catch (IllegalArgumentException expected) {
                    assertFalse(expected.getMessage() == null || expected.getMessage().isBlank(), "no message");
                }
            }
        });
    }

    @Test
    void parsedHeadersAndProxiesEitherPassTheirCheckOrFailWithIllegalArgument() {
        Fuzzer.forAll(1000, ANY, text -> {
            try {
                HeaderFormat.check(HeaderFormat.parse(text));
            } catch (IllegalArgumentException expected) {
                assertFalse(expected.getMessage().isBlank());
            }
            try {
                ProxySpec proxy = ProxyFormat.parse(text);
                ProxyFormat.check(proxy);
                assertFalse(proxy.host().isBlank());
            } catch (IllegalArgumentException expected) {
                assertFalse(expected.getMessage().isBlank());
            }
        });
    }

    @Test
    void proxyMessagesNeverShowAPassword() {
        Gen<String> withSecret = Gen.strings(Gen.concat(Gen.elements("http://", "socks5://", "", "ftp://", "http:/"),
                Gen.elements("user:s3cret@", "s3cret@", ":s3cret@", "u:s3cret@x@"), Gen.elements("proxy.example", "", "[::1]", "a b"),
                Gen.elements(":8080", "", ":x", ":99999"), Gen.elements("", "/", "/p", "?q")))
                .filter(text -> text.contains("s3cret@"));
        Fuzzer.forAll(500, withSecret, text -> {
            try {
                ProxyFormat.parse(text);
            } catch (IllegalArgumentException expected) {
                assertFalse(expected.getMessage().contains("s3cret"), expected.getMessage());
            }
        });
    }

    @Test
    void headerMessagesNeverShowTheValue() {
        Gen<String> headers = Gen.strings(Gen.concat(Gen.elements("Authorization", "X-Token", "Bad Name", "Host", "", "ü", "a\tb"),
                Gen.elements(":", ": ", " : "), Gen.elements("", " ", "Bearer "), Gen.constant("s3cret"),
                Gen.elements("", "\r\nX: y", "\u0000", "ü", "\t", " "))).filter(text -> text.contains(":") && text.contains("s3cret"));
        Fuzzer.forAll(500, headers, text -> {
            try {
                HeaderFormat.check(HeaderFormat.parse(text));
            } catch (IllegalArgumentException expected) {
                assertFalse(expected.getMessage().contains("s3cret"), expected.getMessage());
            }
        });
    }

    // ---- round trips ----------------------------------------------------------------------------

    private static final Gen<Duration> DURATIONS = random -> switch (random.nextInt(6)) {
        case 0 -> Duration.ofNanos(random.nextLong(0, Long.MAX_VALUE));
        case 1 -> Duration.ofMillis(random.nextLong(0, 1_000_000_000L));
        case 2 -> Duration.ofSeconds(random.nextLong(0, 100_000_000L));
        case 3 -> Duration.ofMinutes(random.nextLong(0, 1_000_000L));
        case 4 -> Duration.ofHours(random.nextLong(0, 2_000_000L));
        default -> Duration.ofNanos(random.nextLong(0, 10_000_000_000L));
    };

    @Test
    void durationsReadBackAsWritten() {
        Fuzzer.forAll(1000, DURATIONS, duration -> assertEquals(duration, DurationFormat.parse(DurationFormat.format(duration))));
    }

    @Test
    void sizesReadBackAsWritten() {
        Gen<Long> sizes = random -> switch (random.nextInt(4)) {
            case 0 -> random.nextLong(0, Long.MAX_VALUE) + (random.nextBoolean() ? 1 : 0);
            case 1 -> random.nextLong(0, 1L << 33) * 1024;
            case 2 -> random.nextLong(0, 10_000);
            default -> random.nextLong(0, 1L << 20) << (10 * random.nextInt(4));
        };
        Fuzzer.forAll(1000, sizes, bytes -> assertEquals(bytes, SizeFormat.parse(SizeFormat.format(bytes))));
    }

    @Test
    void ratesReadBackAsWritten() {
        // The rates parse can produce: at most 30 integer digits.
        Gen<Double> rates = random -> switch (random.nextInt(5)) {
            case 0 -> random.nextDouble(0, 100_000);
            case 1 -> random.nextInt(1, 100_000) / (double) Gen.elements(1, 60, 3600, 7, 1000).next(random);
            case 2 -> Math.scalb(random.nextDouble(), random.nextInt(-1074, 96));
            case 3 -> (double) random.nextInt(0, 1000);
            default -> random.nextDouble();
        };
        Fuzzer.forAll(1000, rates, rate -> assertEquals(rate, RateFormat.parse(RateFormat.format(rate)), RateFormat.format(rate)));
    }

    @Test
    void parsedValuesAreFormattedToTextThatParsesToTheSameValue() {
        Fuzzer.forAll(1000, NEAR_VALID, text -> {
            ifParses(text, DurationFormat::parse, d -> assertEquals(d, DurationFormat.parse(DurationFormat.format(d))));
            ifParses(text, SizeFormat::parse, s -> assertEquals(s, SizeFormat.parse(SizeFormat.format(s))));
            // Up to 1e29: a 30-digit rate can round up to 1e30, whose 31 digits parse refuses. Such a rate is far
            // above the ceiling the settings allow, and is only ever formatted into the message saying so.
            ifParses(text, RateFormat::parse, r -> {
                if (r < 1e29) {
                    assertEquals(r, RateFormat.parse(RateFormat.format(r)));
                }
            });
        });
    }

    private static <T> void ifParses(String text, Function<String, T> parse, Consumer<T> then) {
        T value;
        try {
            value = parse.apply(text);
        } catch (IllegalArgumentException notThisFormat) {
            return;
        }
        then.accept(value);
    }

    private static final String TOKEN_CHARS = "abcxyzABCXYZ0189!#$%&'*+-.^_`|~";

    @Test
    void headersReadBackAsWritten() {
        Gen<Header> headers = random -> new Header(
                Gen.concat(Gen.chars(TOKEN_CHARS), Gen.stringsOf(TOKEN_CHARS, 20)).next(random),
                Gen.oneOf(Gen.constant(""), Gen.concat(Gen.chars("ab:=;\"!~"), Gen.stringsOf(" \tabc:=;,\"'/!~", 30), Gen.chars("az;:/")))
                        .next(random));
        Fuzzer.forAll(1000, headers, header -> {
            assertEquals(header, HeaderFormat.parse(HeaderFormat.format(header)));
            if (!List.of("host", "content-length", "transfer-encoding", "connection").contains(header.name().toLowerCase(Locale.ROOT))) {
                HeaderFormat.check(header);
            }
        });
    }

    @Test
    void proxiesReadBackAsWritten() {
        Gen<String> hosts = Gen.oneOf(Gen.elements("proxy.example", "PROXY.Example", "127.0.0.1", "localhost", "a-b.c"),
                random -> "[" + Gen.elements("::1", "2001:db8::1", "::ffff:1.2.3.4", "FE80::1").next(random) + "]");
        Gen<String> proxies = Gen.strings(Gen.concat(Gen.elements("http", "HTTP", "socks5", "socks", "SOCKS5"), Gen.constant("://"), hosts,
                Gen.constant(":"), random -> String.valueOf(random.nextInt(1, 65_536)), Gen.elements("", "/", " ")));
        Fuzzer.forAll(1000, proxies, text -> {
            ProxySpec proxy = ProxyFormat.parse(text);
            ProxyFormat.check(proxy);
            String scheme = text.substring(0, text.indexOf(':')).toLowerCase(Locale.ROOT);
            assertEquals(scheme.equals("http") ? ProxySpec.Kind.HTTP : ProxySpec.Kind.SOCKS, proxy.kind());
            String authority = text.strip().substring(text.indexOf("://") + 3).replaceFirst("/$", "");
            String host = authority.substring(0, authority.lastIndexOf(':')).toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
            assertEquals(host, proxy.host());
            assertEquals(Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1)), proxy.port());
        });
    }
}
