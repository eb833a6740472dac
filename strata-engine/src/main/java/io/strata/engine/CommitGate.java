package io.strata.engine;

import io.strata.engine.h2.AttachedVolume;
import io.strata.storage.Point;
import io.strata.storage.Volume;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The one door every commit of a database passes through: the commit runs in H2, a point covering its
 * writes is appended to the volume, and the caller is released only once that point is durable.
 *
 * <p>Who stores: H2 runs with a WRITE_DELAY so long that its own commits leave their changes in memory
 * ({@link EngineOptions#H2_WRITE_DELAY_MS}); this gate stores them, once per commit that needs a point
 * ({@link #storeUnsaved}). So a commit costs one chunk, however many times H2 committed inside it (its
 * system session, for instance, commits a sequence move for every explicit id inserted into an
 * AUTO_INCREMENT column: with WRITE_DELAY=0 that was a chunk per row).
 *
 * <p>Ordering, and why:
 * <ol>
 *   <li>{@link #commits} is held around H2's commit, the store of its chunk and the append of the point.
 *       The chunk is on the volume when the store returns; appending the point before another
 *       commit starts means the point is a state with no commit half done. Measured (research Q7):
 *       without this lock 0.7–1.9% of cuts showed a concurrently committing transaction half visible.</li>
 *   <li>While a commit stores its chunk, no statement that may change H2's maps runs ({@link #statements}:
 *       such statements share it, a commit takes it exclusively). Why: H2 snapshots its maps one by one
 *       when it stores a chunk; a statement of another transaction running meanwhile can be captured half
 *       done and, after a crash, recovered as committed (CrashCutTest, 4 threads: with the commit lock
 *       alone 1 of 6,826 and 1 of 8,401 cuts showed an uncommitted insert). The commit waits for running
 *       statements without a time bound, and that cannot deadlock, because no statement ever waits
 *       inside H2 for a lock: lock waits happen outside H2 holding nothing ({@link LockWaits}). (An
 *       earlier version let a commit store its chunk alongside a statement it had waited 100 ms for, the
 *       case of a statement waiting for a row lock; under row-lock contention that recovered a half
 *       transaction at a crash point.) Queries that change nothing ({@link SqlKind#READ}) take no share,
 *       so a long query does not hold up commits.</li>
 *   <li>Before the point is appended, still inside both locks, whatever H2 has not stored is stored
 *       ({@link #storeUnsaved}): the commit just made, and whatever else changed since the last store.
 *       H2 may also have stored chunks outside commits (when a big statement's unsaved memory passes its
 *       threshold) while other statements ran; such a chunk may hold a statement half done. Any change a
 *       store did not capture leaves the store unsaved changes, so this store, with statements kept out,
 *       rewrites every map changed since and the newest chunk is whole again. Rollbacks (H2 may store
 *       for them, see TransactionStore's {@code wasStored}) run inside both locks ({@link #rollback}),
 *       and {@link #commitReadOnly} appends no point at all.</li>
 *   <li>The wait for durability ({@link Volume#awaitDurable}) is outside both locks, so the fsyncs of
 *       concurrent commits are shared (group commit) instead of serialized.</li>
 * </ol>
 * Lock order: {@link #commits}, then {@link #statements}. Thread-safe.
 */
final class CommitGate {

    /** A unit of work run inside the gate: an H2 commit, or a statement that commits inside H2. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Volume volume;
    private final AttachedVolume file;
    /** Serializes commits of this database; see the class comment for why. */
    private final ReentrantLock commits = new ReentrantLock();
    /**
     * Shared by running statements, exclusive for a commit storing its chunk. Non-fair: a waiting commit
     * still goes before statements that arrive after it.
     */
    private final ReentrantReadWriteLock statements = new ReentrantReadWriteLock();
    /** Off only to measure what the exclusion costs (CommitThroughputBench): it is what keeps cuts whole. */
    private final boolean exclusion;
    private final LockWaits lockWaits;
    /** Stores what H2 has not stored yet (MVStore.commit); a no-op when nothing is unsaved. Cheap to call. */
    private final Work<Void> storeUnsaved;
    /** The newest point appended, and the file's modification count then; guarded by {@link #commits}. */
    private Point lastPoint;
    private long modificationsAtLastPoint;
    /** The point each thread's last acknowledged commit waited for. */
    private final ThreadLocal<Point> lastAcked = new ThreadLocal<>();

    CommitGate(Volume volume, AttachedVolume file, Point opened, boolean exclusion, LockWaits lockWaits,
               Work<Void> storeUnsaved) {
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
     * Runs {@code work} (which must end with H2 having committed) inside the gate, then returns once a
     * point covering it is durable. If {@code work} throws, nothing is acked.
     */
    <T> T commit(Work<T> work) throws SQLException {
        T result;
        Point point;
        commits.lock();
        try {
            lockStatementsOut();
            try {
                result = work.run();
                point = pointCoveringAllWrites();
            } finally {
                if (exclusion) {
                    statements.writeLock().unlock();
                }
            }
        } finally {
            commits.unlock();
            lockWaits.wakeUp(); // the transaction ended (or failed to): statements waiting for its locks go on
        }
        awaitDurable(point);
        lastAcked.set(point);
        return result;
    }

    /**
     * Runs {@code work}, a rollback of a transaction (H2 stores a chunk when it rolls back changes), with
     * statements kept out, so that chunk holds no statement half done. Appends no point: nothing to make
     * durable.
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
     * For a commit of a transaction that changed nothing: waits until everything committed so far is
     * durable (the transaction may have read it), without taking part in the commit order. Every commit
     * appends its point inside {@link #commits}, so the last point covers every commit this transaction
     * can have seen; no new point is needed (and one appended now, without storing with statements kept
     * out, could expose a chunk H2 stored while a statement ran).
     */
    void commitReadOnly() throws SQLException {
        Point point;
        commits.lock();
        try {
            point = lastPoint;
        } finally {
            commits.unlock();
        }
        awaitDurable(point);
        lastAcked.set(point);
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

    /** Whether the calling thread is inside the gate. */
    boolean isHeldByCurrentThread() {
        return commits.isHeldByCurrentThread();
    }

    Point lastAckedPointOfThisThread() {
        return lastAcked.get();
    }

    /** The newest point appended so far (durable or not). */
    Point lastPoint() {
        commits.lock();
        try {
            return lastPoint;
        } finally {
            commits.unlock();
        }
    }

    /**
     * A point covering every write so far, appended after storing what H2 left unsaved (called with
     * statements kept out): with H2's long write delay, that store is what puts the commit on the volume.
     * A commit that wrote nothing reuses the last point: it still waits for that point to be durable,
     * since it may have read data committed under it.
     */
    private Point pointCoveringAllWrites() throws SQLException {
        storeUnsaved.run();
        long modifications = file.modifications();
        if (modifications != modificationsAtLastPoint) {
            file.storedWithStatementsOut();
            try {
                lastPoint = volume.markLazily();
            } catch (RuntimeException e) {
                throw new SQLException("could not append a point to the volume", "58030", e);
            }
            modificationsAtLastPoint = modifications;
        }
        return lastPoint;
    }

    private void awaitDurable(Point point) throws SQLException {
        try {
            volume.awaitDurable(point);
        } catch (RuntimeException e) {
            throw new SQLException("commit is in the engine but its point did not become durable", "58030", e);
        }
    }
}
