/**
 * robots.txt (RFC 9309): parsing and matching in {@link dev.trawl.robots.RobotsRules}, one fetch per
 * origin in {@link dev.trawl.robots.RobotsCache}.
 *
 * <p>Parsing and matching follow Google's open-source parser (google/robotstxt, {@code robots.cc}) on
 * the edge cases RFC 9309 leaves open: key typos such as {@code disalow} and {@code user agent}, a
 * missing colon, the user-agent value cut to its product token, longest pattern wins with Allow winning
 * ties, an {@code index.html} Allow also allowing its directory, lines cut after 16,663 bytes. Where
 * this package differs from Google, on purpose:
 * <ul>
 *   <li>Only the first 500 KiB of a body are read (RFC 9309 §2.5); a line cut by that limit is dropped
 *       rather than half-applied.</li>
 *   <li>{@code Crawl-delay} is read (Google ignores it). Like {@code Sitemap} and unknown lines it is
 *       transparent to grouping, as in Google's parser and RFC 9309 §2.2.4: only an {@code Allow} or
 *       {@code Disallow} line ends a run of {@code User-agent} lines. A delay applies to every agent
 *       of the group it stands in, and the first valid one of the chosen groups wins.</li>
 *   <li>The URL path gets the same canonical spelling as patterns (hex of {@code %xx} upper-cased,
 *       non-ASCII, space and control bytes percent-encoded), so {@code /%e3%83%84} and {@code /ツ} match
 *       {@code Disallow: /ツ}. Google expects the caller to have done that.</li>
 *   <li>As RFC 9309 asks and Google does not: an escaped unreserved character matches itself
 *       unescaped ({@code Disallow: /%7Ejoe} forbids {@code /~joe}, §2.2.2), and {@code %2A} and
 *       {@code %24} in a pattern match a literal {@code *} and {@code $} in the URL (§2.2.3). Since a
 *       pattern's priority is the length of its canonical spelling, {@code /%7Ejoe} counts 5, not 7.
 *       Escaped reserved characters stay as written, as in Google: {@code %2F} is no {@code /}.</li>
 *   <li>{@code /robots.txt} itself is always allowed (RFC 9309 §2.2.2).</li>
 * </ul>
 * The conformance suites in the tests ({@code GoogleConformanceTest}, {@code Rfc9309ConformanceTest},
 * {@code CrawlerCommonsConformanceTest}) name every case where trawl answers otherwise, and why.
 */
package dev.trawl.robots;
