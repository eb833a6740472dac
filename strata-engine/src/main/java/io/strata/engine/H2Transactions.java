package io.strata.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.engine.IsolationLevel;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionMap;

/**
 * What the lock waits outside H2 ({@link LockWaits}) need from H2's transaction internals, in one place.
 * H2 is pinned at 2.5.252; the class checks at load time that the internals it reads are there and fails
 * loudly otherwise.
 *
 * <p><b>The sticky rollback hint.</b> When a statement fails, H2 rolls its transaction back to the
 * statement's savepoint and sets a flag in the transaction's state ({@code hasRollback}) that it never
 * clears until the transaction ends. A statement of another transaction that meets a row locked by a
 * transaction with that flag does not wait: {@code Transaction.waitForThisToEnd} returns at once ("the
 * lock may be gone, look again"), and {@code TransactionMap.set} loops, burning a CPU and ignoring
 * LOCK_TIMEOUT, until the holder ends (measured on 2.5.252: a waiter given LOCK_TIMEOUT=500 ms spun 3 s
 * until the holder, which had had one duplicate-key error, committed). With the commit gate that is a
 * deadlock: the spinning statement holds its share, and the holder cannot commit until it is released.
 * The flag is only that wake-up hint (H2 reads it nowhere else), and no statement here waits inside H2
 * for more than {@link #LOCK_WAIT_MILLIS}, so the engine clears it after every statement
 * ({@link #clearRollbackHint}).
 *
 * <p><b>Current reads under REPEATABLE READ.</b> MySQL's REPEATABLE READ reads a snapshot in plain SELECTs,
 * but UPDATE, DELETE and locking reads act on the latest committed row (a "current read"). H2's
 * REPEATABLE READ instead refuses to lock a row whose committed value differs from the transaction's
 * snapshot ({@code TxDecisionMaker.RepeatableReadLockDecisionMaker}) and rolls the whole transaction back
 * as a deadlock. So a row-lock wait whose holder committed, or any update of a row another transaction
 * changed since the snapshot, became error 1213 (measured: bench-oltp's read_write at 4 connections had
 * 1-3 such 1213s per 10 s run, about every row conflict; MariaDB had none). H2's READ COMMITTED locks the
 * latest row and its statements then recheck their condition on it ({@code
 * DataChangeStatement.lockAndRecheckCondition}, which H2 runs at every isolation level); that is MySQL's
 * current read. {@link #lockLatestRows} gives a REPEATABLE READ transaction READ COMMITTED's lock decision
 * in every map it opens, and nothing else: its reads keep their snapshot.
 */
final class H2Transactions {

    /**
     * The LOCK_TIMEOUT every H2 session runs with: a statement meeting a locked row waits this long inside
     * H2 at most. Not 0: H2 treats a timeout of 0 as "use the default" (2 s).
     */
    static final int LOCK_WAIT_MILLIS = 1;

    /** How H2 names the holder of a locked row in its lock-timeout message (TransactionMap.set). */
    private static final Pattern BLOCKER = Pattern.compile("is locked by tx (\\d+) ");

