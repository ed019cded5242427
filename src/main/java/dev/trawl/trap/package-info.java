/**
 * Guards against infinite URL spaces: {@link dev.trawl.trap.TrapGuard} decides whether a URL new to
 * the crawl may be queued, by length, repeated path segments, a per-host budget and a cap on query
 * strings per path, and counts refusals by {@link dev.trawl.trap.TrapReason} for the summary.
 * The limits and their defaults are {@link dev.trawl.config.TrapLimits}.
 */
package dev.trawl.trap;
