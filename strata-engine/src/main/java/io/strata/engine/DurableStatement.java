package io.strata.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A statement of a {@link DurableConnection}: every execution is routed through
 * {@link DurableConnection#execute} so that auto-commit, transaction-control SQL and DDL commit through
 * the commit gate.
 *
 * <p>Concurrency: used by the thread that uses its connection.
 */
final class DurableStatement implements InvocationHandler {

    private final Statement real;
    /** The SQL of a prepared or callable statement, null for a plain statement. */
    private final String preparedSql;
    /** The kind of {@link #preparedSql}, judged once. */
    private final SqlKind preparedKind;
    private final DurableConnection connection;
    /** For a plain statement's batch: the strongest kind among the SQL added so far. */
    private SqlKind batchKind = SqlKind.PLAIN;

    private DurableStatement(Statement real, String preparedSql, DurableConnection connection) {
        this.real = real;
        this.preparedSql = preparedSql;
        this.preparedKind = preparedSql == null ? null : SqlKind.of(preparedSql);
        this.connection = connection;
    }

    static <T extends Statement> T wrap(Class<T> type, Statement real, String preparedSql, DurableConnection connection) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new DurableStatement(real, preparedSql, connection)));
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "getConnection":
                return connection.proxy();
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "DurableStatement[" + real + "]";
            case "addBatch":
                if (args != null && args.length == 1 && args[0] instanceof String sql) {
                    batchKind = strongest(batchKind, SqlKind.of(sql));
                }
                return call(method, args);
            case "clearBatch":
                batchKind = SqlKind.PLAIN;
                return call(method, args);
            case "cancel":
                connection.cancel();
                return call(method, args);
            case "executeBatch":
            case "executeLargeBatch":
                SqlKind kind = preparedSql != null ? preparedKind : batchKind;
                batchKind = SqlKind.PLAIN;
                return connection.execute(kind == SqlKind.PLAIN || kind == SqlKind.READ ? SqlKind.PLAIN : SqlKind.MULTIPLE,
                        () -> call(method, args), null, false);
            case "execute":
            case "executeQuery":
            case "executeUpdate":
            case "executeLargeUpdate":
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                if (sql == null) {
                    return call(method, args);
                }
                SqlKind sqlKind = sql == preparedSql ? preparedKind : SqlKind.of(sql);
                if (name.equals("executeQuery") && handledHere(sqlKind)) {
                    throw new SQLException("statement does not return a result set: " + sql, "HY000");
                }
                return connection.execute(sqlKind, () -> call(method, args), noResult(method), true);
            default:
                return call(method, args);
        }
    }

    /** What an execution handled without H2 returns: no result set, no rows. */
    private static Object noResult(Method method) {
        Class<?> type = method.getReturnType();
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    /** Kinds answered by the wrapper without running anything in H2. */
    private static boolean handledHere(SqlKind kind) {
        return kind == SqlKind.BEGIN || kind == SqlKind.AUTOCOMMIT_ON || kind == SqlKind.AUTOCOMMIT_OFF;
    }

    private static SqlKind strongest(SqlKind a, SqlKind b) {
        return a == SqlKind.PLAIN || a == SqlKind.READ ? b : a;
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
