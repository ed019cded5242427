package dev.trawl.robots;

/**
 * What fetching {@code /robots.txt} produced, after redirects (the fetcher follows up to 5 hops
 * itself). {@link RobotsCache} turns it into rules; its class documentation has the mapping.
 */
public sealed interface RobotsFetch {

    /**
     * The final response.
     *
     * @param status the HTTP status after redirects
     * @param body   the body, at least its first 500 KiB; may be empty (usual for non-2xx), and
     *               {@code null} is read as empty
     */
    record Response(int status, byte[] body) implements RobotsFetch {
        public Response {
            body = body == null ? new byte[0] : body;
        }
    }

    /**
     * No response: connect, DNS, timeout, TLS, too many redirects and the like.
     *
     * @param reason  for humans (logs, verbose output); never parsed
     * @param failure the fetcher's name for the kind of failure (its error type, e.g. {@code connect}),
     *                carried through for the records of links that are only checked; may be null
     */
    record Unreachable(String reason, String failure) implements RobotsFetch {
        public Unreachable {
            reason = reason == null ? "unknown" : reason;
        }

        public Unreachable(String reason) {
            this(reason, null);
        }
    }
}
