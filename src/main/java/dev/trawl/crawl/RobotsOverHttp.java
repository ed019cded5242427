package dev.trawl.crawl;

import dev.trawl.fetch.BodyPolicy;
import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.RedirectGate;
import dev.trawl.page.ErrorType;
import dev.trawl.robots.RobotsFetch;
import dev.trawl.robots.RobotsSource;
import java.util.Arrays;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Fetches robots.txt with the crawl's own client, retries and user agent. RFC 9309: follow up to
 * five redirects, read at least 500 KiB (more is cut, not an error); what the status means for
 * the rules is the robots package's business.
 */
final class RobotsOverHttp implements RobotsSource {
    private static final int MAX_HOPS = 5;
    private static final BodyPolicy BODY = new BodyPolicy(500 * 1024, true, type -> true);

    /** Failures where the server did answer: its status decides (a redirect loop counts as unavailable). */
    private static final Set<ErrorType> ANSWERED = Set.of(ErrorType.HTTP, ErrorType.REDIRECT_LOOP, ErrorType.INVALID_URL);

    private final Fetcher fetcher;

    RobotsOverHttp(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public RobotsFetch fetch(HttpUrl robotsUrl) throws InterruptedException {
        return switch (fetcher.fetch(robotsUrl, RedirectGate.FOLLOW_ALL, BODY, MAX_HOPS)) {
            case FetchResult.Fetched fetched -> new RobotsFetch.Response(fetched.status(),
                    fetched.body() == null ? new byte[0] : Arrays.copyOf(fetched.body().bytes(), fetched.body().length()));
            case FetchResult.Redirected redirected -> new RobotsFetch.Response(redirected.status(), new byte[0]);
            case FetchResult.NotModified unchanged -> new RobotsFetch.Response(304, new byte[0]); // never asked
            case FetchResult.Failed failed when failed.status() != null && ANSWERED.contains(failed.error().type()) ->
                    new RobotsFetch.Response(failed.status(), new byte[0]);
            // A host trawl may not go to at all (a private address): its pages get that error, not "robots".
            case FetchResult.Failed failed when failed.error().type() == ErrorType.INVALID_URL ->
                    new RobotsFetch.Response(404, new byte[0]);
            case FetchResult.Failed failed -> new RobotsFetch.Unreachable(failed.error().message(),
                    failed.error().type().wireName());
        };
    }
}
