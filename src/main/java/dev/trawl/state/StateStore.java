package dev.trawl.state;

import dev.trawl.archive.WarcFiles;
import dev.trawl.frontier.Admission;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * The crawl's durable state in one SQLite file (the {@code --state} option): the run's frontier and
 * seen set, what each URL's last fetch left, and the committed length of the output. See the
 * package documentation for the tables.
 *
 * <p>Exactly once and append-only across crashes: lines of finished pages are held until a commit,
 * which first commits one transaction with everything since the last commit, the lines themselves
 * and the output's new committed length, then writes the lines to the output and forces the file to
 * disk. A crash at any instant leaves a database state whose done pages are exactly the lines of the
 * output's first {@code output_length} bytes, of which only the last commit's (stored in the state)
 * may be missing from the file, in part or in whole; the next run keeps what of them the file holds
 * and writes the rest. (Standard output cannot be read back: a resume writes the stored lines again,
 * so across a crash they may appear twice.)
 *
 * <p>Thread-safe: one connection, every access under one lock. Its own thread commits every
 * {@value #COMMIT_INTERVAL_MILLIS} ms while something is pending, and {@link #finish} commits inline
 * once {@value #INLINE_COMMIT_PAGES} pages are pending.
 */
public final class StateStore implements AutoCloseable {
    static final long COMMIT_INTERVAL_MILLIS = 250;
    static final int INLINE_COMMIT_PAGES = 2000;
    /** WARC records held for a commit, most bytes: bodies of up to --max-bytes each must not pile up in memory. */
    static final long INLINE_COMMIT_ARCHIVE_BYTES = 64L * 1024 * 1024;
    private static final int BUSY_TIMEOUT_MILLIS = 5000;
    private static final int CACHE_KIB = 16 * 1024;

    private final Path file;
    private final StateLock stateLock;
    private final Connection db;
    private final Journal journal = new Journal();
    private final ReentrantLock lock = journal.lock;
    private final UrlTable urls;
    private final FetchHistory history;
    private final Runs runs;
    private final Committer committer;
    private final CommitThread commitThread;
    private volatile Consumer<IOException> outputFailureListener = e -> { };

    private long run;
    /** With --recrawl-after, URLs of earlier runs fetched at or after this time (as stored) are not fetched again. */
    private String freshAfter;
    private RecordCounts recordedBefore = RecordCounts.NONE;
    private Clock clock;
    private SqliteFrontier frontier;
    private boolean ended;
    private boolean closed;

    private StateStore(Path file, StateLock stateLock, Connection db, Duration commitInterval, CommitHook hook)
            throws SQLException {
        this.file = file;
        this.stateLock = stateLock;
        this.db = db;
        this.urls = new UrlTable(db);
        this.history = new FetchHistory(db);
        this.runs = new Runs(db);
        this.committer = new Committer(file, db, journal, runs, hook);
        this.commitThread = new CommitThread(lock, commitInterval, this::backgroundCommit);
    }

    /**
     * Opens or creates the state (WAL, synchronous=FULL, a busy timeout), checks or creates the
     * schema, and takes the exclusive lock on {@code FILE.lock}, writing our pid into it.
     *
     * @throws StateLockedException another process (or another store in this JVM) holds the lock
     * @throws StateException       the file is not trawl state, is of a newer schema, or cannot be read
     */
    public static StateStore open(Path file) throws StateLockedException, StateException {
        return open(file, Duration.ofMillis(COMMIT_INTERVAL_MILLIS));
    }

    /** {@link #open(Path)} with another pace for the commit thread (tests). */
    static StateStore open(Path file, Duration commitInterval) throws StateLockedException, StateException {
        return open(file, commitInterval, CommitHook.NONE);
    }

    /** {@link #open(Path, Duration)} with a hook between a commit's transaction and its write (tests that crash there). */
    static StateStore open(Path file, Duration commitInterval, CommitHook hook)
            throws StateLockedException, StateException {
        StateLock stateLock = StateLock.take(file);
        Connection db = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: each commit is on disk before its lines are written, so not even a power loss can
            // leave lines in the file whose commit the state forgot (one fsync per commit, about 4 a second).
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
            config.setCacheSize(-CACHE_KIB);
            db = config.createConnection("jdbc:sqlite:" + file);
            db.setAutoCommit(false);
            Schema.createOrCheck(db);
            return new StateStore(file, stateLock, db, commitInterval, hook);
        } catch (SQLException | StateException e) {
            closeQuietly(db);
            stateLock.close();
            throw new StateException("cannot use " + file + " as trawl state: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(db);
            stateLock.close();
            throw e;
        }
    }

    /**
     * Begins the crawl's run. An unfinished last run (running or interrupted) is resumed with its
     * committed output length and admitted hosts. Otherwise a new run starts; after earlier runs it
     * is a recrawl: it discovers the site from the seeds again, and the URLs of earlier runs join it
     * as its links reach them, with this run's depth and parent, to be fetched with their stored
     * validators; those it never reaches are queued once it has drained
     * ({@link Frontier#queueUnreached}). A URL fetched less than {@code recrawlAfter} before the
     * run began joins it as done instead (not fetched), its stored links followed.
     */
    public RunStart beginRun(Optional<Path> output, Optional<Duration> recrawlAfter, Clock clock)
            throws StateException {
        lock.lock();
        try {
            requireOpen();
            if (run != 0) {
                throw new IllegalStateException("the run has begun already");
            }
            long pid = ProcessHandle.current().pid();
            RunStart start;
            Runs.Last last = runs.last();
            if (last != null && last.unfinished()) {
                runs.resume(last.id(), pid);
                start = new RunStart(last.id(), true, last.outputLength(), runs.admittedHosts(last.id()));
                recordedBefore = runs.recorded(last.id());
            } else {
                long id = runs.start(clock.instant(),
                        output.map(path -> path.toAbsolutePath().normalize().toString()).orElse(null), pid);
                start = new RunStart(id, false, 0, Set.of());
            }
            // From the run's start, so that a resumed run judges its URLs as it began to.
            Instant startedAt = runs.startedAt(start.run());
            freshAfter = recrawlAfter.map(age -> Schema.time(startedAt.minus(age))).orElse(null);
            db.commit();
            this.clock = clock;
            run = start.run();
            committer.begin(run);
            commitThread.start();
            return start;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StateException("cannot begin the run in " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The run's frontier, persisted, with {@link dev.trawl.frontier.LocalFrontier}'s semantics; at
     * most {@code window} queued URLs are held in memory. Its {@code close()} does nothing: closing
     * the store closes the database. Call once, after {@link #beginRun}.
     */
    public Frontier frontier(int maxDepth, int window, Admission admission) {
        return frontier(OptionalInt.of(maxDepth), window, admission);
    }

    /** The run's frontier, as above; {@code maxDepth} empty follows links without limit. */
    public Frontier frontier(OptionalInt maxDepth, int window, Admission admission) {
        Frontier.checkMaxDepth(maxDepth);
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1");
        }
        lock.lock();
        try {
            requireRun();
            if (frontier != null) {
                throw new IllegalStateException("the frontier exists already");
            }
            runs.dropBeyond(run, maxDepth);
            long[] queued = runs.queue(run);
            RunQueue queue = new RunQueue(journal, urls, run, queued[0], queued[1], window);
            frontier = new SqliteFrontier(journal, urls, history, queue, run, maxDepth, freshAfter, admission);
            journal.changed();
            return frontier;
        } catch (SQLException e) {
            throw UrlTable.failure(e);
        } finally {
            lock.unlock();
        }
    }

    /** Remembers a host admitted to scope (a seed's, a seed's redirect target's) so that a resume has the same scope. */
    public void admitHost(String host) {
        lock.lock();
        try {
            requireRun();
            if (journal.open()) {
                runs.admitHost(run, host);
                journal.changed();
            }
        } catch (SQLException e) {
            throw UrlTable.failure(e);
        } finally {
            lock.unlock();
        }
    }

    /** The last fetch of a URL, in any earlier run or earlier in this one. */
    public Optional<Previous> previous(String url) {
        lock.lock();
        try {
            return closed ? Optional.empty() : history.previous(url);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The content stored with a URL's last 2xx answer (kept through the 304s since), for the record of
     * a 304; empty when there is none, or when what is stored cannot be read.
     */
    public Optional<PageContent> content(String url) {
        byte[] blob;
        lock.lock();
        try {
            blob = closed ? null : history.content(url);
        } finally {
            lock.unlock();
        }
        if (blob == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContentCodec.decode(blob));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not written by this codec: the record goes without, as before version 2
        }
    }

    /**
     * A page is finished: it is marked done with its facts (replacing an earlier fetch's; null keeps
     * them), its links are offered as {@link Frontier#complete} offers them, and {@code line} (whole,
     * newline included; null: no output for this page) joins the pending output. Durable at the next
     * commit. After an output failure, the end of the run or close, it does nothing.
     */
    public void finish(Task task, List<String> links, FetchFacts facts, byte[] line) {
        finish(task, links, facts, line, List.of());
    }

    /**
     * The same, with the WARC records of the page's exchanges (each exchange's records whole, in
     * order), which reach the archive with the page's commit ({@link #archiveInto}).
     */
    public void finish(Task task, List<String> links, FetchFacts facts, byte[] line, List<byte[]> records) {
        IOException failure = null;
        // Compressed before taking the lock, so that pages finishing together are encoded in parallel.
        byte[] content = facts == null || facts.content() == null ? null : ContentCodec.encode(facts.content());
        lock.lock();
        try {
            if (!journal.open()) {
                return;
            }
            if (frontier == null) {
                throw new IllegalStateException("finish() before frontier()");
            }
            if (line != null && !committer.hasOutput()) {
                throw new IllegalStateException("finish() with a line before output()");
            }
            if (!records.isEmpty() && !committer.hasArchive()) {
                throw new IllegalStateException("finish() with WARC records before archiveInto()");
            }
            frontier.completeLocked(task, links, facts, content);
            if (committer.finished(line, records)) {
                failure = commitOrFailure();
            }
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            outputFailureListener.accept(failure);
        }
    }

    /**
     * The records the run had made before this process began it again (a resumed run), as committed
     * then; {@link RecordCounts#NONE} for a run begun by this process.
     */
    public RecordCounts recordedBefore() {
        lock.lock();
        try {
            requireRun();
            return recordedBefore;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Committed WARC records go to {@code files}. Once, after beginRun and before {@link #output}: it
     * commits at once where the run's archive stands, so that no record is written into a file the
     * state does not know of. Resuming a run that archived to the same {@code --warc} name goes on
     * where its committed records end, once what a crash left after them is cut (records of pages not
     * committed, a torn one, files a roll-over began); any other run begins a new file, the first free
     * of the name ({@code FILE}, else {@code FILE-00001.warc.gz}, ...), so earlier runs' files are kept.
     * A resumed run's earlier archive under another name is cut back all the same.
     *
     * @throws ArchiveWriteException the earlier archive cannot be cut
     */
    public void archiveInto(WarcFiles files) throws IOException {
        lock.lock();
        try {
            requireRun();
            if (committer.hasOutput() || committer.hasArchive()) {
                throw new IllegalStateException("archiveInto() once, before output()");
            }
            Runs.Archive stored = runs.archive(run);
            PendingArchive archive;
            if (stored.file() == null) {
                archive = PendingArchive.begin(files, files.firstFree());
            } else if (sameFile(files.base(), stored.base())) {
                archive = PendingArchive.resume(files, Path.of(stored.file()), stored.length());
            } else {
                cutQuietly(stored);
                archive = PendingArchive.begin(files, files.firstFree());
            }
            runs.archive(run, absolute(files.base()), absolute(archive.path()), archive.length());
            db.commit();
            committer.archive(archive);
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IOException("cannot record the WARC file in " + this.file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Cuts the archive a resumed run wrote under another name; that it cannot be is no reason to stop. */
    private static void cutQuietly(Runs.Archive stored) {
        try {
            PendingArchive.cut(Path.of(stored.base()), Path.of(stored.file()), stored.length());
        } catch (IOException | RuntimeException e) {
            // the old archive keeps what a crash left after its committed end; the new one is whole
        }
    }

    /** WARC records of an exchange of no page (robots.txt, a sitemap): written with the next commit. */
    public void archive(byte[] records) {
        IOException failure = null;
        lock.lock();
        try {
            if (!journal.open() || !committer.hasArchive()) {
                return;
            }
            if (committer.archived(List.of(records))) {
                failure = commitOrFailure();
            }
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            outputFailureListener.accept(failure);
        }
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    /**
     * Committed lines go to this file, appended. Once, after beginRun. Resuming into the file the run
     * wrote to keeps every line in it and completes the last commit's lines ({@link PendingOutput#resume}).
     * Any other file starts empty: the lines written before the interruption are in the file they went
     * to, and those of the last commit's lines that the old file lacks are written first in the new one.
     */
    public void output(Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // /dev/null, a named pipe: nothing to read back or cut, so it goes as stdout does.
            PendingOutput device = PendingOutput.toDevice(file);
            try {
                outputStream(device);
            } catch (IOException | RuntimeException e) {
                device.close();
                throw e;
            }
            return;
        }
        lock.lock();
        try {
            requireNoOutput();
            Runs.Output stored = runs.output(run);
            if (sameFile(file, stored.path())) {
                PendingOutput output = PendingOutput.resume(file, stored.batch());
                committer.output(output, output.startLength());
                return;
            }
            PendingOutput output = PendingOutput.toNewFile(file);
            output.add(stored.batch().notIn(stored.path())); // stored again, at 0 in this file, by the next commit
            runs.output(run, file.toAbsolutePath().normalize().toString());
            journal.changed();
            committer.output(output, 0);
        } catch (SQLException e) {
            throw new IOException("cannot record the output in " + this.file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the run's recorded output names this file, however either is spelt (./x, a/../x, a symlink). */
    private static boolean sameFile(Path file, String recorded) {
        if (recorded == null) {
            return false;
        }
        Path other = Path.of(recorded);
        try {
            if (Files.exists(file) && Files.exists(other)) {
                return Files.isSameFile(file, other);
            }
        } catch (IOException e) {
            // fall back to comparing the names
        }
        return file.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
    }

    /**
     * Committed lines go to this stream (stdout), flushed at each commit; it is not closed. Once, after
     * beginRun. The last commit's lines go first: the stream or file they went to before cannot be
     * trusted to have them (a file's whole lines are), so they may be written twice.
     */
    public void output(OutputStream stream) throws IOException {
        outputStream(PendingOutput.toStream(Objects.requireNonNull(stream)));
    }

    private void outputStream(PendingOutput output) throws IOException {
        lock.lock();
        try {
            requireNoOutput();
            Runs.Output stored = runs.output(run);
            long written = stored.batch().at(); // a stream's length is a count of bytes written
            if (stored.path() != null) {
                runs.output(run, null);
                journal.changed();
                written = 0;
            }
            output.add(stored.batch().notIn(stored.path()));
            committer.output(output, written);
        } catch (SQLException e) {
            throw new IOException("cannot record the output in " + this.file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Who hears of a failure in a commit the store did on its own: on its thread, inline in
     * {@link #finish}, or the last one in {@link #close}. Called without the store's lock held.
     */
    public void onOutputFailure(Consumer<IOException> listener) {
        outputFailureListener = Objects.requireNonNull(listener);
    }

    /**
     * Makes all finished pages durable: one transaction commits everything since the last commit with
     * the pending lines and the new committed output length; then the lines are written to the output
     * and, for a file, forced to disk. If the transaction fails, it is rolled back to the last commit;
     * if the output cannot be written, the lines stay stored for a resume. Either way the store takes
     * no more changes (the frontier hands out nothing, so the crawl ends), and the failure is thrown,
     * here and by any later commit.
     */
    public void commit() throws IOException {
        lock.lock();
        try {
            if (!closed) {
                committer.commit();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the run: commits, then marks it finished (the crawl drained) or interrupted (stopped
     * early). A run whose output failed is always interrupted, and that failure is not thrown again.
     * After this the store takes no more changes.
     *
     * @throws IOException the final commit failed (the run is marked interrupted all the same)
     */
    public void endRun(boolean finished) throws IOException {
        IOException failure = null;
        lock.lock();
        try {
            requireRun();
            if (ended) {
                return;
            }
            if (journal.failure() == null) {
                try {
                    committer.commit();
                } catch (IOException e) {
                    failure = e;
                }
            }
            try {
                runs.end(run, finished && journal.failure() == null, clock.instant());
                if (journal.failure() == null && committer.hasOutput()) {
                    runs.outputCommitted(run, committer.writtenLength(), null); // the last lines are written
                }
                db.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                if (failure == null) {
                    failure = new IOException("cannot end the run in " + file + ": " + e.getMessage(), e);
                }
            }
            ended = true;
            journal.stop();
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops the commit thread, commits what is pending (best effort), closes the database and releases the lock. Idempotent. */
    @Override
    public void close() {
        commitThread.stop();
        IOException failure = null;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (journal.open()) {
                failure = commitOrFailure(); // what was not committed is fetched again on resume
            }
            release();
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            outputFailureListener.accept(failure);
        }
    }

    /** For tests: dies as a killed process would, dropping the open transaction and the pending lines. */
    void crashForTest() {
        commitThread.stop();
        lock.lock();
        try {
            if (!closed) {
                committer.discard();
                release();
            }
        } finally {
            lock.unlock();
        }
    }

    /** URLs known to the run, for tests. */
    long knownForTest() {
        lock.lock();
        try {
            return runs.known(run);
        } catch (SQLException e) {
            throw UrlTable.failure(e);
        } finally {
            lock.unlock();
        }
    }

    private void backgroundCommit() {
        IOException failure = null;
        lock.lock();
        try {
            if (journal.open()) {
                failure = commitOrFailure();
            }
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            outputFailureListener.accept(failure);
        }
    }

    /**
     * Commits, under the lock; returns the failure (null: none), for the listener to hear once the
     * lock is released.
     */
    private IOException commitOrFailure() {
        try {
            committer.commit();
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private void release() {
        closed = true;
        journal.stop();
        committer.close();
        closeQuietly(db); // an open transaction is rolled back
        stateLock.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    private void requireRun() {
        requireOpen();
        if (run == 0) {
            throw new IllegalStateException("beginRun() first");
        }
    }

    private void requireNoOutput() {
        requireRun();
        if (committer.hasOutput()) {
            throw new IllegalStateException("the output is set already");
        }
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException e) {
            // The connection is going away; SQLite rolls back on close.
        }
    }

    private static void closeQuietly(Connection db) {
        if (db == null) {
            return;
        }
        try {
            db.close();
        } catch (SQLException e) {
            // nothing more to release
        }
    }
}
