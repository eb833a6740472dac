package io.strata.engine;

import io.strata.engine.h2.AttachedVolume;
import io.strata.storage.Point;
import io.strata.storage.Volume;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.engine.SessionLocal;

/**
 * The one door every commit of a database passes through: the commit runs in H2, a point covering its
 * writes is appended to the volume, and the caller is released only once that point is durable.
 *
 * <p>Who stores: H2 runs with a WRITE_DELAY so long that its own commits leave their changes in memory
 * ({@link EngineOptions#H2_WRITE_DELAY_MS}); this gate stores them ({@link #storeUnsaved}). So a commit
 * costs at most one chunk, however many times H2 committed inside it (its system session, for instance,
 * commits a sequence move for every explicit id inserted into an AUTO_INCREMENT column: with
 * WRITE_DELAY=0 that was a chunk per row), and concurrent commits share one (group commit): a commit runs
 * in H2 and takes a sequence number ({@link #committed}), then one flusher at a time ({@link #flush})
 * stores everything committed so far and appends one point for it; commits that ran meanwhile are covered
 * by that store or the next one, and then share its fsync.
 *
 * <p>Ordering, and why:
 * <ol>
 *   <li>{@link #commits} is held around H2's commit and around every store that a point is appended
 *       after (with the append). So a store never runs while H2 is inside a commit, and the point is a
 *       state with no commit half done. Measured (research Q7): with commits and stores running at once,
 *       0.7–1.9% of cuts showed a concurrently committing transaction half visible. Between a commit and
 *       the store covering it, the commit is in H2's memory only: other transactions may see it, and no
 *       point holds it yet; such a commit is no different from one whose fsync has not returned.</li>
 *   <li>While H2 commits, and while the flusher stores, no statement that may change H2's maps runs
 *       ({@link #statements}: such statements share it, a commit or a store takes it exclusively). Why:
 *       H2 snapshots its maps one by one when it stores a chunk; a statement of another transaction running
 *       meanwhile can be captured half done and, after a crash, recovered as committed (CrashCutTest, 4
 *       threads: with the commit lock alone 1 of 6,826 and 1 of 8,401 cuts showed an uncommitted insert).
 *       The gate waits for running statements without a time bound, and that cannot deadlock, because no
 *       statement ever waits inside H2 for a lock: lock waits happen outside H2 holding nothing
 *       ({@link LockWaits}). (An earlier version let a commit store its chunk alongside a statement it had
 *       waited 100 ms for, the case of a statement waiting for a row lock; under row-lock contention that
 *       recovered a half transaction at a crash point.) Queries that change nothing ({@link SqlKind#READ})
 *       take no share, so a long query does not hold up commits.</li>
 *   <li>A point is appended only right after a store made inside both locks ({@link #storeUnsaved}): it
 *       stores whatever H2 has not stored, the commits since the last store and whatever else changed.
 *       H2 may also have stored chunks outside commits (when a big statement's unsaved memory passes its
 *       threshold) while other statements ran; such a chunk may hold a statement half done. Any change a
 *       store did not capture leaves the store unsaved changes, so this store, with statements kept out,
 *       rewrites every map changed since and the newest chunk is whole again. Rollbacks (H2 may store
 *       for them, see TransactionStore's {@code wasStored}) run inside both locks ({@link #rollback}),
 *       and {@link #commitReadOnly} appends a point only through the same store. With the redo log
 *       ({@link RedoLog}) the "store" is usually a record of the commits captured since the last point,
 *       written inside both locks too; a chunk is stored instead whenever H2 wrote its file since the last
 *       point or anything changed that no record holds, so the rule above still decides every point.</li>
 *   <li>Nothing is acknowledged before a point holding everything it may have seen is durable: a commit
 *       waits for the point of a store made after it ran; a transaction that changed nothing may have read
 *       commits still only in memory, so it waits for a point covering every commit made before its end
 *       ({@link #commitReadOnly}).</li>
 *   <li>The wait for durability ({@link Volume#awaitDurable}) is outside {@link #commits} and
 *       {@link #statements}: while a point is being made durable, other transactions run statements and
 *       commit in H2. The flusher keeps {@link #flush} until its point is durable, so the commits made
 *       meanwhile share the next store, point and fsync (a store made during the fsync would wait for the
 *       next fsync anyway: the log is durable as a prefix and one fsync runs at a time); a commit covered
 *       by a store waits for that point outside every lock.</li>
 *   <li>A flusher about to store first lets other sessions' running statements (and auto-commit statements
 *       on their way to their commit) go on, for at most the engine's group-commit wait (200 us by
 *       default; {@link #awaitSiblings}), holding only {@link #flush}: their commits then share its store,
 *       point and fsync. On one CPU the store and the statements compete for the processor. Measured
 *       through the wire (server on one CPU, 4 connections, five on/off pairs of 3 x 10 s runs), insert was
 *       7-43% faster with it in every pair, read_write faster in two of three pairs and even in the third.
 *       With no other statement running (one connection) it never waits. A session waiting for a row lock
 *       counts as running, so a flusher may wait the whole bound for it.</li>
 * </ol>
 * Lock order: {@link #flush}, then {@link #commits}, then {@link #statements}. Thread-safe.
 */
