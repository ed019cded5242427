package dev.trawl.fetch;

import java.time.Duration;
import okhttp3.HttpUrl;

/** Told about every request made, for {@code --verbose}. */
@FunctionalInterface
public interface RequestListener {
    RequestListener NONE = (url, attempt, result, elapsed) -> { };

    void requested(HttpUrl url, int attempt, AttemptResult result, Duration elapsed);
}