    private static final MethodHandle SESSION_TRANSACTION;
    private static final MethodHandle TRANSACTION_STATE;
    private static final Field TRANSACTION_MAPS;
    private static final Field LOCK_DECISION_MAKER;
    private static final Class<?> SNAPSHOT_LOCK_DECISION;
    private static final Constructor<?> LATEST_ROW_LOCK_DECISION;
    /** The {@code hasRollback} bit of {@code Transaction.statusAndLogId}. */
    private static final long ROLLBACK_HINT;
    /** {@code Transaction.STATUS_ROLLING_BACK}: what H2's deadlock detection sets on the victim it picks. */
    private static final int ROLLING_BACK;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SESSION_TRANSACTION = lookup.unreflectGetter(accessible(SessionLocal.class, "transaction"));
            TRANSACTION_STATE = lookup.unreflectGetter(accessible(Transaction.class, "statusAndLogId"));
            int statusBits = accessible(Transaction.class, "STATUS_BITS").getInt(null);
            int logIdBits1 = accessible(Transaction.class, "LOG_ID_BITS1").getInt(null);
            ROLLBACK_HINT = 1L << (statusBits + logIdBits1);
            ROLLING_BACK = accessible(Transaction.class, "STATUS_ROLLING_BACK").getInt(null);
            TRANSACTION_MAPS = accessible(Transaction.class, "transactionMaps");
            LOCK_DECISION_MAKER = accessible(TransactionMap.class, "lockDecisionMaker");
            SNAPSHOT_LOCK_DECISION = Class.forName("org.h2.mvstore.tx.TxDecisionMaker$RepeatableReadLockDecisionMaker");
            LATEST_ROW_LOCK_DECISION = Class.forName("org.h2.mvstore.tx.TxDecisionMaker$LockDecisionMaker")
                    .getDeclaredConstructor(int.class, Transaction.class);
            LATEST_ROW_LOCK_DECISION.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("H2's transaction internals are not those of H2 2.5.252, which the "
                    + "engine's lock waits rely on (see H2Transactions): " + e);
        }
    }

    private H2Transactions() {
    }

    /** The session's current transaction, or null if it has none (without starting one). */
    static Transaction current(SessionLocal session) {
        try {
            return (Transaction) SESSION_TRANSACTION.invoke(session);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Clears the sticky rollback hint of the session's transaction, if set (see the class comment). */
    static void clearRollbackHint(SessionLocal session) {
        Transaction t = current(session);
        if (t == null) {
            return;
        }
        AtomicLong state;
        try {
            state = (AtomicLong) TRANSACTION_STATE.invoke(t);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        long s;
        do {
            s = state.get();
        } while ((s & ROLLBACK_HINT) != 0 && !state.compareAndSet(s, s & ~ROLLBACK_HINT));
    }

    /**
     * Makes the session's transaction lock rows as MySQL's REPEATABLE READ does (see the class comment):
     * starts the transaction if none is open, and if it is REPEATABLE READ, gives every map it has opened
     * and will open the lock decision of READ COMMITTED. Called before each statement that may lock rows,
     * on the session's own thread.
     */
    static void lockLatestRows(SessionLocal session) {
        Transaction t = session.getTransaction();
        if (t.getIsolationLevel() != IsolationLevel.REPEATABLE_READ) {
            return;
        }
        try {
            Object maps = TRANSACTION_MAPS.get(t);
            if (!(maps instanceof LatestRowLocking)) {
                TRANSACTION_MAPS.set(t, new LatestRowLocking(t, castMaps(maps)));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Integer, TransactionMap<?, ?>> castMaps(Object maps) {
        return (Map<Integer, TransactionMap<?, ?>>) maps;
    }

    /**
     * A transaction's map of its open maps that switches each map it is given to the latest-row lock
     * decision. H2 only gets, puts, clears and iterates it.
     */
    private static final class LatestRowLocking extends HashMap<Integer, TransactionMap<?, ?>> {
        private final transient Transaction transaction;

        LatestRowLocking(Transaction transaction, Map<Integer, TransactionMap<?, ?>> open) {
            this.transaction = transaction;
            open.forEach(this::put);
        }

        @Override
        public TransactionMap<?, ?> put(Integer mapId, TransactionMap<?, ?> map) {
            try {
                if (SNAPSHOT_LOCK_DECISION.isInstance(LOCK_DECISION_MAKER.get(map))) {
                    LOCK_DECISION_MAKER.set(map, LATEST_ROW_LOCK_DECISION.newInstance(mapId, transaction));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot give H2's map the latest-row lock decision", e);
            }
            return super.put(mapId, map);
        }
    }

    /**
     * Whether H2's own deadlock detection picked the session's transaction as a victim. H2 checks for a
     * cycle when a statement starts its (1 ms) wait, and marks the youngest transaction of the cycle
     * ROLLING_BACK; when that transaction has already left its wait, H2 does not roll it back, and every
     * later statement or commit of it fails ("has status ROLLING_BACK, not OPEN"). The engine then rolls
     * it back as a deadlock victim.
     */
    static boolean pickedAsDeadlockVictim(SessionLocal session) {
        Transaction t = current(session);
        return t != null && t.getStatus() == ROLLING_BACK;
    }

    /**
     * The transaction holding the row that {@code conflict} (H2's LOCK_TIMEOUT_1) failed on, or null if it
     * is not a row lock (a table lock, a concurrent update) or the holder has ended already.
     */
    static Transaction blocker(SessionLocal session, SQLException conflict) {
        for (Throwable t = conflict; t != null; t = t.getCause()) {
            String message = t.getMessage();
            Matcher m = message == null ? null : BLOCKER.matcher(message);
            if (m != null && m.find()) {
                int id = Integer.parseInt(m.group(1));
                for (Transaction tx : session.getDatabase().getStore().getTransactionStore().getOpenTransactions()) {
                    if (tx.getId() == id) {
                        return tx;
                    }
                }
                return null;
            }
        }
        return null;
    }

    private static Field accessible(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
