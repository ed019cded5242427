package dev.trawl.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the records go, and what the exit status says about them. */
final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", converter = FileConverter.class,
            description = "JSON Lines output. Default: stdout.")
    Optional<Path> file = Optional.empty();

    @Option(names = "--warc", paramLabel = "FILE", converter = FileConverter.class,
            description = "Also archive every HTTP exchange of the crawl (pages, redirects, robots.txt, sitemaps) "
                    + "as WARC/1.1 request and response records, bodies of every type as received up to --max-bytes; "
                    + "FILE.warc.gz compresses each record on its own. With --state FILE the records are committed "
                    + "with their pages: a crawl killed and resumed archives each page's exchanges once. Default: none.")
    Optional<Path> warc = Optional.empty();

    @Option(names = "--warc-max-size", paramLabel = "SIZE", converter = SizeConverter.WarcFile.class,
            description = "Roll the WARC over to a new file once it is this large (records are never split), each "
                    + "starting with its warcinfo; the files are named FILE-00000.warc.gz, FILE-00001.warc.gz, ... "
                    + "1MB to 1TB. Needs --warc. Default: one file.")
    Long warcMaxSize;

    @Option(names = "--fail-on-error", converter = SwitchConverter.class,
            description = "Exit 3 when the crawl finishes with page errors other than robots.txt refusals, so cron "
                    + "and CI can alert. With --state, the whole run's: errors recorded before a crash or a stop count, "
                    + "and so do pages --changed-only did not write. Links whose #fragment is missing "
                    + "(--check-fragments) count too. Default: off, page errors are only in the output.")
    boolean failOnError;
}
