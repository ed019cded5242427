package dev.trawl.robots;

import static dev.trawl.robots.RobotsCase.file;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world and historical files from crawler-commons' SimpleRobotRulesParserTest, for their
 * grouping: the robotstxt.org draft's example, Nutch's and Heritrix's cases, the "Krugle" file and
 * Crawl-delay groups. crawler-commons predates RFC 9309 in places; where trawl answers otherwise the
 * check says why (RFC 9309 §2.2.4 and Google's parser, mostly). Agents named with digits in
 * crawler-commons (Agent1, crawler2) are spelled with letters here (AgentA, crawlertwo): an RFC 9309
 * product token is letters, {@code -} and {@code _}, and one with a digit names no group, as in
 * Google's parser (see {@link ProductTokenTest}).
 */
class CrawlerCommonsConformanceTest {
    private static final String CR = "\r";
    private static final String LF = "\n";
    private static final String CRLF = "\r\n";

    private static final String RUN_OF_USER_AGENTS =
            "RFC 9309 2.2.4: a Crawl-delay line does not end the run of User-agent lines, so the next agent shares the group";
    private static final String TOKEN_ONLY =
            "a User-agent value is cut to its first product token, as Google does: 'crawlerone crawlertwo' names crawlerone";

    private static final String RFP = "# /robots.txt for http://www.fict.org/" + CRLF + "# comments to webmaster@fict.org" + CRLF + CRLF
            + "User-agent: unhipbot" + CRLF + "Disallow: /" + CRLF + "" + CRLF + "User-agent: webcrawler" + CRLF
            + "User-agent: excite" + CRLF + "Disallow: " + CRLF + CRLF + "User-agent: *" + CRLF + "Disallow: /org/plans.html" + CRLF
            + "Allow: /org/" + CRLF + "Allow: /serv" + CRLF + "Allow: /~mak" + CRLF + "Disallow: /" + CRLF;

    private static final String MIXED_ENDINGS = "# /robots.txt for http://www.fict.org/" + CRLF + "# comments to webmaster@fict.org" + CR + LF
            + "User-agent: unhipbot" + LF + "Disallow: /" + CR + "" + CRLF + "User-agent: webcrawler" + LF + "User-agent: excite" + CR
            + "Disallow: " + "\u0085" + CR + "User-agent: *" + CRLF + "Disallow: /org/plans.html" + LF + "Allow: /org/" + CR + "Allow: /serv"
            + CRLF + "Allow: /~mak" + LF + "Disallow: /" + CRLF;

    private static final String[] FICT = {
        "http://www.fict.org/", "http://www.fict.org/index.html", "http://www.fict.org/robots.txt",
        "http://www.fict.org/server.html", "http://www.fict.org/services/fast.html", "http://www.fict.org/services/slow.html",
        "http://www.fict.org/orgo.gif", "http://www.fict.org/org/about.html", "http://www.fict.org/org/plans.html",
        "http://www.fict.org/%7Ejim/jim.html", "http://www.fict.org/%7Emak/mak.html",
    };

    private static final String NUTCH = "User-Agent: AgentA #foo" + CR + "Disallow: /a" + CR + "Disallow: /b/a" + CR + "#Disallow: /c" + CR
            + "" + CR + "" + CR + "User-Agent: AgentB AgentC#foo" + CR + "User-Agent: AgentD" + CR + "Disallow: /d" + CR
            + "Disallow: /e/d/" + CR + "" + CR + "User-Agent: *" + CR + "Disallow: /foo/bar/" + CR;

    static Stream<Named<Runnable>> cases() {
        return RobotsCase.checks(List.of(
                rfp("testRfpCases", RFP),
                rfp("testMixedEndings", MIXED_ENDINGS),

                file("testNutchCases", NUTCH)
                        .disallows("AgentA", "http://www.domain.com/a", "http://www.domain.com/a/", "http://www.domain.com/a/bloh/foo.html",
                                "http://www.domain.com/b/a", "http://www.domain.com/b/a/index.html")
                        .allows("AgentA", "http://www.domain.com/b", "http://www.domain.com/b/b/foo.html", "http://www.domain.com/c",
                                "http://www.domain.com/c/a/index.html", "http://www.domain.com/d", "http://www.domain.com/e/d/foo.html",
                                "http://www.domain.com/foo/bar/baz.html", "http://www.domain.com/f/")
                        .disallows("AgentB", "http://www.domain.com/d", "http://www.domain.com/d/a", "http://www.domain.com/e/d/foo.html")
                        .allows("AgentB", "http://www.domain.com/a", "http://www.domain.com/b/a", "http://www.domain.com/e/d",
                                "http://www.domain.com/e/doh.html", "http://www.domain.com/foo/bar/baz.html")
                        // crawler-commons reads "AgentB AgentC" as two agents.
                        .allows("AgentC", "http://www.domain.com/d", "http://www.domain.com/e/d/foo.html").differs(TOKEN_ONLY)
                        .disallows("AgentC", "http://www.domain.com/foo/bar/baz.html").differs(TOKEN_ONLY)
                        .disallows("AgentD", "http://www.domain.com/d", "http://www.domain.com/d/a", "http://www.domain.com/e/d/foo.html")
                        .allows("AgentD", "http://www.domain.com/a", "http://www.domain.com/foo/bar/baz.html")
                        .disallows("AgentE", "http://www.domain.com/foo/bar/baz.html")
                        .allows("AgentE", "http://www.domain.com/a", "http://www.domain.com/d", "http://www.domain.com/f/").build(),

                file("testHeritrixCases", """
                        User-agent: *
                        Disallow: /cgi-bin/
                        Disallow: /details/software

                        User-agent: denybot
                        Disallow: /

                        User-agent: allowbotone
                        Disallow:\s

                        User-agent: allowbottwo
                        Disallow: /foo
                        Allow: /

                        User-agent: delaybot
                        Disallow: /
                        Crawl-Delay: 20
                        Allow: /images/
                        """)
                        .allows("allowbotone", "http://www.domain.com/path", "http://www.domain.com/")
                        .allows("allowbottwo", "http://www.domain.com/path", "http://www.domain.com/")
                        .disallows("allowbottwo", "http://www.domain.com/foo")
                        .disallows("denybot", "http://www.domain.com/path", "http://www.domain.com/")
                        .delay("denybot", null)
                        .allows("anonbot", "http://www.domain.com/path")
                        .disallows("anonbot", "http://www.domain.com/cgi-bin/foo.pl")
                        .delay("delaybot", Duration.ofSeconds(20))
                        .allows("delaybot", "http://www.domain.com/images/x.png")
                        .disallows("delaybot", "http://www.domain.com/x").build(),

                file("testBrokenKrugleRobotsTxtFile", "User-agent: *" + CR + "Disallow: /maintenance.html" + CR + "Disallow: /perl/" + CR
                        + "Disallow: /cgi-bin/" + CR + "Disallow: /examples/" + CR + "Crawl-delay: 3" + CR + "" + CR + "User-agent: googlebot"
                        + CR + "Crawl-delay: 1" + CR + "" + CR + "User-agent: qihoobot" + CR + "Disallow: /")
                        .disallows("googlebot", "http://www.krugle.com/examples/index.html").differs(RUN_OF_USER_AGENTS)
                        .disallows("googlebot", "http://www.krugle.com/")
                        .delay("googlebot", Duration.ofSeconds(1))
                        .delay("qihoobot", Duration.ofSeconds(1))
                        .disallows("otherbot", "http://www.krugle.com/examples/index.html")
                        .allows("otherbot", "http://www.krugle.com/")
                        .delay("otherbot", Duration.ofSeconds(3)).build(),

                file("testCrawlDelay rule 1", "User-agent: bixo" + CR + "Crawl-delay: 10" + CR + "User-agent: foobot" + CR
                        + "Crawl-delay: 20" + CR + "User-agent: *" + CR + "Disallow:/baz" + CR)
                        .delay("bixo", Duration.ofSeconds(10))
                        // One group for bixo, foobot and *: its first delay is everyone's, and so is its rule.
                        .delay("foobot", Duration.ofSeconds(10)).differs(RUN_OF_USER_AGENTS)
                        .disallows("bixo", "http://www.domain.com/baz").build(),
                file("testCrawlDelay rule 2", "User-agent: foobot" + CR + "Crawl-delay: 20" + CR + "User-agent: *" + CR + "Disallow:/baz" + CR)
                        .delay("bixo", Duration.ofSeconds(20)).differs(RUN_OF_USER_AGENTS).build(),
                file("testFloatingPointCrawlDelay", "User-agent: *" + CR + "Crawl-delay: 0.5" + CR + "Disallow:" + CR)
                        .delay("bixo", Duration.ofMillis(500)).build(),

                file("testMultiWildcard", "User-agent: *" + CRLF + "Disallow: /index.html" + CRLF + "Allow: /" + CRLF + CRLF
                        + "User-agent: *" + CRLF + "Disallow: /")
                        .disallows("Any-darn-crawler", "http://www.domain.com/index.html")
                        // crawler-commons takes the first * group only; RFC 9309 2.2.1 merges them (Allow: / wins the tie).
                        .allows("Any-darn-crawler", "http://www.domain.com/anypage.html").build(),
                file("testMultiMatches", "User-agent: crawlerbot" + CRLF + "Disallow: /index.html" + CRLF + "Allow: /" + CRLF + CRLF
                        + "User-agent: crawler" + CRLF + "Disallow: /")
                        .disallows("crawlerbot", "http://www.domain.com/index.html")
                        .allows("crawlerbot", "http://www.domain.com/anypage.html").build(),
                file("testMultiAgentNames", "User-agent: crawlerone crawlertwo" + CRLF + "Disallow: /index.html" + CRLF + "Allow: /")
                        .disallows("crawlerone", "http://www.domain.com/index.html")
                        .allows("crawlertwo", "http://www.domain.com/index.html").differs(TOKEN_ONLY).build(),
                file("testUnsupportedFields", "User-agent: crawlerone" + CRLF + "Disallow: /index.html" + CRLF + "Allow: /" + CRLF
                        + "newfield: 234" + CRLF + "User-agent: crawlertwo" + CRLF + "Disallow: /")
                        .disallows("crawlertwo", "http://www.domain.com/anypage.html")
                        .allows("crawlerone", "http://www.domain.com/anypage.html").build(),
                file("testAgentNotListed", "User-agent: crawlerone" + CRLF + "Disallow: /index.html" + CRLF + "Allow: /" + CRLF + CRLF
                        + "User-agent: crawlertwo" + CRLF + "Disallow: /")
                        .allows("crawlerthree", "http://www.domain.com/anypage.html", "http://www.domain.com/index.html").build(),
                file("testCommentedOutLines", "#user-agent: testAgent\n\n#allow: /index.html\n#allow: /test\n\n#user-agent: test\n\n"
                        + "#allow: /index.html\n#disallow: /test\n\n#user-agent: someAgent\n\n#disallow: /index.html\n#disallow: /test\n\n")
                        .allows("Any-darn-crawler", "http://www.domain.com/anypage.html").build(),
                file("testDisallowWithQueryOnly", "User-agent: *" + CRLF + "Disallow: /")
                        .disallows("Any-darn-crawler", "http://www.example.com", "http://www.example.com?q=a").build(),
                file("testQueryParamInDisallow", "User-agent: *" + CRLF + "Disallow: /index.cfm?fuseaction=sitesearch.results*")
                        .disallows("Any-darn-crawler",
                                "http://searchservice.domain.com/index.cfm?fuseaction=sitesearch.results&type=People&qry=california&pg=2")
                        .build(),

                file("crawl-delay-group-merging.txt", """
                        User-agent: mybot
                        Crawl-delay: 10
                        User-agent: yourbot
                        Disallow: /private/  # applies to mybot and yourbot

                        User-agent: *
                        Allow: /

                        User-agent: yourbot
                        Disallow: /login/    # merged into yourbot's rules

                        User-agent: *
                        Crawl-delay: 30
                        """)
                        .disallows("mybot", "http://www.domain.com/private/x")
                        .allows("mybot", "http://www.domain.com/login/")
                        .delay("mybot", Duration.ofSeconds(10))
                        .disallows("yourbot", "http://www.domain.com/private/x", "http://www.domain.com/login/")
                        .delay("yourbot", Duration.ofSeconds(10))
                        .allows("otherbot", "http://www.domain.com/private/x")
                        .delay("otherbot", Duration.ofSeconds(30)).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsCrawlerCommonsTests(Runnable check) {
        check.run();
    }

    /** The robotstxt.org draft's example file and its expectations for its four kinds of agent. */
    private static RobotsCase rfp(String name, String body) {
        return file(name, body)
                .disallows("unhipbot", except(FICT, "http://www.fict.org/robots.txt"))
                .allows("unhipbot", "http://www.fict.org/robots.txt")
                .allows("webcrawler", FICT)
                .allows("excite", FICT)
                .disallows("unknown", "http://www.fict.org/", "http://www.fict.org/index.html", "http://www.fict.org/orgo.gif",
                        "http://www.fict.org/org/plans.html", "http://www.fict.org/%7Ejim/jim.html")
                .allows("unknown", "http://www.fict.org/robots.txt", "http://www.fict.org/server.html",
                        "http://www.fict.org/services/fast.html", "http://www.fict.org/services/slow.html",
                        "http://www.fict.org/org/about.html", "http://www.fict.org/%7Emak/mak.html").build();
    }

    private static String[] except(String[] all, String left) {
        return Stream.of(all).filter(url -> !url.equals(left)).toArray(String[]::new);
    }
}
