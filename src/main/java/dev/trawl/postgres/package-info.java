/**
 * A crawl shared by many trawl processes through PostgreSQL (issue 12): the schema trawl creates and
 * migrates, the queue whose URLs a worker leases, and the workers' heartbeats by which a dead worker's
 * leases go back to the others. Work in progress: not yet behind {@code --state postgresql://...}.
 */
package dev.trawl.postgres;
