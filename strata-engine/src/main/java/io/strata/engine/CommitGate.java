package io.strata.engine;

import io.strata.engine.h2.AttachedVolume;
import io.strata.storage.Point;
import io.strata.storage.Volume;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The one door every commit of a database passes through: the commit runs in H2, a point covering its
 * writes is appended to the volume, and the caller is released only once that point is durable.
 *
 * <p>Ordering, and why:
 * <ol>
 *   <li>{@link #commits} is held around H2's commit and the append of the point. With WRITE_DELAY=0 the
 *       commit's chunk is on the volume when H2's commit returns; appending the point before another
 *       commit starts means the point is a state with no commit half done. Measured (research Q7):
 *       without this lock 0.7–1.9% of cuts showed a concurrently committing transaction half visible.</li>
 *   <li>While a commit stores its chunk, no statement runs ({@link #statements}: statements share it,
 *       a commit takes it exclusively). Why: H2 snapshots its maps one by one when it stores a chunk;
 *       a statement of another transaction running meanwhile can be captured half done and, after a
 *       crash, recovered as committed (CrashCutTest, 4 threads: with the commit lock alone 1 of 6,826
 *       and 1 of 8,401 cuts showed an uncommitted insert; with the exclusion 0 of 24,316 cuts over
 *       21,601 commits). A statement waiting inside H2 for a row lock holds its share, so the commit
 *       waits for it at most {@code exclusiveWait} and then commits without the exclusion (counted).</li>
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
    /** Shared by running statements, exclusive for a commit storing its chunk (non-fair: commits first). */
    private final ReentrantReadWriteLock statements = new ReentrantReadWriteLock();
    private final long exclusiveWaitNanos;
    private final AtomicLong commitsWithoutExclusion = new AtomicLong();
    /** The newest point appended, and the file's modification count then; guarded by {@link #commits}. */
    private Point lastPoint;
    private long modificationsAtLastPoint;
    /** The point each thread's last acknowledged commit waited for. */
    private final ThreadLocal<Point> lastAcked = new ThreadLocal<>();

    CommitGate(Volume volume, AttachedVolume file, Point opened, Duration exclusiveWait) {
        this.volume = volume;
        this.file = file;
        this.lastPoint = opened;
        this.modificationsAtLastPoint = file.modifications();
        this.exclusiveWaitNanos = exclusiveWait.toNanos();
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
            boolean exclusive = tryExclusive();
            try {
                result = work.run();
                point = pointCoveringAllWrites();
            } finally {
                if (exclusive) {
                    statements.writeLock().unlock();
                }
            }
        } finally {
            commits.unlock();
        }
        awaitDurable(point);
        lastAcked.set(point);
        return result;
    }

    /**
     * For a commit of a transaction that changed nothing: waits until everything committed so far is
     * durable (the transaction may have read it), without taking part in the commit order.
     */
    void commitReadOnly() throws SQLException {
        Point point;
        commits.lock();
        try {
            point = pointCoveringAllWrites();
        } finally {
            commits.unlock();
        }
        awaitDurable(point);
        lastAcked.set(point);
    }

    private boolean tryExclusive() throws SQLException {
        if (exclusiveWaitNanos == 0) {
            return false; // exclusion off (for measurements)
        }
        try {
            if (statements.writeLock().tryLock(exclusiveWaitNanos, TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to commit", "57014", e);
        }
        commitsWithoutExclusion.incrementAndGet();
        return false;
    }

    /** Whether the calling thread is inside the gate. */
    boolean isHeldByCurrentThread() {
        return commits.isHeldByCurrentThread();
    }

    /** Commits that waited {@link #exclusiveWaitNanos} for running statements and went ahead without. */
    long commitsWithoutExclusion() {
        return commitsWithoutExclusion.get();
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
     * A point covering every write so far. A commit that wrote nothing reuses the last point: it still
     * waits for that point to be durable, since it may have read data committed under it.
     */
    private Point pointCoveringAllWrites() throws SQLException {
        long modifications = file.modifications();
        if (modifications != modificationsAtLastPoint) {
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
