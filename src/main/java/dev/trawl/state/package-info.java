/**
 * The crawl's durable state ({@code --state FILE}): one SQLite database in WAL mode that holds the
 * run's frontier and seen set, what each URL's last fetch left (for conditional recrawls and for
 * counting a resumed run's errors), and how much of the {@code -o} file is committed, so that a
 * crawl killed at any instant resumes without losing or repeating a page, and without taking back a
 * line. {@link dev.trawl.state.StateStore} is the one entry point.
 *
 * <h2>Lifecycle</h2>
 * {@code open} (takes the lock) → {@code beginRun} (resume an unfinished run, or start a new one:
 * a recrawl when earlier runs exist) → {@code output} → {@code frontier} → {@code finish} per page,
 * committed by the store's own thread every 250 ms, inline every 2,000 pages, or by
 * {@code commit} → {@code endRun(finished)} → {@code close}.
 *
 * <h2>What a crash leaves</h2>
 * A commit first commits one transaction with every change since the last commit, the pending lines
 * ({@code runs.output_pending}) and the output's new committed length ({@code runs.output_length},
 * which those lines end at); then it writes the lines to the output and forces the file to disk.
 * The state is {@code synchronous=FULL}: the transaction is on disk before the first line is
 * written. So after a crash (kill -9, power loss) at any instant, the pages done ({@code state} 1)
 * in the database are exactly those whose lines are in the file's first {@code output_length}
 * bytes, of which only the stored lines may be missing, in whole or in part (the crash came before
 * or during their write). The resume keeps every byte of the file up to where it stops matching the
 * stored lines, cuts what follows (a torn line's rest, bytes nobody committed), writes the rest of
 * the stored lines (completing a torn line), and hands out again every URL not done, in flight ones
 * included. A line that reached the file is never taken back and its page is not fetched again.
 * The next commit stores its own lines in their place: writing them took no transaction of its own.
 * Resumed into another file, that file starts empty and first gets those of the stored lines whose
 * whole line the old file lacks; the old file is left as it is. Standard output cannot be read
 * back: the resume writes the stored lines again (at least once, not exactly once).
 *
 * <h2>The WARC archive</h2>
 * With {@code --warc}, a page's WARC records are held with it ({@code finish}) and committed with
 * it; records of exchanges of no page (robots.txt, sitemaps) with the next commit. They go the other
 * way round from lines: a commit writes them and forces them to disk first, then its transaction
 * records where they end ({@code runs.warc_file}, {@code runs.warc_length}). So after a crash the
 * archive may hold records after that end, of pages not committed (fetched again on resume), the
 * last perhaps torn, and perhaps in files a roll-over began; the resume ({@code archiveInto}) cuts the
 * file back to the committed end, deletes those files, and goes on there. Each page's exchanges are
 * in the archive exactly once, whole, in the order of their commits. Records first because a batch
 * may roll over into the next file: the transaction need only say where it ends, a resume need only
 * cut, and the records, bodies and all, are not copied into the state.
 *
 * <h2>The lock</h2>
 * {@code FILE.lock} next to the state holds an OS lock ({@code FileChannel.tryLock}) and the
 * holder's pid. A second trawl on the same state fails at once with
 * {@link dev.trawl.state.StateLockedException} naming that pid. The OS releases the lock when its
 * process dies, however it dies, so a lock left by a dead process is simply taken.
 *
 * <h2>Schema (version 3)</h2>
 * Users read it with the {@code sqlite3} shell; times are UTC ISO-8601 text with milliseconds
 * ({@code 2025-03-01T10:00:00.000Z}), so text order is time order.
 * <pre>
 * meta(key TEXT PRIMARY KEY, value TEXT)
 *     schema_version = 3. A state with a newer version is refused rather than misread; an older
 *     one is migrated in place when opened (version 1 to 2 adds urls.error, runs.output_pending,
 *     urls.content and the urls_redirects index; 2 to 3 adds runs.warc, runs.warc_file,
 *     runs.warc_length, urls.warc_record_id and urls.warc_date).
 *
 * runs(id INTEGER PRIMARY KEY, started_at TEXT, ended_at TEXT,
 *      status TEXT CHECK(status IN ('running','finished','interrupted')),
 *      output TEXT, output_length INTEGER NOT NULL DEFAULT 0, pid INTEGER, output_pending BLOB,
 *      warc TEXT, warc_file TEXT, warc_length INTEGER NOT NULL DEFAULT 0)
 *     One row per run. running: in progress, or its process died (a crash); interrupted: stopped
 *     early (signal, --max-pages, output failure); both are resumed by the next start. finished:
 *     the crawl drained; the next start is a new run (a recrawl). output: the -o path, NULL for
 *     stdout. output_length: bytes of the output committed. pid: the process that began or last
 *     resumed it. output_pending: the last commit's lines, which end at output_length, until they
 *     are known to be written (the next commit, or the end of the run, sets it NULL).
 *     warc: the --warc name the run archives to (absolute), NULL without; warc_file: the file its
 *     committed WARC records end in (the run's first file, before any is committed: recorded before
 *     anything is written to it); warc_length: where in that file.
 *
 * urls(id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, host TEXT NOT NULL,
 *      run INTEGER NOT NULL, state INTEGER NOT NULL, depth INTEGER NOT NULL, parent TEXT,
 *      queue_seq INTEGER, redirected_from INTEGER,
 *      status INTEGER, etag TEXT, last_modified TEXT, content_hash TEXT,
 *      fetched_at TEXT, fetched_run INTEGER, sitemap_lastmod TEXT, error TEXT, content BLOB,
 *      warc_record_id TEXT, warc_date TEXT)
 *   index urls_queue ON urls(run, state, queue_seq)
 *   index urls_redirects ON urls(redirected_from) WHERE redirected_from IS NOT NULL
 *     Every URL any run knew, once (url is normalized). host: the per-host key (host[:port]).
 *     run: the run it is part of (0: none, left out by a smaller --max-depth). state, in that run:
 *     0 queued (or in flight), 1 done. depth: the shortest known from a seed. parent: the page it
 *     was first found on in its run (NULL for seeds). queue_seq: the order it was queued in its run.
 *     redirected_from: for a redirect target, the id of the page whose fetch ended here (the target
 *     is never fetched itself; the record is the redirecting page's).
 *     status .. error: the last fetch, from whichever run did it (fetched_run); status NULL is a
 *     fetch without a response; fetched_at NULL means never fetched; error: its record's error type
 *     (http, timeout, robots, ...), NULL for none. The pages of a run that have fetched_run = run and
 *     state 1 are the records it made, written or not (--changed-only): a resumed run counts them
 *     for its summary and --fail-on-error. Pages fetched by trawl 1 have error http when their
 *     status was 400 or more and NULL otherwise (version 1 did not keep the type). A 304 keeps
 *     content_hash, content, and the etag or last_modified it did not repeat.
 *     content: what the record of the last 2xx answer carried (title, links, the links marked
 *     rel=nofollow, canonical, description, robots directives, content type and length), so that a
 *     later 304's record carries it too and its links are followed; NULL after any other answer, and
 *     for fetches made under version 1 (such a page is fetched in full, not conditionally, once).
 *     One format byte (1), then raw DEFLATE of length-prefixed UTF-8 fields and front-coded links
 *     (ContentCodec); about 550 bytes a page for the OpenJDK API documentation.
 *     warc_record_id, warc_date: the WARC-Record-ID and WARC-Date of the response record that holds
 *     the body content_hash is of, for a later revisit record's WARC-Refers-To; kept through 304s
 *     and identical-payload revisits (which refer to it), and through a fetch not archived while
 *     content_hash stays the same; NULL when unknown.
 *
 * links(from_id INTEGER NOT NULL, url TEXT NOT NULL, PRIMARY KEY(from_id, url)) WITHOUT ROWID
 *     The links to follow of a done page, those max depth cut included, so that a shorter path to
 *     the page found later queues them after all, and a later --recrawl-after run that does not
 *     fetch the page follows them instead. Replaced when the page is done again in a later run (left
 *     alone when they are the same, as an unchanged page's usually are).
 *     (Version 1 kept them from depth 2 on only.)
 *
 * scope_hosts(run INTEGER, host TEXT, PRIMARY KEY(run, host)) WITHOUT ROWID
 *     Hosts admitted to scope in a run (seeds' hosts, a seed's redirect target), so that a resume
 *     has the same scope before the seeds are read again.
 * </pre>
 *
 * <h2>Recrawls</h2>
 * A run begun after a finished one discovers the site from the seeds again, breadth-first, so that
 * depth and parent are this run's. A URL of earlier runs is not part of it until a link (or a seed)
 * reaches it: then its row joins the run, queued at this run's depth and parent, and its last fetch
 * still gives the validators for a conditional request ({@code previous()}) and the content for a
 * 304's record ({@code content()}). When the run has drained (nothing queued, nothing in flight),
 * {@code Frontier.queueUnreached} queues once, in one transaction, the URLs of earlier runs it never
 * reached (nothing links to them any more), at their stored depth and parent, within --max-depth,
 * redirect targets aside; a process resumed after a crash does it again, finding only what the last
 * commit had not queued. With {@code --recrawl-after D}, a URL that an earlier run fetched less than D
 * before this run began joins it as done instead, when a link reaches it: not fetched, its stored
 * links followed in its place, its redirect targets with it; such URLs that nothing reaches are left
 * out of the run.
 *
 * <h2>Looking inside</h2>
 * <pre>
 * sqlite3 crawl.db "SELECT id, status, started_at, ended_at, output_length FROM runs"
 * sqlite3 crawl.db "SELECT state, count(*) FROM urls WHERE run = (SELECT max(id) FROM runs) GROUP BY state"
 * sqlite3 crawl.db "SELECT url, status, etag, fetched_at FROM urls WHERE status >= 400"
 * sqlite3 crawl.db "SELECT error, count(*) FROM urls WHERE fetched_run = (SELECT max(id) FROM runs) GROUP BY error"
 * </pre>
 * Reading while trawl runs is safe (WAL): a reader sees the last commit. While the state is open,
 * SQLite keeps {@code FILE-wal} and {@code FILE-shm} beside it; a clean close folds the WAL back
 * into the file and removes both. Resume with the same options: a smaller {@code --max-depth} leaves
 * deeper queued URLs out of the run ({@code urls.run} 0), a larger one does not bring cut links back.
 */
package dev.trawl.state;
