package io.strata.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.engine.SessionLocal;
import org.h2.message.DbException;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;

/**
 * The connection handed to clients: an H2 connection whose every commit goes through the database's
 * {@link CommitGate}, so a commit is durable on the volume before the call that made it returns.
 *
 * <p>H2 itself is always in manual-commit mode; this wrapper emulates JDBC auto-commit (and MySQL's
 * {@code BEGIN}/{@code START TRANSACTION}) by committing through the gate after each statement. Never
 * passed to H2: {@code BEGIN} and {@code SET autocommit}, which would switch H2's own auto-commit on
 * and let later commits bypass the gate.
 *
 * <p>No statement waits for a lock inside H2: each runs through the connection's {@link LockWaiter}, which
 * waits outside H2 and runs it again (see {@link LockWaits} for why). Queries of kind {@link SqlKind#READ}
 * change nothing in H2's maps and run without the gate's statement share, so a long report never holds
 * up commits.
 *
 * <p>Not covered: {@code unwrap} and {@code ResultSet.getStatement()} hand out H2's own objects, and
 * SQL run through them bypasses the gate and the lock waiter.
 *
 * <p>Concurrency: like any JDBC connection, used by one thread at a time.
 */
final class DurableConnection implements InvocationHandler {

    private final Connection real;
    private final SessionLocal session;
    private final CommitGate gate;
    private final LockWaits lockWaits;
    private final LockWaiter waiter;
    private final Connection proxy;
    /** The auto-commit mode the client asked for (JDBC default true). */
    private boolean autoCommit = true;
    /** True between BEGIN and COMMIT/ROLLBACK while in auto-commit mode. */
    private boolean explicitTransaction;

