package dev.trawl.fetch;

/** The request methods trawl sends: GET for pages, HEAD first for links it only checks. */
enum Method {
    GET,
    HEAD
}
