package io.strata.engine;

import io.strata.engine.h2.AttachedVolume;
import io.strata.engine.h2.VolumeRegistry;
import io.strata.storage.Backtrack;
import io.strata.storage.Lsn;
import io.strata.storage.PageStore;
import io.strata.storage.Point;
import io.strata.storage.Volume;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import org.h2.Driver;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * A live H2 engine (MODE=MySQL) on one Strata volume. Every commit acknowledged through a connection of
 * {@link #open()} is on the volume and covered by a durable point before the acknowledging call returns.
 *
 * <p>Life cycle, all explicit: {@link #open(Volume, EngineOptions)} attaches the volume (creating the
 * database if the volume is empty) and {@link #close()} shuts H2 down and detaches it. A volume is
 * attached to at most one live engine; it must be closed before its volume is backtracked or swapped,
 * because a live engine keeps its own view of the file and would silently undo the rewind (research Q5.3).
 * {@link #openAt} and {@link #backtrack} are the offline operations.
 *
 * <p>Thread-safe: any number of threads may open and use connections concurrently.
 */
public final class Database implements ConnectionFactory, AutoCloseable {

    private static final Driver DRIVER = Driver.load();

    /**
     * The collation of every database created from now on: case- and accent-insensitive comparison, like
     * MySQL 8's default {@code utf8mb4_0900_ai_ci} ({@code 'a' = 'A'}, a UNIQUE key rejects {@code ALICE@x}
     * next to {@code alice@x}, ORDER BY, GROUP BY, DISTINCT and LIKE ignore case). H2 accepts SET COLLATION
     * only while a database has no tables, so it is set once, at creation, and stored in the database;
     * databases created before it keep H2's binary comparison and open as before.
     */
    static final String NEW_DATABASE_COLLATION = "SET COLLATION ENGLISH STRENGTH PRIMARY";

    private final Volume volume;
    private final AttachedVolume file;
    private final String url;
    /** Keeps H2's database open between client connections; also runs SHUTDOWN at close. */
    private final Connection anchor;
    private final CommitGate gate;
    private final LockWaits lockWaits = new LockWaits();
    private final Lsn firstValidPoint;
    /** Null when commits are stored as chunks only (option off, or a volume made before the redo region). */
    private final RedoLog redo;
    private final int replayedCommits;
    private volatile boolean closed;

    private Database(Volume volume, AttachedVolume file, String url, Connection anchor, Point opened, Lsn firstValid,
                     EngineOptions options, RedoLog redo, int replayedCommits) {
        this.replayedCommits = replayedCommits;
        this.volume = volume;
        this.file = file;
        this.url = url;
        this.anchor = anchor;
        MVStore store = mvStore(anchor);
        this.gate = new CommitGate(volume, file, opened, options.commitExclusion(), options.groupCommitWait(), lockWaits, () -> {
            if (!store.isClosed()) {
                InlineStores.ensure(store); // a SET WRITE_DELAY may have brought H2's executors back
                if (store.hasUnsavedChanges()) {
                    store.commit();
                }
            }
            return null;
        }, redo);
        this.redo = redo;
        file.observeCommits(gate::isHeldByCurrentThread);
        this.firstValidPoint = firstValid;
    }

    /**
     * Starts the engine on {@code volume}, creating an empty database if the volume is empty.
     *
     * @throws IllegalStateException if the volume is already attached to a live engine
     * @throws SQLException          if H2 cannot open the database
     */
    public static Database open(Volume volume, EngineOptions options) throws SQLException {
        AttachedVolume file = VolumeRegistry.attach(volume, options.substituteStoreHeader());
        String url = "jdbc:h2:" + file.databaseName() + options.urlSettings();
        String sessionUrl = "jdbc:h2:" + file.databaseName() + options.sessionUrlSettings();
        Connection anchor = null;
        try {
            boolean create = volume.size() == 0;
            if (create) {
                // Created in memory, then landed with one write: no point can catch it half made.
                file.beginStaging();
            }
            anchor = DRIVER.connect(url, credentials());
            takeOverStores(anchor, options); // before anything is stored
            int replayed = 0;
            if (create) {
                try (Statement s = anchor.createStatement()) {
                    s.execute(NEW_DATABASE_COLLATION);
                    s.execute("CHECKPOINT");
                }
                file.publishStaged(mvStore(anchor).getCurrentVersion());
            } else {
                // Commits made after H2's newest chunk are in the redo log, whatever the options say now.
                RedoLog.Replayed r = RedoLog.replay(anchor, file);
                replayed = r.commits();
                if (r.schemaRows() > 0) {
                    // Sequence moves were replayed: H2 reads its sequences only when it opens.
                    try (Statement s = anchor.createStatement()) {
                        s.execute("SHUTDOWN");
                    }
                    anchor = DRIVER.connect(url, credentials());
                    takeOverStores(anchor, options);
                }
            }
            RedoLog redo = options.redoCommitsPerChunk() > 0
                    ? RedoLog.start(anchor, file, options.redoCommitsPerChunk()).orElse(null) : null;
            Point opened = volume.mark();
            Lsn firstValid = create ? opened.lsn() : DatabasePoints.firstHoldingDatabase(volume, opened).lsn();
            return new Database(volume, file, sessionUrl, anchor, opened, firstValid, options, redo, replayed);
        } catch (SQLException | IOException | RuntimeException e) {
            shutDownQuietly(anchor, e);
            VolumeRegistry.detach(file);
            if (e instanceof SQLException sqlException) {
                throw sqlException;
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException("cannot open the database on its volume", "58030", e);
        }
    }

    /**
     * Opens the state {@code source} had at {@code point} as a new volume {@code name} (an O(1) clone)
     * and starts an engine on it. {@code source} may be live; it is not touched.
     *
     * @throws IllegalArgumentException if {@code point} precedes the creation of the database
     */
    public static Database openAt(PageStore store, Volume source, Lsn point, String name, EngineOptions options)
            throws SQLException {
        DatabasePoints.requireDatabase(source, point);
        Volume clone = store.clone(source, point, name);
        try {
            return open(clone, options);
        } catch (SQLException | RuntimeException e) {
            store.delete(clone);
            throw e;
        }
    }

    /**
     * Rewinds {@code volume} to its state at the last point at or before {@code to}. Offline only.
     *
     * @throws IllegalStateException    if a live engine has the volume attached
     * @throws IllegalArgumentException if that point precedes the creation of the database
     */
    public static Backtrack backtrack(Volume volume, Instant to) {
        if (VolumeRegistry.isAttached(volume)) {
            throw new IllegalStateException("close the Database on this volume before backtracking it: "
                    + "a live engine would silently undo the backtrack");
        }
        Point target = volume.pointAtOrBefore(to)
                .orElseThrow(() -> new IllegalArgumentException("no point at or before " + to));
        DatabasePoints.requireDatabase(volume, target.lsn());
        return volume.backtrack(to);
    }

    /** A new session; see {@link DurableConnection} for what its commits guarantee. */
    @Override
    public Connection open() throws SQLException {
        if (closed) {
            throw new SQLException("database is closed", "08003");
        }
        return DurableConnection.wrap(DRIVER.connect(url, credentials()), gate, lockWaits);
    }

    /** The first point of the volume that holds this database; points before it must not be opened. */
    public Lsn firstValidPoint() {
        return firstValidPoint;
    }

    /** The newest point appended for a commit (or for opening); durable once its commit was acked. */
    public Point lastCommitPoint() {
        return gate.lastPoint();
    }

    public Volume volume() {
        return volume;
    }

    /**
     * The point that made this thread's last acknowledged commit durable: a state holding that commit
     * and every commit acknowledged before it, on any thread.
     */
    public Point lastAckedPointOfThisThread() {
        return gate.lastAckedPointOfThisThread();
    }

    /**
     * Writes H2 made to the volume outside any commit (a chunk stored because unsaved memory grew past
     * H2's threshold): such a store may capture a commit that another thread is applying.
     */
    public long writesOutsideCommits() {
        return file.writesOutsideCommits();
    }

    /** Statement executions that met a locked row (or table) and waited outside H2 for its holder. */
    public long lockWaits() {
        return lockWaits.waits();
    }

    /** Transactions rolled back because waiting for a lock would have closed a cycle of waits. */
    public long deadlocks() {
        return lockWaits.deadlocks();
    }

    /**
     * For crash tests: marks a point now, at whatever write boundary H2 is, unless H2's newest writes were
     * made outside a commit (see {@link io.strata.engine.h2.AttachedVolume#atWriteBoundaryTheEngineCouldMark}).
     */
    java.util.Optional<Point> markAtRandomMomentForCrashTest() {
        return file.atWriteBoundaryTheEngineCouldMark(volume::markLazily);
    }

    /** Writes (and truncates) H2 made to the volume since it was attached. */
    public long volumeWrites() {
        return file.modifications();
    }

    /** Chunks H2 stored on the volume since it was attached (each one store of its maps). */
    public long chunkWrites() {
        return file.chunkWrites();
    }

    /** Commits applied from the redo log when this engine opened (see {@link RedoLog#replay}). */
    public int replayedCommits() {
        return replayedCommits;
    }

    /** Redo records written since open (each holds the commits of one point); 0 without a redo log. */
    public long redoRecords() {
        return redo == null ? 0 : redo.recordsWritten();
    }

    /** Store-header writes H2 made. */
    public long headerWrites() {
        return file.headerWrites();
    }

    /** Store-header writes that named an older chunk than the newest complete one. */
    public long headersBehind() {
        return file.headersBehind();
    }

    /** Store-header writes rewritten to name the newest complete chunk (0 with the fix off). */
    public long headerSubstitutions() {
        return file.headerSubstitutions();
    }

    /**
     * Shuts H2 down (ending every session; open transactions roll back), marks a durable point for the
     * closed state and detaches the volume. Idempotent.
     */
    @Override
    public synchronized void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        lockWaits.close(); // statements waiting for a lock give up; H2 then tells them it is closed
        try {
            // Inside the gate: no commit can be between its H2 commit and its point while H2 shuts down.
            gate.commit(() -> {
                try (Statement s = anchor.createStatement()) {
                    s.execute("SHUTDOWN");
                }
                return null;
            });
        } finally {
            VolumeRegistry.detach(file);
        }
    }

    /**
     * Sets up how H2 stores, on a newly opened H2: every chunk is written on the storing thread
     * ({@link InlineStores}), and H2 stores on its own only past a limit that follows the cache
     * ({@link UnsavedMemory}).
     */
    private static void takeOverStores(Connection anchor, EngineOptions options) {
        MVStore store = mvStore(anchor);
        InlineStores.ensure(store);
        UnsavedMemory.limit(store, options.cacheSizeMb());
    }

    static MVStore mvStore(Connection h2) {
        return ((SessionLocal) ((JdbcConnection) h2).getSession()).getDatabase().getStore().getMvStore();
    }

    /** Whether H2 would store chunks on its own threads (never, see {@link InlineStores}); for tests. */
    boolean storesAsynchronously() {
        return InlineStores.asynchronous(h2Store());
    }

    /** Threads waiting for the commit gate's lock (to commit in H2, to store, or to read); for tests. */
    int threadsWaitingInCommitGate() {
        return gate.threadsWaitingForTheCommitLock();
    }

    /** H2's store of this database; for tests. */
    MVStore h2Store() {
        return mvStore(anchor);
    }

    private static Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        return p;
    }

    private static void shutDownQuietly(Connection anchor, Exception cause) {
        if (anchor == null) {
            return;
        }
        try (Statement s = anchor.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
