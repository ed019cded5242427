package dev.trawl.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of a shared crawl, created and migrated by trawl itself, versioned like the SQLite
 * state's schema. Every statement of a version runs in one transaction, under an advisory lock, so
 * workers starting together neither race nor see half a schema.
 *
 * <ul>
 *   <li>{@code crawls}: one row a crawl name, with the settings it was started with (a second crawl
 *       with other seeds or options on the same name is refused), its current run, when that began and
 *       ended (null while it runs), and whether the run has queued what earlier runs fetched and it did
 *       not reach. A worker that joins a crawl whose run ended begins the next (a recrawl).</li>
 *   <li>{@code workers}: every process that joined, its machine and pid, its output file, its last
 *       heartbeat and its own timeout ({@code --worker-timeout}); one silent for longer is taken for dead.</li>
 *   <li>{@code urls}: the frontier, the seen set and the fetch history in one, a row per URL any run
 *       knew: the run it is part of, and in that run queued (1), leased by a worker (2) or done (3);
 *       {@code id} keeps first-queued order within a depth. The last fetch, from whichever run made it
 *       ({@code fetched_run}): status, validators, content hash, error type and the content of a 2xx
 *       answer ({@link dev.trawl.state.ContentCodec}, as the state file keeps it), for the next run's
 *       conditional request and the record of its 304.</li>
 *   <li>{@code hosts} and {@code host_slots}: politeness for the crawl as a whole: when a host's next
 *       request may start, and the requests in flight to it, each held by a worker.</li>
 *   <li>{@code records}: every page's JSON record, one per URL and run, committed with the page's
 *       completion, so the crawl's output can be collected in one place ({@code trawl export}); with
 *       the output file (machine and path) it went to, which a worker started again on that file writes
 *       anew, its error type, and whether it was written ({@code --changed-only} writes only changes).</li>
 * </ul>
 */
public final class SharedSchema {
    /** The version this trawl writes; a database at a newer one is refused. */
    public static final int VERSION = 1;

    /** pg_advisory_xact_lock key: "trawl" in ASCII. */
    private static final long LOCK = 0x747261776CL;