final class CommitGate {

    /** A unit of work run inside the gate: an H2 commit, or a statement that commits inside H2. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Volume volume;
    private final AttachedVolume file;
    /**
     * Held by H2's commits and by the stores points are appended after; see the class comment for why.
     * Fair: a flusher asking for it after commits queued lets them run first, so its store covers them.
     */
    private final ReentrantLock commits = new ReentrantLock(true);
    /**
     * One flusher at a time, held from its store until its point is durable: commits made meanwhile queue
     * here and the next flusher covers them all with one store, one point and one fsync.
     */
    private final ReentrantLock flush = new ReentrantLock();
    /**
     * Shared by running statements, exclusive for a commit and for a store. Non-fair: a waiting commit or
     * store still goes before statements that arrive after it.
     */
    private final ReentrantReadWriteLock statements = new ReentrantReadWriteLock();
    /** Off only to measure what the exclusion costs (CommitThroughputBench): it is what keeps cuts whole. */
    private final boolean exclusion;
    /** How long a flusher lets running statements of other sessions go on before it stores ({@link #awaitSiblings}). */
    private final long groupCommitWaitNanos;
    private static final long SIBLING_POLL_NANOS = 10_000;
    /** Auto-commit statements between their start and their commit in H2 ({@link #statementThenCommit}). */
    private final AtomicInteger commitsOnTheirWay = new AtomicInteger();
    private final ThreadLocal<Boolean> onItsWay = new ThreadLocal<>();
    private final LockWaits lockWaits;
    /** Stores what H2 has not stored yet (MVStore.commit); a no-op when nothing is unsaved. Cheap to call. */
    private final Work<Void> storeUnsaved;
    /** Commits as records instead of chunks ({@link RedoLog}); null on a volume without a redo region. Guarded by {@link #commits}. */
    private final RedoLog redo;
    /** Commits run in H2 so far (each one's sequence number is the count after it); guarded by {@link #commits}. */
    private long committed;
    /** Commits the newest point holds: written (after {@link #lastPoint}) under {@link #commits}. */
    private volatile long storedThrough;
    /** The newest point appended; written under {@link #commits}. */
    private volatile Point lastPoint;
    /** The file's modification count when {@link #lastPoint} was appended; guarded by {@link #commits}. */
    private long modificationsAtLastPoint;
    /** The point each thread's last acknowledged commit waited for. */
    private final ThreadLocal<Point> lastAcked = new ThreadLocal<>();

    CommitGate(Volume volume, AttachedVolume file, Point opened, boolean exclusion, Duration groupCommitWait,
               LockWaits lockWaits, Work<Void> storeUnsaved, RedoLog redo) {
        this.redo = redo;
        this.groupCommitWaitNanos = groupCommitWait.toNanos();
        this.volume = volume;
        this.file = file;
        this.lastPoint = opened;
        this.modificationsAtLastPoint = file.modifications();
        this.exclusion = exclusion;
        this.lockWaits = lockWaits;
        this.storeUnsaved = storeUnsaved;
    }

    /** Runs one statement (not a commit) in H2, sharing {@link #statements} with other statements. */
    <T> T statement(Work<T> work) throws SQLException {
        statements.readLock().lock();
        try {
            return work.run();
        } finally {
            statements.readLock().unlock();
        }
    }

    /**
     * Runs {@code work}, an auto-commit statement and its commit: from its start until its commit has run in
     * H2, a flusher counts it as a commit on its way ({@link #awaitSiblings}), also in the moment between the
     * statement's end and the commit's start.
     */
    <T> T statementThenCommit(Work<T> work) throws SQLException {
        commitsOnTheirWay.incrementAndGet();
        onItsWay.set(Boolean.TRUE);
        try {
            return work.run();
        } finally {
            arrived();
        }
    }

