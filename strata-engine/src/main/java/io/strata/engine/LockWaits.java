package io.strata.engine;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.h2.mvstore.tx.Transaction;

/**
 * The lock waits of one database, held <em>outside</em> H2: which transaction waits for which, deadlock
 * detection over that graph, and the wake-up when a transaction ends.
 *
 * <p>Why outside: H2 snapshots its maps one by one when it stores a chunk, so no statement may change them
 * meanwhile ({@link CommitGate}). A statement waiting inside H2 for a row lock would be a statement
 * running: the commit that would release the lock could not store its chunk until the wait ended, and
 * when the wait ends (the lock holder commits or rolls back, or the wait times out) the statement
 * resumes at a moment nobody controls. So every H2 session runs with a LOCK_TIMEOUT of
 * {@value H2Transactions#LOCK_WAIT_MILLIS} ms: a statement that meets a locked row fails almost at once
 * (H2 rolls the statement back to its start), waits here holding nothing, and runs again (see
 * {@link LockWaiter}). H2's own deadlock detection only sees waits inside H2, so deadlocks are detected
 * here, on the same wait-for graph of H2 transactions.
 *
 * <p>Thread-safe: all state is guarded by {@code this}.
 */
final class LockWaits {

    /** How often a waiter checks its blocker's status, for ends it was not told about. */
    private static final long KNOWN_BLOCKER_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Waiting transaction -> the transaction holding the row it wants; guarded by {@code this}. */
    private final Map<Transaction, Transaction> waitingFor = new HashMap<>();
    /** Count of transaction ends signalled; guarded by {@code this}. */
    private long ends;
    private boolean closed;
    /** Waiters now, read without the lock so that ends are signalled only when someone waits. */
    private volatile int waiters;
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong deadlocks = new AtomicLong();

    /** What a statement that met a lock should do next. */
    enum Outcome {
        /** The blocker may be gone: run the statement again. */
        RETRY,
        /** The lock wait timeout passed. */
        TIMED_OUT,
        /** Waiting would close a cycle of waits: this transaction is the victim. */
        DEADLOCK
    }

    /**
     * Waits, holding nothing of the engine, until the statement of {@code waiter} is worth running again:
     * {@code blocker} has ended (null: any transaction ended, or {@code backoffNanos} passed), or the
     * database is closing, or {@code canceled} says so.
     *
     * <p>Checking for a cycle and registering the wait happen under one lock, so of two transactions that
     * start waiting for each other at once, the second always sees the first.
     *
     * @return {@link Outcome#DEADLOCK} (without waiting) if waiting for {@code blocker} would close a cycle;
     *         {@link Outcome#TIMED_OUT} once {@code deadlineNanos} passed; else {@link Outcome#RETRY}
     */
    Outcome await(Transaction waiter, Transaction blocker, long deadlineNanos, long backoffNanos,
                  BooleanSupplier canceled) throws SQLException {
        synchronized (this) {
            if (blocker != null) {
                if (closesCycle(waiter, blocker)) {
                    return Outcome.DEADLOCK;
                }
                waitingFor.put(waiter, blocker);
            }
            waits.incrementAndGet();
            waiters++;
            long seenEnds = ends;
            long retryAt = System.nanoTime() + (blocker == null ? backoffNanos : Long.MAX_VALUE / 4);
            try {
                while (!closed && !canceled.getAsBoolean()) {
                    if (blocker != null ? ended(blocker) : ends != seenEnds) {
                        return Outcome.RETRY;
                    }
                    long now = System.nanoTime();
                    if (now - deadlineNanos >= 0) {
                        return Outcome.TIMED_OUT;
                    }
                    if (now - retryAt >= 0) {
                        return Outcome.RETRY;
                    }
                    long sleep = Math.min(deadlineNanos - now, blocker != null ? KNOWN_BLOCKER_POLL_NANOS : retryAt - now);
                    TimeUnit.NANOSECONDS.timedWait(this, Math.max(sleep, 1));
                }
                return closed ? Outcome.TIMED_OUT : Outcome.RETRY;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a lock", "57014", 57014, e);
            } finally {
                waiters--;
                if (blocker != null) {
                    waitingFor.remove(waiter);
                }
            }
        }
    }

    /** Counts a deadlock victim. */
    void deadlock() {
        deadlocks.incrementAndGet();
    }

    /** Wakes the waiters: a transaction ended (committed or rolled back), or a waiter was canceled. */
    void wakeUp() {
        if (waiters == 0) {
            return;
        }
        synchronized (this) {
            ends++;
            notifyAll();
        }
    }

    /** The database is closing: every waiter gives up as if its lock wait timed out. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Statement executions that waited here for a lock. */
    long waits() {
        return waits.get();
    }

    /** Transactions rolled back as deadlock victims. */
    long deadlocks() {
        return deadlocks.get();
    }

    /** Whether {@code waiter} waiting for {@code blocker} closes a cycle of waits. Caller holds {@code this}. */
    private boolean closesCycle(Transaction waiter, Transaction blocker) {
        Transaction t = blocker;
        for (int hops = 0; t != null && hops <= waitingFor.size(); hops++) {
            if (t == waiter) {
                return true;
            }
            t = waitingFor.get(t);
        }
        return false;
    }

    private static boolean ended(Transaction t) {
        int status = t.getStatus();
        return status == Transaction.STATUS_CLOSED || status == Transaction.STATUS_COMMITTED;
    }
}
