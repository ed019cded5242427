package dev.trawl.sitemap;

/**
 * What fetching a sitemap produced, after redirects. {@link SitemapReader} reads a 2xx body and
 * warns about everything else.
 */
public sealed interface SitemapFetch {

    /**
     * The final response.
     *
     * @param status the HTTP status, any value; only 2xx is read
     * @param bytes  the body as received: possibly gzip (recognised by its magic bytes, whatever the
     *               URL or headers say) and possibly cut by the fetcher at its size limit, in which
     *               case what precedes the cut is still read; {@code null} is read as empty
     */
    record Body(int status, byte[] bytes) implements SitemapFetch {
        public Body {
            bytes = bytes == null ? new byte[0] : bytes;
        }
    }

    /**
     * No response: connect, DNS, timeout, TLS, too many redirects and the like.
     *
     * @param reason for humans (it ends up in the warning); never parsed
     */
    record Failed(String reason) implements SitemapFetch {
        public Failed {
            reason = reason == null ? "unknown" : reason;
        }
    }
}