    /** The calling thread's commit on its way (if any) has run in H2, or will not. */
    private void arrived() {
        if (onItsWay.get() != null) {
            onItsWay.remove();
            commitsOnTheirWay.decrementAndGet();
        }
    }

    /**
     * Runs {@code work} (which must end with H2 having committed) inside the gate, then returns once a
     * point covering it is durable. If {@code work} throws, nothing is acked (what it may have committed
     * in H2 is still covered by the next store).
     */
    <T> T commit(Work<T> work) throws SQLException {
        return commit(null, work);
    }

    /**
     * As {@link #commit(Work)}, for {@code work} that commits {@code session}'s transaction and nothing else:
     * its changes are captured for the redo log just before ({@link RedoLog#capture}), so the point covering
     * it needs no H2 chunk. With a null session (DDL, several statements, the engine's shutdown: H2 may
     * commit anything inside) the next point stores a chunk.
     */
    <T> T commit(SessionLocal session, Work<T> work) throws SQLException {
        T result;
        long sequence;
        commits.lock();
        try {
            lockStatementsOut();
            boolean ran = false;
            ByteBuffer captured = redo != null && session != null ? redo.capture(session) : null;
            try {
                result = work.run();
                ran = true;
            } finally {
                if (redo != null) {
                    redo.committed(ran ? captured : null);
                }
                // Even if work failed: H2 may have committed part of it, and others may see that.
                sequence = ++committed;
                arrived();
                if (exclusion) {
                    statements.writeLock().unlock();
                }
            }
        } finally {
            commits.unlock();
            lockWaits.wakeUp(); // the transaction ended (or failed to): statements waiting for its locks go on
        }
        Point point = flushThrough(sequence);
        awaitDurable(point);
        lastAcked.set(point);
        return result;
    }

    /**
     * Runs {@code work}, a rollback of a transaction (H2 stores a chunk when it rolls back changes), with
     * statements kept out and no commit running, so that chunk holds no statement or commit half done.
     * Appends no point: nothing to make durable (what the transaction read was shown to the client
     * before, as in any open transaction).
     */
    <T> T rollback(Work<T> work) throws SQLException {
        commits.lock();
        try {
            lockStatementsOut();
            try {
                return work.run();
            } finally {
                if (exclusion) {
                    statements.writeLock().unlock();
                }
            }
        } finally {
            commits.unlock();
            lockWaits.wakeUp(); // the transaction's locks are released
        }
    }

    /**
     * H2 committed a transaction with changes inside a statement (a statement H2 runs outside transactions
     * commits the one in progress): no capture holds it, so the next point stores a chunk, and it counts as
     * a commit, so that the client's COMMIT that follows waits for that point.
     */
    void committedInsideStatement() {
        commits.lock();
        try {
            ++committed;
            if (redo != null) {
                redo.uncaptured();
            }
        } finally {
            commits.unlock();
        }
    }

    /**
     * For a commit of a transaction that changed nothing: waits until every commit it may have seen is
     * durable, without taking a sequence number. {@link #committed} is read under {@link #commits}, which
     * H2's commits hold from before their changes become visible until they have their number, so it
     * counts every commit this transaction's reads can have seen. With no commit since the last store
     * (no concurrent writer) this stores nothing and only waits for the last point, as before.
     */
    void commitReadOnly() throws SQLException {
        long seen;
        commits.lock();
        try {
            seen = committed;
        } finally {
            commits.unlock();
        }
        Point point = flushThrough(seen);
        awaitDurable(point);
        lastAcked.set(point);
    }

    /**
     * A point holding every commit up to {@code sequence}: the newest one if a store already covered it
     * (it may still be on its way to durable), else one appended now, after storing everything committed
     * so far, and made durable before the next flusher may store (commits that ran while another flusher
     * stored or waited for its fsync are covered together by the next store).
     */
    private Point flushThrough(long sequence) throws SQLException {
        if (storedThrough >= sequence) {
            return lastPoint; // read after storedThrough, written before it: a point at least as new
        }
        if (commits.isHeldByCurrentThread()) {
            return store(); // a commit nested in gate work: taking the flush lock now would invert the order
        }
        flush.lock();
        try {
            if (storedThrough >= sequence) {
                return lastPoint;
            }
            awaitSiblings();
            Point point = store();
            // Still the flusher: commits made during this fsync wait for it here and then share one store.
            awaitDurable(point);
            return point;
        } finally {
            flush.unlock();
        }
    }

