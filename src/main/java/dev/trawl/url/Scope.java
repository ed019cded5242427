package dev.trawl.url;

/** Which discovered links a crawl follows, relative to the seeds' hosts. */
public enum Scope {
    /** Same host name as a seed (any scheme or port). */
    HOST,
    /** Same registrable domain as a seed (example.com covers www.example.com); hosts without one, such as IP addresses, match exactly. */
    DOMAIN,
    /** Any http(s) URL. */
    ANY
}
