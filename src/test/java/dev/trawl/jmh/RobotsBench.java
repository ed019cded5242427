package dev.trawl.jmh;

import dev.trawl.robots.RobotsRules;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The robots.txt check a page job makes for every URL: {@code RobotsRules.allows(path)}, timed per
 * path over a fixed mix (matching the first rule, a middle one, the last one, near misses, no match,
 * a query, the root). Three files: a typical one of about 40 lines with wildcards, issue 10's 490 KB file of
 * 19,000 literal {@code Disallow} lines, and the same size with one rule in 20 a wildcard. Parsing
 * is timed too, once per file, since a crawl parses each origin's file once.
 * Run: {@code ./mvnw -B -q test-compile exec:exec@jmh -Djmh.args='RobotsBench'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RobotsBench {
    private static final String[] PATHS = {
        "/",
        "/deep/2024/05/report.html",
        "/archive/000000/index.html",
        "/archive/009500/page-2.html",
        "/archive/999999/missing.html",
        "/user/u12345/posts?sort=new",
        "/products/widgets/blue-widget-4711?color=red&size=10",
        "/static/js/app.min.js",
        "/search?q=robots+txt&page=2",
        "/blog/2023/11/how-we-crawl/",
    };
    private static final int MIX = 10;

    @Param({"typical", "literal19k", "wildcard19k"})
    public String file;

    private byte[] body;
    private RobotsRules rules;

    @Setup
    public void setup() {
        if (PATHS.length != MIX) {
            throw new IllegalStateException("MIX must be the number of paths");
        }
        body = switch (file) {
            case "typical" -> typical();
            case "literal19k" -> large(0);
            case "wildcard19k" -> large(20);
            default -> throw new IllegalArgumentException(file);
        };
        rules = RobotsRules.parse(body, "trawl");
        if (rules.allows("/deep/2024/05/report.html") != file.equals("typical")) {
            throw new IllegalStateException("the file's last rule must decide /deep/ (and not in the typical file)");
        }
    }

    @Benchmark
    @OperationsPerInvocation(MIX)
    public void allows(Blackhole blackhole) {
        for (String path : PATHS) {
            blackhole.consume(rules.allows(path));
        }
    }

    @Benchmark
    public RobotsRules parse() {
        return RobotsRules.parse(body, "trawl");
    }

    private static byte[] typical() {
        StringBuilder robots = new StringBuilder("User-agent: Googlebot\nDisallow: /nogoogle/\n\nUser-agent: *\n");
        for (String line : new String[] {
            "Disallow: /admin/", "Disallow: /cgi-bin/", "Disallow: /tmp/", "Disallow: /private/",
            "Disallow: /search", "Allow: /search/about", "Disallow: /*?sessionid=", "Disallow: /*.pdf$",
            "Disallow: /*/print/", "Disallow: /cart", "Disallow: /checkout", "Disallow: /account/",
            "Allow: /account/login", "Disallow: /api/", "Disallow: /*?sort=", "Disallow: /*&sort=",
            "Disallow: /tag/*/page/", "Disallow: /user/*/edit", "Allow: /static/", "Disallow: /*.json$",
            "Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php", "Disallow: /trackback/",
            "Disallow: /feed/", "Disallow: /comments/feed/", "Disallow: /*/amp$", "Disallow: /preview",
            "Disallow: /drafts/", "Disallow: /internal/", "Disallow: /beta/", "Disallow: /old/",
            "Disallow: /*/attachment/", "Disallow: /index.php?", "Allow: /index.php?page=", "Crawl-delay: 1",
        }) {
            robots.append(line).append('\n');
        }
        return robots.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** About 490 KB of Disallow lines ending with {@code Disallow: /deep/}; every nth a wildcard when n > 0. */
    private static byte[] large(int wildcardEvery) {
        SplittableRandom random = new SplittableRandom(10);
        String[] sections = {"archive", "user", "tag", "category", "download", "print", "lang", "p"};
        StringBuilder robots = new StringBuilder("User-agent: *\n");
        int index = 0;
        while (robots.length() < 490_000) {
            String section = sections[random.nextInt(sections.length)];
            String line = section.equals("archive")
                    ? String.format(Locale.ROOT, "Disallow: /archive/%06d/", index)
                    : String.format(Locale.ROOT, "Disallow: /%s/%s%d", section, Long.toString(random.nextLong(1L << 40), 36), index);
            if (wildcardEvery > 0 && index % wildcardEvery == 0) {
                line = String.format(Locale.ROOT, "Disallow: /*/%s-%d*.html$", section, index);
            }
            robots.append(line).append('\n');
            index++;
        }
        robots.append("Disallow: /deep/\n");
        return robots.toString().getBytes(StandardCharsets.UTF_8);
    }
}