    /**
     * Before a flusher stores: while other sessions run statements that may change H2's maps, or wait to
     * (and so may commit next), and for at most {@link #groupCommitWaitNanos}, lets them run, so that their commits
     * join this store, point and fsync instead of waiting for the next ones. The flusher holds only
     * {@link #flush} meanwhile, so those statements and commits are not held up. With no other statement
     * running (a single connection, say) it does not wait at all.
     */
    private void awaitSiblings() {
        if (groupCommitWaitNanos <= 0 || !exclusion) {
            return;
        }
        long deadline = System.nanoTime() + groupCommitWaitNanos;
        while (othersRunStatements() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(SIBLING_POLL_NANOS);
        }
    }

    /**
     * Whether another session runs a statement that may change H2's maps, or waits to start one (it queued
     * behind the commit that just ran: it is about to run), or has an auto-commit statement on its way to
     * its commit.
     */
    private boolean othersRunStatements() {
        return statements.getReadLockCount() > statements.getReadHoldCount() || statements.hasQueuedThreads()
                || commitsOnTheirWay.get() > (onItsWay.get() != null ? 1 : 0);
    }

    /** Stores everything committed so far inside both locks and returns a point holding it. */
    private Point store() throws SQLException {
        commits.lock();
        try {
            lockStatementsOut();
            try {
                long through = committed;
                Point point = pointCoveringAllWrites();
                storedThrough = through;
                return point;
            } finally {
                if (exclusion) {
                    statements.writeLock().unlock();
                }
            }
        } finally {
            commits.unlock();
        }
    }

    /** Waits until no statement that may change H2's maps runs; they all end without waiting for a commit. */
    private void lockStatementsOut() throws SQLException {
        if (!exclusion) {
            return;
        }
        try {
            statements.writeLock().lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to commit", "57014", e);
        }
    }

    /** Whether the calling thread is inside the gate (committing in H2, or storing for a point). */
    boolean isHeldByCurrentThread() {
        return commits.isHeldByCurrentThread();
    }

    /** Threads waiting to commit in H2, to store, or to read the commit count; for tests. */
    int threadsWaitingForTheCommitLock() {
        return commits.getQueueLength();
    }

    Point lastAckedPointOfThisThread() {
        return lastAcked.get();
    }

    /**
     * The newest point appended so far (durable or not). It holds every acknowledged commit; commits
     * that H2 has made but no store has covered yet are not in it.
     */
    Point lastPoint() {
        return lastPoint;
    }

    /**
     * A point covering every write so far, appended after storing what H2 left unsaved (called with
     * {@link #commits} held and statements kept out): with H2's long write delay, that store is what puts
     * the commits on the volume. If nothing was written since the last point, that point is returned.
     */
    private Point pointCoveringAllWrites() throws SQLException {
        if (redo != null && !redo.mustStoreChunk(file.modifications() != modificationsAtLastPoint)) {
            if (redo.hasPending()) {
                writeRecordAndMark();
            }
            return lastPoint;
        }
        storeUnsaved.run();
        long modifications = file.modifications();
        if (modifications != modificationsAtLastPoint) {
            file.storedWithStatementsOut();
            try {
                if (redo != null) {
                    redo.startGeneration(); // the chunk holds every commit so far, the pending ones too
                }
                lastPoint = volume.markLazily();
            } catch (RuntimeException e) {
                throw new SQLException("could not append a point to the volume", "58030", e);
            }
            modificationsAtLastPoint = modifications;
        } else if (redo != null && redo.hasPending()) {
            writeRecordAndMark(); // H2 had nothing unsaved: the commits are still only in their records
        }
        return lastPoint;
    }

    private void writeRecordAndMark() throws SQLException {
        try {
            redo.writePending();
            lastPoint = volume.markLazily();
        } catch (RuntimeException e) {
            throw new SQLException("could not append a redo record and its point to the volume", "58030", e);
        }
    }

    private void awaitDurable(Point point) throws SQLException {
        try {
            volume.awaitDurable(point);
        } catch (RuntimeException e) {
            throw new SQLException("commit is in the engine but its point did not become durable", "58030", e);
        }
    }
}
