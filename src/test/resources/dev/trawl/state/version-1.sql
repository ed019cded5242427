-- A state file as trawl 1 (schema version 1) left it when killed mid-run: the schema exactly as
-- version 1 created it, then a run still 'running' with three pages done (one an HTTP 500, whose
-- error type version 1 did not store), one queued, and the output's committed length. The test
-- sets runs.output to its own file.
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS runs(
    id INTEGER PRIMARY KEY,
    started_at TEXT,
    ended_at TEXT,
    status TEXT CHECK(status IN ('running','finished','interrupted')),
    output TEXT,
    output_length INTEGER NOT NULL DEFAULT 0,
    pid INTEGER);
CREATE TABLE IF NOT EXISTS urls(
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    host TEXT NOT NULL,
    run INTEGER NOT NULL,
    state INTEGER NOT NULL,
    depth INTEGER NOT NULL,
    parent TEXT,
    queue_seq INTEGER,
    redirected_from INTEGER,
    status INTEGER,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    fetched_at TEXT,
    fetched_run INTEGER,
    sitemap_lastmod TEXT);
CREATE INDEX IF NOT EXISTS urls_queue ON urls(run, state, queue_seq);
CREATE TABLE IF NOT EXISTS links(from_id INTEGER NOT NULL, url TEXT NOT NULL, PRIMARY KEY(from_id, url)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scope_hosts(run INTEGER, host TEXT, PRIMARY KEY(run, host)) WITHOUT ROWID;
INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '1');
INSERT INTO runs(id, started_at, ended_at, status, output, output_length, pid)
    VALUES (1, '2025-03-01T10:00:00.000Z', NULL, 'running', '/replaced/by/the/test', 80, 4242);
INSERT INTO scope_hosts(run, host) VALUES (1, 'a.test');
INSERT INTO urls(id, url, host, run, state, depth, parent, queue_seq, redirected_from, status, etag, last_modified,
        content_hash, fetched_at, fetched_run, sitemap_lastmod)
    VALUES (1, 'http://a.test/', 'a.test', 1, 1, 0, NULL, 1, NULL, 200, '"e0"', NULL, 'hash-0',
            '2025-03-01T10:00:01.000Z', 1, NULL),
        (2, 'http://a.test/500', 'a.test', 1, 1, 1, 'http://a.test/', 2, NULL, 500, NULL, NULL, NULL,
            '2025-03-01T10:00:02.000Z', 1, NULL),
        (3, 'http://a.test/ok', 'a.test', 1, 1, 1, 'http://a.test/', 3, NULL, 200, NULL, NULL, 'hash-ok',
            '2025-03-01T10:00:03.000Z', 1, NULL),
        (4, 'http://a.test/next', 'a.test', 1, 0, 1, 'http://a.test/', 4, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
            NULL);