    private static final List<String> VERSION_1 = List.of(
            """
            CREATE TABLE trawl_schema (version integer NOT NULL)
            """,
            """
            CREATE TABLE crawls (
                id bigserial PRIMARY KEY,
                name text NOT NULL UNIQUE,
                settings text NOT NULL,
                run bigint NOT NULL DEFAULT 1,
                run_started timestamptz NOT NULL DEFAULT now(),
                run_ended timestamptz,
                unreached_queued boolean NOT NULL DEFAULT false,
                created timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE workers (
                id bigserial PRIMARY KEY,
                crawl bigint NOT NULL REFERENCES crawls,
                machine text NOT NULL,
                pid bigint NOT NULL,
                started timestamptz NOT NULL DEFAULT now(),
                heartbeat timestamptz NOT NULL DEFAULT now(),
                timeout_ms bigint NOT NULL,
                output text,
                stopped boolean NOT NULL DEFAULT false)
            """,
            """
            CREATE TABLE urls (
                id bigserial PRIMARY KEY,
                crawl bigint NOT NULL REFERENCES crawls,
                url text NOT NULL,
                host text NOT NULL,
                depth integer NOT NULL,
                parent text,
                run bigint NOT NULL,
                state smallint NOT NULL,
                worker bigint REFERENCES workers,
                status integer,
                etag text,
                last_modified text,
                content_hash text,
                fetched_at timestamptz,
                fetched_run bigint,
                error text,
                content bytea,
                follow text[],
                carry boolean NOT NULL DEFAULT false,
                UNIQUE (crawl, url))
            """,
            "CREATE INDEX urls_queued ON urls (crawl, depth, id) WHERE state = 1",
            """
            CREATE TABLE hosts (
                crawl bigint NOT NULL REFERENCES crawls,
                host text NOT NULL,
                next_start timestamptz NOT NULL,
                PRIMARY KEY (crawl, host))
            """,
            """
            CREATE TABLE host_slots (
                id bigserial PRIMARY KEY,
                crawl bigint NOT NULL,
                host text NOT NULL,
                worker bigint NOT NULL REFERENCES workers,
                taken timestamptz NOT NULL DEFAULT now(),
                FOREIGN KEY (crawl, host) REFERENCES hosts)
            """,
            "CREATE INDEX host_slots_host ON host_slots (crawl, host)",
            // A host's turn in one call (one round trip instead of seven): the slot's id when the
            // request may start, else minus the milliseconds to wait. Under the host row's lock.
            """
            CREATE FUNCTION trawl_take_slot(p_crawl bigint, p_host text, p_worker bigint, p_per_host integer,
                    p_gap_s double precision, p_max_age_s double precision) RETURNS bigint
            LANGUAGE plpgsql AS $$
            DECLARE
                wait_ms bigint;
                in_flight bigint;
                slot bigint;
            BEGIN
                INSERT INTO hosts (crawl, host, next_start) VALUES (p_crawl, p_host, now()) ON CONFLICT DO NOTHING;
                SELECT greatest(0, ceil(extract(epoch FROM next_start - clock_timestamp()) * 1000))::bigint
                    INTO wait_ms FROM hosts WHERE crawl = p_crawl AND host = p_host FOR UPDATE;
                IF wait_ms > 0 THEN
                    RETURN -wait_ms;
                END IF;
                SELECT count(*) INTO in_flight FROM host_slots s JOIN workers w ON w.id = s.worker
                    WHERE s.crawl = p_crawl AND s.host = p_host
                    AND NOT %s
                    AND s.taken > now() - make_interval(secs => p_max_age_s);
                IF in_flight >= p_per_host THEN
                    RETURN -%d;
                END IF;
                UPDATE hosts SET next_start = clock_timestamp() + make_interval(secs => p_gap_s)
                    WHERE crawl = p_crawl AND host = p_host;
                INSERT INTO host_slots (crawl, host, worker) VALUES (p_crawl, p_host, p_worker) RETURNING id INTO slot;
                RETURN slot;
            END $$
            """.formatted(Workers.DEAD, HostSlots.FULL_RETRY.toMillis()),
            """
            CREATE TABLE records (
                id bigserial PRIMARY KEY,
                crawl bigint NOT NULL REFERENCES crawls,
                run bigint NOT NULL,
                url text NOT NULL,
                worker bigint NOT NULL REFERENCES workers,
                output text,
                error text,
                written boolean NOT NULL,
                record text NOT NULL,
                UNIQUE (crawl, run, url))
            """,
            "CREATE INDEX urls_leased ON urls (worker) WHERE state = 2",
            "CREATE INDEX records_output ON records (crawl, run, output, id)",
            // A page's completion in one call (one round trip instead of four), in one transaction:
            // false, changing nothing, when the worker no longer holds the page's lease. The page's
            // fetch facts replace the last ones, except after a 304 (p_not_modified): its content, its
            // hash and a validator it did not repeat stay; p_not_modified null: no facts, only done.
            // Its links to follow are kept (a later run may carry the page without fetching it) and,
            // p_queue, queued: a URL new to the crawl, one of an earlier run brought into this one
            // (carried, to be done without a fetch, when fetched since p_fresh_after), or a shorter
            // path to one queued.
            """
            CREATE FUNCTION trawl_complete(p_crawl bigint, p_run bigint, p_url text, p_worker bigint, p_follow text[],
                    p_hosts text[], p_queue boolean, p_depth integer, p_fresh_after timestamptz, p_status integer,
                    p_etag text, p_last_modified text, p_content_hash text, p_error text, p_content bytea,
                    p_not_modified boolean, p_record text, p_written boolean, p_output text) RETURNS boolean
            LANGUAGE plpgsql AS $$
            DECLARE
                link record;
                known record;
                new_ids bigint[] := '{}';
                new_urls text[] := '{}';
                new_hosts text[] := '{}';
                stale text[] := '{}';
            BEGIN
                IF p_not_modified IS NULL THEN
                    UPDATE urls SET state = 3, carry = false
                        WHERE crawl = p_crawl AND url = p_url AND worker = p_worker AND state = 2;
                ELSIF p_not_modified THEN
                    UPDATE urls SET state = 3, status = p_status, etag = coalesce(p_etag, etag),
                            last_modified = coalesce(p_last_modified, last_modified), fetched_at = now(),
                            fetched_run = p_run, error = p_error, follow = p_follow
                        WHERE crawl = p_crawl AND url = p_url AND worker = p_worker AND state = 2;
                ELSE
                    UPDATE urls SET state = 3, status = p_status, etag = p_etag, last_modified = p_last_modified,
                            content_hash = p_content_hash, fetched_at = now(), fetched_run = p_run, error = p_error,
                            content = p_content, follow = p_follow
                        WHERE crawl = p_crawl AND url = p_url AND worker = p_worker AND state = 2;
                END IF;
                IF NOT FOUND THEN
                    RETURN false;
                END IF;
                IF p_queue AND cardinality(p_follow) > 0 THEN
                    -- Each link looked up on its own, by (crawl, url): a session caches its plans from its
                    -- first calls, when the tables are nearly empty, and a plan for all the links at once
                    -- cached then read every URL of the crawl for each page (7 ms a page at 5,000 URLs).
                    -- Most links lead to URLs the run has (navigation): a plain read, no lock, no wait.
                    FOR link IN SELECT u.url, u.host FROM unnest(p_follow, p_hosts) WITH ORDINALITY AS u(url, host, n)
                            ORDER BY u.n LOOP
                        SELECT k.run, k.state, k.depth INTO known FROM urls k WHERE k.crawl = p_crawl AND k.url = link.url;
                        IF NOT FOUND THEN
                            -- Ids in the page's order: the queue's order within a depth, as in every frontier.
                            new_ids := new_ids || nextval('urls_id_seq');
                            new_urls := new_urls || link.url;
                            new_hosts := new_hosts || link.host;
                        ELSIF known.run < p_run OR (known.state = 1 AND known.depth > p_depth) THEN
                            stale := stale || link.url;
                        END IF;
                    END LOOP;
                    -- New URLs inserted, and known ones this page brings into the run (carried, to be done
                    -- without a fetch, when fetched since p_fresh_after) or is a shorter path to updated,
                    -- in the URLs' order: one for every worker, so that completions cannot deadlock on them.
                    INSERT INTO urls (id, crawl, url, host, depth, parent, run, state)
                        SELECT n.id, p_crawl, n.url, n.host, p_depth, p_url, p_run, 1
                        FROM unnest(new_ids, new_urls, new_hosts) AS n(id, url, host) ORDER BY n.url
                    ON CONFLICT (crawl, url) DO NOTHING;
                    FOR link IN SELECT s.url FROM unnest(stale) AS s(url) ORDER BY s.url LOOP
                        UPDATE urls SET depth = p_depth, parent = p_url, run = p_run,
                                state = CASE WHEN run < p_run THEN 1 ELSE state END,
                                worker = CASE WHEN run < p_run THEN NULL ELSE worker END,
                                carry = CASE WHEN run < p_run
                                    THEN coalesce(fetched_run IS NOT NULL AND fetched_at >= p_fresh_after, false)
                                    ELSE carry END
                            WHERE crawl = p_crawl AND url = link.url AND (run < p_run OR (state = 1 AND depth > p_depth));
                    END LOOP;
                END IF;
                IF p_record IS NOT NULL THEN
                    INSERT INTO records (crawl, run, url, worker, output, error, written, record)
                        VALUES (p_crawl, p_run, p_url, p_worker, p_output, p_error, p_written, p_record)
                        ON CONFLICT (crawl, run, url) DO NOTHING;
                END IF;
                RETURN true;
            END $$
            """,
            "INSERT INTO trawl_schema (version) VALUES (1)");

    private SharedSchema() {
    }

    /**
     * Brings the database to {@link #VERSION}: creates the tables in an empty one, leaves a current one
     * alone. Returns the version it found (0 for none).
     *
     * @throws SQLException also when the database is at a newer version than this trawl knows
     */
    public static int migrate(Connection connection) throws SQLException {
        return Database.inTransaction(connection, c -> {
            try (Statement sql = c.createStatement()) {
                sql.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                int found = version(sql);
                if (found > VERSION) {
                    throw new SQLException("the database holds a trawl state of schema version " + found
                            + ", newer than this trawl's " + VERSION + ": use a newer trawl");
                }
                if (found < 1) {
                    for (String statement : VERSION_1) {
                        sql.execute(statement);
                    }
                }
                return found;
            }
        });
    }

    private static int version(Statement sql) throws SQLException {
        try (ResultSet table = sql.executeQuery("SELECT to_regclass('trawl_schema') IS NOT NULL")) {
            table.next();
            if (!table.getBoolean(1)) {
                return 0;
            }
        }
        try (ResultSet version = sql.executeQuery("SELECT max(version) FROM trawl_schema")) {
            version.next();
            return version.getInt(1);
        }
    }
}
