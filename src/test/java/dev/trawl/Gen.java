package dev.trawl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A generator of test inputs for {@link Fuzzer}: how to make one from a random source, how to make a
 * failing one smaller, and how to show one in a failure message. Only {@link #next} is needed for a
 * lambda. The combinators ({@link #oneOf}, {@link #concat}, {@link #repeat}) only generate; wrapping the
 * result in {@link #strings}, {@link #bytes} or {@link #lists} adds shrinking. Shrinking cuts the raw
 * value, so a shrunk input can leave the generator's domain; a {@link #filter} keeps it inside.
 */
@FunctionalInterface
public interface Gen<T> {

    T next(RandomGenerator random);

    /** Smaller variants of a failing value, the most promising first; none by default. */
    default Stream<T> shrinks(T value) {
        return Stream.empty();
    }

    /** The value as a failure message shows it, ready to paste into a regression test where possible. */
    default String show(T value) {
        return String.valueOf(value);
    }

    // ---- building blocks ------------------------------------------------------------------------

    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    /** One of the values (nulls allowed), chosen uniformly; list one twice to weight it. */
    @SafeVarargs
    static <T> Gen<T> elements(T... values) {
        List<T> list = new ArrayList<>(values.length);
        for (T value : values) {
            list.add(value);
        }
        return random -> list.get(random.nextInt(list.size()));
    }

    /** One of the generators, chosen uniformly; list one twice to weight it. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> list = new ArrayList<>(gens.length);
        for (Gen<? extends T> gen : gens) {
            list.add(gen);
        }
        return random -> list.get(random.nextInt(list.size())).next(random);
    }

    /** The generated strings, one after another. */
    @SafeVarargs
    static Gen<String> concat(Gen<String>... parts) {
        List<Gen<String>> list = new ArrayList<>(parts.length);
        for (Gen<String> part : parts) {
            list.add(part);
        }
        return random -> {
            StringBuilder out = new StringBuilder();
            for (Gen<String> part : list) {
                out.append(part.next(random));
            }
            return out.toString();
        };
    }

    /** From 0 to maxPieces pieces, joined; the count is skewed towards few so short inputs are common. */
    static Gen<String> repeat(Gen<String> piece, int maxPieces, String separator) {
        return random -> {
            int n = skewed(random, maxPieces);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(separator);
                }
                out.append(piece.next(random));
            }
            return out.toString();
        };
    }

    /** Strings of up to maxLength chars of every kind: ASCII, controls, URL syntax, non-ASCII, lone surrogates. */
    static Gen<String> anyString(int maxLength) {
        Gen<String> ch = oneOf(
                chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
                chars(" \t\r\n\f\u000b\u0000\u0001\u001b\u007f\u0085\u00a0\u2028\u3000\ufeff\ufffd"),
                chars(":/?#[]@!$&'()*+,;=%.-_~\\\"<>^`{|}"),
                chars("éüßçñ日本語例えΩЖ\u0301\u200b\u200d\u00ad\u0130\u212a\uff0e\u3002"),
                random -> Character.toString(random.nextInt(0x80, 0x110000)),
                random -> String.valueOf((char) random.nextInt(0xD800, 0xE000)));
        return strings(random -> {
            int n = skewed(random, maxLength);
            StringBuilder out = new StringBuilder(n);
            while (out.length() < n) {
                out.append(ch.next(random));
            }
            return out.toString();
        });
    }

    /** One char of the alphabet, as a string. */
    static Gen<String> chars(String alphabet) {
        int[] points = alphabet.codePoints().toArray();
        return random -> Character.toString(points[random.nextInt(points.length)]);
    }

    /** Up to maxLength chars of the alphabet. */
    static Gen<String> stringsOf(String alphabet, int maxLength) {
        return strings(repeat(chars(alphabet), maxLength, ""));
    }

    /** Random bytes, up to maxLength, often with runs of one byte and ASCII so that structure appears. */
    static Gen<byte[]> anyBytes(int maxLength) {
        return bytes(random -> {
            byte[] bytes = new byte[skewed(random, maxLength)];
            int mode = random.nextInt(3);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = switch (mode) {
                    case 0 -> (byte) random.nextInt(256);
                    case 1 -> (byte) random.nextInt(0x20, 0x7f);
                    default -> (byte) (random.nextInt(8) == 0 ? random.nextInt(256) : random.nextInt(0x20, 0x7f));
                };
            }
            return bytes;
        });
    }

    static <T> Gen<List<T>> lists(Gen<T> element, int min, int max) {
        return new Gen<>() {
            @Override
            public List<T> next(RandomGenerator random) {
                int n = min + skewed(random, max - min);
                List<T> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(element.next(random));
                }
                return list;
            }

            @Override
            public Stream<List<T>> shrinks(List<T> value) {
                Stream<List<T>> shorter = Shrinking.removals(value.size(), min)
                        .map(cut -> {
                            List<T> copy = new ArrayList<>(value.subList(0, cut[0]));
                            copy.addAll(value.subList(cut[1], value.size()));
                            return copy;
                        });
                Stream<List<T>> smallerElements = IntStream.range(0, value.size()).boxed()
                        .flatMap(i -> element.shrinks(value.get(i)).map(smaller -> {
                            List<T> copy = new ArrayList<>(value);
                            copy.set(i, smaller);
                            return copy;
                        }));
                return Stream.concat(shorter, smallerElements);
            }

            @Override
            public String show(List<T> value) {
                return value.stream().map(element::show).toList().toString();
            }
        };
    }

    /** A string generator that shrinks by cutting pieces out and simplifying chars, shown as a Java literal. */
    static Gen<String> strings(Gen<String> gen) {
        return new Gen<>() {
            @Override
            public String next(RandomGenerator random) {
                return gen.next(random);
            }

            @Override
            public Stream<String> shrinks(String value) {
                if (value == null) {
                    return Stream.empty();
                }
                Stream<String> shorter = Shrinking.removals(value.length(), 0)
                        .map(cut -> value.substring(0, cut[0]) + value.substring(cut[1]));
                Stream<String> simpler = IntStream.range(0, value.length())
                        .filter(i -> !Shrinking.isPlain(value.charAt(i)))
                        .mapToObj(i -> value.substring(0, i) + 'a' + value.substring(i + 1));
                return Stream.concat(shorter, simpler);
            }

            @Override
            public String show(String value) {
                return literal(value);
            }
        };
    }

    /** A byte-array generator that shrinks like {@link #strings}, shown as hex. */
    static Gen<byte[]> bytes(Gen<byte[]> gen) {
        return new Gen<>() {
            @Override
            public byte[] next(RandomGenerator random) {
                return gen.next(random);
            }

            @Override
            public Stream<byte[]> shrinks(byte[] value) {
                Stream<byte[]> shorter = Shrinking.removals(value.length, 0).map(cut -> {
                    byte[] out = new byte[value.length - (cut[1] - cut[0])];
                    System.arraycopy(value, 0, out, 0, cut[0]);
                    System.arraycopy(value, cut[1], out, cut[0], value.length - cut[1]);
                    return out;
                });
                Stream<byte[]> simpler = IntStream.range(0, value.length)
                        .filter(i -> !Shrinking.isPlain((char) (value[i] & 0xFF)))
                        .mapToObj(i -> {
                            byte[] out = value.clone();
                            out[i] = 'a';
                            return out;
                        });
                return Stream.concat(shorter, simpler);
            }

            @Override
            public String show(byte[] value) {
                String text = new String(value, StandardCharsets.ISO_8859_1);
                return "hex " + HexFormat.of().formatHex(value) + " = ISO-8859-1 " + Shrinking.javaLiteral(text);
            }
        };
    }

    /** A Java string literal of the text (or null), printable ASCII as is and everything else escaped, to paste into a test. */
    static String literal(String value) {
        return value == null ? "null" : Shrinking.javaLiteral(value);
    }

    /** This generator's values, with its shrinking and showing, as long as they pass the filter. */
    default Gen<T> filter(Predicate<T> keep) {
        Gen<T> self = this;
        return new Gen<>() {
            @Override
            public T next(RandomGenerator random) {
                for (int attempt = 0; attempt < 10_000; attempt++) {
                    T value = self.next(random);
                    if (keep.test(value)) {
                        return value;
                    }
                }
                throw new IllegalStateException("filter rejected 10000 values in a row");
            }

            @Override
            public Stream<T> shrinks(T value) {
                return self.shrinks(value).filter(keep);
            }

            @Override
            public String show(T value) {
                return self.show(value);
            }
        };
    }

    /** A count from 0 to max, small ones far more likely: half the time at most a tenth of max. */
    static int skewed(RandomGenerator random, int max) {
        if (max <= 0) {
            return 0;
        }
        return random.nextBoolean() ? random.nextInt(Math.max(1, max / 10) + 1) : random.nextInt(max + 1);
    }

    /** The helpers of the default methods, kept off the interface's public face. */
    final class Shrinking {
        private Shrinking() {
        }

        /** [from, to) ranges to cut from a sequence of the length, big cuts first, never below minLength. */
        static Stream<int[]> removals(int length, int minLength) {
            List<Integer> sizes = new ArrayList<>();
            for (int size = length - minLength; size >= 1; size = size == 1 ? 0 : Math.max(1, size / 2)) {
                sizes.add(size);
            }
            return sizes.stream().flatMap(size -> IntStream.iterate(0, start -> start + size <= length, start -> start + size)
                    .mapToObj(start -> new int[] {start, start + size}));
        }

        static boolean isPlain(char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/';
        }

        /** A Java string literal: printable ASCII as is, everything else escaped, so it can be pasted into a test. */
        static String javaLiteral(String value) {
            StringBuilder out = new StringBuilder("\"");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c >= 0x20 && c < 0x7f) {
                            out.append(c);
                        } else {
                            out.append(String.format("\\u%04x", (int) c));
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
