package io.strata.engine;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.TimeUnit;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.tx.Transaction;

/**
 * Runs the statements of one connection so that none waits for a lock inside H2 for more than
 * {@value H2Transactions#LOCK_WAIT_MILLIS} ms (why: see {@link LockWaits}). H2's session keeps that
 * LOCK_TIMEOUT; the lock wait timeout the client asked for
 * ({@code SET LOCK_TIMEOUT}, which the MySQL layer sends for {@code innodb_lock_wait_timeout}, or the URL's)
 * is taken over here after every statement. A statement that meets a locked row fails at once inside H2,
 * which undoes the statement; it then waits in {@link LockWaits} for the holder to end, and runs again.
 *
 * <p>Outcomes as a client sees them: the statement succeeds after the wait; or H2's lock timeout error
 * (MySQL 1205) once the timeout has passed waiting for one holder; or a deadlock error (H2 40001, MySQL
 * 1213) with the whole transaction rolled back, when waiting would close a cycle (a cycle is confirmed by
 * running the statement once more, since H2 reuses transaction ids) or when H2 itself saw one during its
 * short wait; or a cancellation (H2 57014, MySQL 1317) on {@link #cancel()}. After every attempt the
 * transaction's sticky rollback hint is cleared ({@link H2Transactions#clearRollbackHint}).
 *
 * <p>Only executions that are one statement are run again: a JDBC batch or a text of several statements
 * may have done part of its work before the failing statement, so they fail at once on a locked row
 * (the MySQL wire protocol never hands either to the engine).
 *
 * <p>Concurrency: {@link #run} by the thread using the connection; {@link #cancel()} by any thread.
 */
final class LockWaiter {

    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(64);

    private final SessionLocal session;
    private final LockWaits waits;
    /** Rolls back the whole transaction of a deadlock victim. */
    private final CommitGate.Work<Void> rollBackTransaction;
    /** The lock wait timeout the client asked for, in ms. */
    private int timeoutMillis;
    private volatile boolean canceled;

    LockWaiter(SessionLocal session, LockWaits waits, CommitGate.Work<Void> rollBackTransaction) {
        this.session = session;
        this.waits = waits;
        this.rollBackTransaction = rollBackTransaction;
        this.timeoutMillis = session.getLockTimeout();
        session.setLockTimeout(H2Transactions.LOCK_WAIT_MILLIS);
    }

    /**
     * Runs {@code attempt}, and again after each lock wait if {@code retryable}.
     *
     * @throws SQLException the attempt's own error; H2's lock timeout error once the wait timed out or if
     *                      not {@code retryable}; a deadlock error; a cancellation error
     */
    <T> T run(CommitGate.Work<T> attempt, boolean retryable) throws SQLException {
        canceled = false;
        long deadline = 0;
        Transaction lastBlocker = null;
        boolean cycleSeen = false;
        long backoff = FIRST_BACKOFF_NANOS;
        while (true) {
            SQLException conflict;
            try {
                T result = attempt.run();
                afterAttempt();
                return result;
            } catch (SQLException e) {
                afterAttempt();
                if (e.getErrorCode() == ErrorCode.DEADLOCK_1 || H2Transactions.pickedAsDeadlockVictim(session)) {
                    throw deadlockVictim(e); // H2 saw a cycle in its short wait; a victim always ends its transaction
                }
                if (e.getErrorCode() != ErrorCode.LOCK_TIMEOUT_1 || !retryable) {
                    throw e;
                }
                conflict = e;
            }
            Transaction blocker = H2Transactions.blocker(session, conflict);
            if (deadline == 0 || (blocker != null && blocker != lastBlocker)) {
                // Each wait for a (new) holder gets the whole timeout, as each row lock wait does in MySQL.
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            }
            lastBlocker = blocker;
            LockWaits.Outcome outcome = waits.await(session.getTransaction(), blocker, deadline, backoff, this::canceled);
            if (canceled()) {
                throw new SQLException("Statement was canceled while waiting for a lock", "57014",
                        ErrorCode.STATEMENT_WAS_CANCELED);
            }
            switch (outcome) {
                case TIMED_OUT:
                    throw conflict;
                case DEADLOCK:
                    if (cycleSeen) {
                        throw deadlockVictim(conflict);
                    }
                    cycleSeen = true; // confirm with one more attempt: the blocker id may have been reused
                    break;
                default:
                    cycleSeen = false;
                    if (blocker == null) {
                        backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
                    }
                    break;
            }
        }
    }

    /** Cancels the execution in progress if it is waiting for a lock (KILL QUERY). Any thread. */
    void cancel() {
        canceled = true;
        waits.wakeUp();
    }

    /**
     * Whether the statement was cancelled: through {@link #cancel()}, or by a cancel of H2's session made
     * before this run began (which H2 keeps until a command sees it, or a query timeout that has passed).
     */
    private boolean canceled() {
        long at = session.getCancel();
        return canceled || (at != 0 && System.nanoTime() - at >= 0);
    }

    /**
     * Takes over a lock timeout the statement set in H2 and puts H2's back; clears the sticky rollback hint
     * a failed statement leaves (without it, others' statements meeting this transaction's locks would
     * spin inside H2 while holding their statement share).
     */
    private void afterAttempt() {
        int t = session.getLockTimeout();
        if (t != H2Transactions.LOCK_WAIT_MILLIS) {
            timeoutMillis = t;
            session.setLockTimeout(H2Transactions.LOCK_WAIT_MILLIS);
        }
        H2Transactions.clearRollbackHint(session);
    }

    /**
     * Throws a deadlock error, after rolling the transaction back, if H2 picked it as a deadlock victim
     * while it was not waiting (see {@link H2Transactions#pickedAsDeadlockVictim}). For a commit.
     */
    void failIfDeadlockVictim() throws SQLException {
        if (H2Transactions.pickedAsDeadlockVictim(session)) {
            throw deadlockVictim(new SQLException("picked as a deadlock victim by H2", "40001", ErrorCode.DEADLOCK_1));
        }
    }

    private SQLException deadlockVictim(SQLException conflict) {
        waits.deadlock();
        SQLException e = conflict.getErrorCode() == ErrorCode.DEADLOCK_1 ? conflict : new SQLTransactionRollbackException(
                "Deadlock detected. The current transaction was rolled back.", "40001", ErrorCode.DEADLOCK_1, conflict);
        try {
            rollBackTransaction.run();
        } catch (SQLException rollbackFailed) {
            e.addSuppressed(rollbackFailed);
        }
        waits.wakeUp();
        return e;
    }
}
