package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Kind;
import io.strata.engine.mysql.SqlScanner.Token;
import io.strata.engine.mysql.functions.FunctionCatalog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One MySQL session over one H2 JDBC connection: executes MySQL statements with MySQL semantics.
 *
 * <p>Statements are intercepted by their leading keywords ({@link #execute}); what H2 runs natively is
 * passed through after {@link Rewriter rewriting}. All errors are MySQL errors ({@link MySqlErrors}).
 *
 * <p>Concurrency: used by one thread at a time, except {@link #cancel()}, which any thread may call.
 */
public final class MySqlSession implements AutoCloseable {
    private final Connection conn;
    private final SessionRegistry registry;
    private final SessionRegistry.Entry entry;
    private final long id;
    private final String user;
    private final String host;
    final SystemVariables vars = new SystemVariables();
    private String database;
    private boolean autocommit = true;
    private boolean inTransaction;
    private long lastInsertId;
    private long lastRowCount = -1;
    private long lastFoundRows;
    private final List<String[]> warnings = new ArrayList<>();
    private volatile Statement running;
    private final ForeignKeyChecks foreignKeys = new ForeignKeyChecks(this);

    public MySqlSession(Connection conn, SessionRegistry registry, long id, String user, String host, Runnable closer)
            throws SQLException {
        this.conn = conn;
        this.registry = registry;
        this.id = id;
        this.user = user;
        this.host = host;
        this.entry = registry.register(id, user, host, closer);
        this.entry.session = this;
        try {
            conn.setAutoCommit(true);
            conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            FunctionCatalog.install(conn, io.strata.engine.mysql.triggers.TriggerCatalog.DDL);
        } catch (SQLException e) {
            throw MySqlErrors.translate(e);
        }
    }

    public long connectionId() { return id; }
    public String user() { return user; }
    public String host() { return host; }
    /** The current database, or null if none is selected. */
    public String database() { return database; }
    public boolean autocommit() { return autocommit; }
    public boolean inTransaction() { return inTransaction; }
    public long lastInsertId() { return lastInsertId; }
    long lastRowCount() { return lastRowCount; }
    long lastFoundRows() { return lastFoundRows; }
    public int warningCount() { return warnings.size(); }
    Connection connection() { return conn; }
    SessionRegistry registry() { return registry; }
    List<String[]> warnings() { return warnings; }

    ForeignKeyChecks foreignKeys() {
        return foreignKeys;
    }

    boolean autocommitting() {
        return autocommit && !inTransaction;
    }

    /** Value of a system variable as seen by this session. */
    public Object variable(String name, boolean global) {
        String n = SystemVariables.canonical(name);
        if (!global) {
            switch (n) {
                case "autocommit": return autocommit ? 1L : 0L;
                case "last_insert_id": case "identity": return lastInsertId;
                case "warning_count": return (long) warnings.size();
                case "error_count": return 0L;
                case "pseudo_thread_id": return id;
                default: break;
            }
        }
        return global ? vars.getGlobal(n) : vars.get(n);
    }

    /** Splits multi-statement text (CLIENT_MULTI_STATEMENTS) into single statements. */
    public static List<String> split(String sql) {
        return SqlScanner.split(sql);
    }

    /** Executes one statement. */
    public Result execute(String sql) throws SQLException {
        entry.command = "Query";
        entry.info = sql;
        entry.commandStart = java.time.Instant.now();
        try {
            return dispatch(sql);
        } catch (SQLException e) {
            throw MySqlErrors.translate(e);
        } catch (RuntimeException e) { // a bug or an unexpected input: report it, keep the session usable
            throw MySqlErrors.internal(e);
        } finally {
            entry.command = "Sleep";
            entry.info = null;
        }
    }

    private Result dispatch(String sql) throws SQLException {
        String text = SqlScanner.expandComments(sql).strip();
        while (text.endsWith(";")) text = text.substring(0, text.length() - 1).strip();
        List<Token> t = SqlScanner.tokenize(text);
        if (t.isEmpty()) return Result.Update.OK;
        Result intercepted = Commands.intercept(this, text, t);
        if (intercepted != null) return intercepted;
        if (!t.get(0).is("SHOW") && !t.get(0).is("SET")) warnings.clear();
        if (first(t).is("SELECT")) {
            Result into = SelectInto.execute(this, text, t);
            if (into != null) return into;
        }
        String having = Rewriter.havingWithoutGroupBy(text, t);
        if (having != null) {
            text = having;
            t = SqlScanner.tokenize(text);
        }
        return runOnH2(Rewriter.rewrite(this, text, t), t.get(0));
    }

    private static Token first(List<Token> t) {
        return t.get(0);
    }

    Result runOnH2(String h2Sql, Token first) throws SQLException {
        boolean insert = first.is("INSERT") || first.is("REPLACE");
        try (Statement st = conn.createStatement()) {
            running = st;
            boolean hasRs;
            try {
                hasRs = insert ? st.execute(h2Sql, Statement.RETURN_GENERATED_KEYS) : st.execute(h2Sql);
            } catch (SQLException e) {
                SQLException m = MySqlErrors.translate(e);
                if (first.is("DROP") && m.getErrorCode() == MySqlErrors.ER_NO_SUCH_TABLE) { // MySQL: 1051 for DROP
                    throw MySqlErrors.error(1051, "42S02", m.getMessage().replace("Table '", "Unknown table '")
                            .replace("' doesn't exist", "'"));
                }
                throw m;
            }
            Result r = collect(st, hasRs, insert);
            if (first.is("TRUNCATE")) r = new Result.Update(0, 0, warnings.size(), ""); // MySQL reports 0 rows
            if (first.is("CREATE") || first.is("ALTER") || first.is("DROP") || first.is("TRUNCATE") || first.is("RENAME")) {
                inTransaction = false; // DDL commits implicitly, in MySQL and in H2
            }
            return r;
        } finally {
            running = null;
        }
    }

    /** Turns an executed statement's outcome into a {@link Result} and updates the session state. */
    Result collect(Statement st, boolean hasRs, boolean insert) throws SQLException {
        noteWarnings(st.getWarnings());
        if (!autocommit) inTransaction = true;
        if (hasRs) {
            try (ResultSet rs = st.getResultSet()) {
                Result.Rows rows = Results.materialize(rs);
                lastRowCount = -1;
                lastFoundRows = rows.rows().size();
                return rows;
            }
        }
        long count = Math.max(0, st.getLargeUpdateCount());
        lastRowCount = count;
        long insertId = 0;
        if (insert && count > 0) {
            try (ResultSet keys = st.getGeneratedKeys()) {
                if (keys != null && keys.next()) {
                    Object k = keys.getObject(1);
                    if (k instanceof Number n) insertId = n.longValue();
                }
            } catch (SQLException ignored) {
                // no generated keys
            }
            if (insertId != 0) lastInsertId = insertId;
        }
        return new Result.Update(count, insertId, warnings.size(), "");
    }

    private void noteWarnings(SQLWarning w) {
        while (w != null) {
            warnings.add(new String[] {"Warning", String.valueOf(w.getErrorCode()), w.getMessage()});
            w = w.getNextWarning();
        }
    }

    /** Prepares a statement for the binary protocol (COM_STMT_PREPARE). */
    public PreparedQuery prepare(String sql) throws SQLException {
        try {
            return PreparedQuery.prepare(this, sql);
        } catch (SQLException e) {
            throw MySqlErrors.translate(e);
        } catch (RuntimeException e) {
            throw MySqlErrors.internal(e);
        }
    }

    /** COM_INIT_DB / USE. */
    public void useDatabase(String name) throws SQLException {
        String db = Commands.normalizeDb(name);
        if (!Commands.databaseExists(this, db)) throw MySqlErrors.unknownDatabase(name);
        try (Statement st = conn.createStatement()) {
            st.execute("SET SCHEMA " + SqlScanner.quoteIdentifier(db));
        }
        database = db;
        vars.set("character_set_database", "utf8mb4");
    }

    void clearDatabase() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("SET SCHEMA PUBLIC");
        }
        database = null;
    }

    void begin() throws SQLException {
        if (inTransaction && !conn.getAutoCommit()) conn.commit();
        conn.setAutoCommit(false);
        inTransaction = true;
    }

    void endTransaction(boolean commit) throws SQLException {
        if (!conn.getAutoCommit()) {
            if (commit) conn.commit(); else conn.rollback();
        }
        if (autocommit) conn.setAutoCommit(true);
        inTransaction = false;
    }

    void setAutocommit(boolean on) throws SQLException {
        autocommit = on;
        if (on) {
            if (!conn.getAutoCommit()) conn.setAutoCommit(true);
            inTransaction = false;
        } else if (!inTransaction) {
            conn.setAutoCommit(false);
        }
    }

    void registerRunning(Statement st) {
        running = st;
    }

    /** Cancels the running statement, if any (KILL QUERY). Thread-safe. */
    public void cancel() {
        Statement st = running;
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // statement already finished
            }
        }
    }

    /** COM_RESET_CONNECTION: rolls back, resets variables and transaction state; keeps the database. */
    public void reset() throws SQLException {
        try {
            if (!conn.getAutoCommit()) conn.rollback();
            autocommit = true;
            conn.setAutoCommit(true);
            conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            inTransaction = false;
            vars.reset();
            warnings.clear();
            lastInsertId = 0;
        } catch (SQLException e) {
            throw MySqlErrors.translate(e);
        }
    }

    /** Column definitions of a table (COM_FIELD_LIST). */
    public List<ColumnInfo> fieldList(String table) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + SqlScanner.quoteIdentifier(table.toLowerCase())
                     + " WHERE 1=0")) {
            return ColumnInfo.of(rs.getMetaData());
        } catch (SQLException e) {
            throw MySqlErrors.translate(e);
        }
    }

    @Override
    public void close() {
        registry.unregister(id);
        try {
            foreignKeys.close();
        } catch (SQLException ignored) {
            // best effort: the client left foreign_key_checks=0
        }
        try {
            if (!conn.isClosed() && !conn.getAutoCommit()) conn.rollback();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            conn.close();
        } catch (SQLException ignored) {
            // nothing to do
        }
    }
}
