package dev.trawl.output;

import dev.trawl.fetch.AttemptResult;
import dev.trawl.fetch.RequestListener;
import dev.trawl.url.Redactor;
import java.io.PrintStream;
import java.time.Duration;
import okhttp3.HttpUrl;

/** {@code --verbose}: one stderr line per request, credentials hidden. */
public final class RequestLog implements RequestListener {
    private final PrintStream err;

    public RequestLog(PrintStream err) {
        this.err = err;
    }

    @Override
    public void requested(HttpUrl url, int attempt, AttemptResult result, Duration elapsed) {
        String outcome = switch (result) {
            case AttemptResult.Response response -> response.status()
                    + (response.contentType() == null ? "" : " " + response.contentType())
                    + (response.body() == null ? "" : " " + response.body().length() + "B");
            case AttemptResult.Failure failure -> (failure.status() == null ? "" : failure.status() + " ")
                    + failure.error().type().wireName() + ": " + failure.error().message();
        };
        String retry = attempt > 1 ? " (attempt " + attempt + ")" : "";
        err.println("trawl: GET " + Redactor.redact(url) + " -> " + outcome + " in " + elapsed.toMillis() + "ms" + retry);
    }
}
