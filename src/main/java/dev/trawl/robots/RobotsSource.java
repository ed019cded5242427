package dev.trawl.robots;

import okhttp3.HttpUrl;

/** How the cache gets a robots.txt; the engine supplies one that uses its HTTP client. */
@FunctionalInterface
public interface RobotsSource {

    /**
     * Fetches a robots.txt, following redirects.
     *
     * <p>Failures should be returned as {@link RobotsFetch.Unreachable}; a {@code RuntimeException} is
     * read the same way. If the calling thread is interrupted, throw {@code InterruptedException} (or
     * leave the interrupt flag set): the cache then keeps nothing, so a later caller fetches again,
     * instead of remembering "unreachable" for the whole crawl.
     */
    RobotsFetch fetch(HttpUrl robotsUrl) throws InterruptedException;
}