    private DurableConnection(Connection real, CommitGate gate, LockWaits lockWaits) {
        this.real = real;
        this.session = (SessionLocal) ((JdbcConnection) real).getSession();
        this.gate = gate;
        this.lockWaits = lockWaits;
        this.waiter = new LockWaiter(session, lockWaits, this::rollBack);
        this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this);
    }

    /** Wraps {@code real} (an embedded H2 connection), switching it to manual commit for good. */
    static Connection wrap(Connection real, CommitGate gate, LockWaits lockWaits) throws SQLException {
        real.setAutoCommit(false);
        return new DurableConnection(real, gate, lockWaits).proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "commit":
                commit();
                return null;
            case "rollback":
                if (args == null) {
                    explicitTransaction = false;
                    rollBack();
                    return null;
                }
                gate.statement(() -> call(method, args)); // to a savepoint: a statement, stores nothing
                H2Transactions.clearRollbackHint(session); // see H2Transactions
                lockWaits.wakeUp(); // locks taken since the savepoint are released
                return null;
            case "close":
                // Rolls back an open transaction, which stores a chunk: kept apart from statements.
                gate.rollback(() -> call(method, args));
                return null;
            case "setAutoCommit":
                setAutoCommit((Boolean) args[0]);
                return null;
            case "getAutoCommit":
                return autoCommit;
            case "setTransactionIsolation":
                // H2 commits an open transaction to change the level: that commit goes through the gate
                if (hasChanges()) commit();
                return gate.statement(() -> call(method, args));
            case "createStatement":
                return DurableStatement.wrap(Statement.class, (Statement) call(method, args), null, this);
            case "prepareStatement":
                return DurableStatement.wrap(PreparedStatement.class, (Statement) call(method, args), (String) args[0], this);
            case "prepareCall":
                return DurableStatement.wrap(CallableStatement.class, (Statement) call(method, args), (String) args[0], this);
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "DurableConnection[" + real + "]";
            default:
                break;
        }
        // Everything else (savepoints, metadata...) may change H2's maps: it runs as a statement, never
        // while a commit stores its chunk.
        return gate.statement(() -> call(method, args));
    }

    /** Rolls the whole transaction back; H2 stores a chunk for it, so statements are kept out. */
    private Void rollBack() throws SQLException {
        gate.rollback(() -> {
            real.rollback();
            return null;
        });
        return null;
    }

    /** KILL QUERY: cancels the statement running on this connection, inside H2 or waiting for a lock. */
    void cancel() {
        waiter.cancel();
    }

    Connection proxy() {
        return proxy;
    }

    /** Whether each statement is its own transaction right now. */
    private boolean effectiveAutoCommit() {
        return autoCommit && !explicitTransaction;
    }

    private void commit() throws SQLException {
        waiter.failIfDeadlockVictim();
        if (hasChanges()) {
            gate.commit(session, () -> {
                real.commit();
                return null;
            });
        } else {
            endReadOnlyTransaction();
            gate.commitReadOnly();
        }
        explicitTransaction = false;
    }

    /**
     * Ends H2's transaction of a session that changed nothing (its snapshot: the next statement must see
     * newer commits). H2's own commit, which {@code JdbcConnection.commit} runs as a prepared COMMIT command;
     * called directly, under the session's lock as that command does, it skips the command machinery,
     * which cost 12% of an autocommit point select (bench/run-engine.sh profile). A closed session goes
     * through JDBC for its error.
     */
    private void endReadOnlyTransaction() throws SQLException {
        if (session.isClosed()) {
            real.commit();
            return;
        }
        session.lock();
        try {
            session.commit(false);
        } catch (RuntimeException e) {
            throw DbException.toSQLException(e);
        } finally {
            session.unlock();
        }
    }

    /** Whether H2's transaction of this session has changed anything (else its commit stores nothing). */
    private boolean hasChanges() throws SQLException {
        return !(real instanceof JdbcConnection h2) || h2.getSession().hasPendingTransaction();
    }

    /** JDBC: changing the mode commits the current transaction; MySQL: so does SET autocommit=1. */
    private void setAutoCommit(boolean on) throws SQLException {
        if (on && !effectiveAutoCommit()) {
            commit();
        }
        autoCommit = on;
        explicitTransaction = false;
    }

    /**
     * Runs one statement, committing through the gate as its kind and the transaction mode require.
     *
     * @param kind      what the statement's SQL means for transactions
     * @param execution the call on the real statement
     * @param noResult  what the call returns when the statement is handled here instead of in H2
     * @param single    whether the execution is one statement (not a batch), which may be run again
     *                  after a lock wait
     */
    Object execute(SqlKind kind, CommitGate.Work<Object> execution, Object noResult, boolean single) throws SQLException {
        switch (kind) {
            case COMMIT:
                waiter.failIfDeadlockVictim();
                Object committed = gate.commit(session, execution);
                explicitTransaction = false;
                return committed;
            case ROLLBACK:
                explicitTransaction = false;
                return gate.rollback(execution);
            case BEGIN:
                // MySQL: START TRANSACTION first commits the transaction in progress.
                if (!effectiveAutoCommit()) {
                    commit();
                }
                explicitTransaction = autoCommit;
                return noResult;
            case AUTOCOMMIT_ON:
                setAutoCommit(true);
                return noResult;
            case AUTOCOMMIT_OFF:
                setAutoCommit(false);
                return noResult;
            case REFUSED:
                throw new SQLException("SHUTDOWN is not allowed on a Strata database; close it through Strata", "42000");
            case IMPLICIT_COMMIT:
            case MULTIPLE:
                // May commit inside H2 (DDL), so it runs inside the gate and is followed by a point. A DDL that
                // meets a table lock waits outside the gate, so the holder can commit meanwhile.
                return runOrRollBack(() -> waiter.run(() -> gate.commit(() -> {
                    Object r = execution.run();
                    if (effectiveAutoCommit()) {
                        real.commit();
                    }
                    return r;
                }), single && kind == SqlKind.IMPLICIT_COMMIT));
            case READ:
                // Changes nothing in H2's maps: no statement share (a commit may store meanwhile).
                if (!effectiveAutoCommit()) {
                    return waiter.run(execution, single);
                }
                return runOrRollBack(() -> {
                    Object r = waiter.run(execution, single);
                    commit();
                    return r;
                });
            default:
                if (!effectiveAutoCommit()) {
                    return waiter.run(() -> statementWatchingForCommit(execution), single);
                }
                return runOrRollBack(() -> gate.statementThenCommit(() -> {
                    Object r = waiter.run(() -> statementWatchingForCommit(execution), single);
                    commit();
                    return r;
                }));
        }
    }

    /**
     * Runs a statement in the gate and tells the gate if H2 ended the transaction inside it: H2 commits the
     * transaction in progress before a statement it runs outside transactions (some SET commands, for
     * instance). Such a commit passed no capture for the redo log, so the next point must store a chunk.
     * A statement that starts a transaction and commits it inside leaves no trace here; the statements
     * that do that (DDL) are of kind {@link SqlKind#IMPLICIT_COMMIT} and commit through the gate.
     */
    private Object statementWatchingForCommit(CommitGate.Work<Object> execution) throws SQLException {
        if (!session.isClosed()) {
            try {
                H2Transactions.lockLatestRows(session); // MySQL's current read under REPEATABLE READ
            } catch (DbException e) {
                throw DbException.toSQLException(e); // a closing database, for instance: the statement's own error
            }
        }
        Transaction before = H2Transactions.current(session);
        boolean pending = before != null && before.hasChanges();
        try {
            return gate.statement(execution);
        } finally {
            if (pending && (H2Transactions.current(session) != before || before.getStatus() == Transaction.STATUS_CLOSED)) {
                gate.committedInsideStatement();
            }
        }
    }

    /** In auto-commit mode a failed statement leaves nothing behind. */
    private Object runOrRollBack(CommitGate.Work<Object> work) throws SQLException {
        try {
            return work.run();
        } catch (SQLException | RuntimeException e) {
            if (effectiveAutoCommit()) {
                try {
                    rollBack();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private Object call(Method method, Object[] args) throws SQLException {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sqlException) {
                throw sqlException;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new SQLException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
